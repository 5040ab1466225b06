import { messages, protocol, type PGlite, type Transaction } from '@electric-sql/pglite';
import { readReplies, type Replies } from './pglite-replies.js';

// PGlite's own `query()` makes six calls into the WASM backend per statement (Parse,
// Describe statement, Bind, Describe portal, Execute, Sync), parsing and planning the text
// again each time. This path prepares each parameterised text once as a named statement
// (Parse + Describe 'S' in one call, keeping its parameter types) and then runs it with ONE
// call: Bind + Describe 'P' + Execute + Sync. Parameters are serialised and rows parsed
// with PGlite's own serialisers and parsers (by type OID), and errors are PGlite's errors
// (`DatabaseError` with `.code`, `.query`, `.params`), so callers see exactly what
// `pg.query()` gives them. Every batch ends in Sync, so an error never leaves the protocol
// waiting: PostgreSQL skips the rest of the batch and answers the Sync. The answer is read
// from the raw bytes (pglite-replies.ts), so notifications a statement sends are handed to
// the callbacks registered through `listen` here (PGlite's own listeners get the ones sent
// by what PGlite itself runs: COMMIT, exec).

/** Statements kept prepared at most; the least recently used is closed to make room. */
export const DEFAULT_MAX_PREPARED = 1000;

/** Command tags after which a cached statement's result type may have changed. */
const SCHEMA_CHANGES = new Set(['CREATE', 'ALTER', 'DROP', 'DEALLOCATE', 'DISCARD']);

interface Prepared {
  readonly name: string;
  readonly paramTypes: readonly number[];
}

type Backend = Pick<
  PGlite,
  '_checkReady' | '_runExclusiveQuery' | '_runExclusiveTransaction' | 'execProtocolRawStream' | 'syncToFs' | 'serializers' | 'parsers' | 'listen'
>;

export interface PgliteStatements {
  /** Like `pg.query(sql, params)` (outside a transaction): its rows. */
  query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Like `tx.query(sql, params)` inside `pg.transaction`. */
  queryIn<Row>(tx: Pick<Transaction, 'closed'>, sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Like `pg.transaction(work)`, with `work` given a `query` on this path (and BEGIN and COMMIT on it too). */
  transaction<T>(work: (tx: { query: PgliteStatements['query'] }) => Promise<T>): Promise<T>;
  /**
   * Like `pg.listen(channel, onNotification)`, and also called for what statements run here
   * notify. Resolves with the function that stops listening.
   */
  listen(channel: string, onNotification: (payload: string) => void): Promise<() => Promise<void>>;
  /** Forgets every prepared statement (closed on the next prepare); after a schema change. */
  forgetAll(): void;
  /**
   * Runs `script` (which changes the schema, outside this path: `pg.exec`), forgetting every
   * prepared statement before and after it, and before any statement that runs meanwhile (one
   * queued behind the script runs before this function regains control).
   */
  schemaScript<T>(script: () => Promise<T>): Promise<T>;
  /** How many statements are prepared now (tests). */
  readonly size: number;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** What PGlite's `makePGliteError` does to a backend error. */
const asPgliteError = (error: unknown, query: string, params: readonly unknown[]): unknown => {
  if (error instanceof messages.DatabaseError) {
    Object.assign(error, { query, params, queryOptions: undefined });
  }
  return error;
};

/** What PGlite throws when COMMIT rolled back (a statement in the transaction had failed). */
class RolledBack extends messages.DatabaseError {
  constructor() {
    super('Transaction was rolled back instead of committed', 0, 'error');
    Object.assign(this, { severity: 'ERROR', code: '25P02', query: 'COMMIT', params: undefined, queryOptions: undefined });
  }
}

/** A cached statement that the backend no longer accepts as it was prepared. */
const isStale = (error: unknown): boolean =>
  error instanceof messages.DatabaseError &&
  ((error.code === '0A000' && /cached plan must not change result type/.test(error.message)) || error.code === '26000');

/** PGlite's `toPostgresName`: a quoted channel keeps its case, an unquoted one is lower-cased. */
const channelName = (channel: string) => (channel.startsWith('"') && channel.endsWith('"') ? channel.slice(1, -1) : channel.toLowerCase());

export function pgliteStatements(pg: Backend, maxPrepared = DEFAULT_MAX_PREPARED): PgliteStatements {
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const notify = (channel: string, payload: string) => {
    // As PGlite: each listener in a microtask, after the code running now.
    for (const listener of listeners.get(channel) ?? []) queueMicrotask(() => listener(payload));
  };
  const prepared = new Map<string, Prepared>();
  /** Names forgotten but not yet closed in the backend: closed in front of the next Parse. */
  let toClose: string[] = [];
  let counter = 0;
  /** Set when a statement in the current transaction changed the schema. */
  let schemaChangedInTransaction = false;
  /** Scripts running (see `schemaScript`). */
  let scripts = 0;
  /** A transaction began but its BEGIN is not sent yet: it goes in front of the first statement. */
  let beginPending = false;
  /** Parse + Bind + Execute of a text without parameters (the unnamed statement), before a Sync. */
  const unnamed = (sql: string) => [protocol.serialize.parse({ text: sql }), protocol.serialize.bind({ values: [] }), protocol.serialize.execute()];
  const BEGIN = unnamed('begin');

  const forgetAll = () => {
    for (const statement of prepared.values()) toClose.push(statement.name);
    prepared.clear();
  };

  const forget = (sql: string, statement: Prepared) => {
    if (prepared.get(sql) === statement) prepared.delete(sql);
    toClose.push(statement.name);
  };

  /** The parameter values as PGlite's `query()` serialises them (by the parameter's type OID). */
  const serialize = (params: readonly unknown[], paramTypes: readonly number[]): (string | null)[] =>
    params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = pg.serializers[paramTypes[i]!];
      return serializer ? serializer(param) : (param as { toString(): string }).toString();
    });

  /** One call into the backend; its answer read, its first error thrown as PGlite's. */
  const send = async (message: Uint8Array, sql: string, params: readonly unknown[]): Promise<Replies> => {
    const chunks: Uint8Array[] = [];
    const withBegin = beginPending;
    if (withBegin) {
      // The transaction's BEGIN rides with its first statement: one call for both.
      beginPending = false;
      message = concat([...BEGIN, message]);
    }
    // The bytes are a view of the WASM memory, reused by the next write: copied.
    await pg.execProtocolRawStream(message, { syncToFs: false, onRawData: (bytes) => void chunks.push(bytes.slice()) });
    const replies = readReplies(chunks.length === 1 ? chunks[0]! : concat(chunks), pg.parsers, notify, withBegin ? 1 : 0);
    if (replies.error !== undefined) throw asPgliteError(replies.error, sql, params);
    return replies;
  };

  const rowsOf = <Row>(replies: Replies, inTransaction: boolean): Row[] => {
    if (replies.commands.some((command) => SCHEMA_CHANGES.has(command))) {
      forgetAll();
      if (inTransaction) schemaChangedInTransaction = true;
    }
    return replies.rows as Row[];
  };

  /** Parse + Describe 'S' (+ Sync) as a new named statement, closing the forgotten ones first. */
  const prepare = async (sql: string, params: readonly unknown[]): Promise<Prepared> => {
    // Names are never reused (a counter, not a hash of the text): no two texts can meet on one.
    const name = `reqio_${++counter}`;
    if (prepared.size >= maxPrepared) {
      const [oldestSql, oldest] = prepared.entries().next().value!;
      forget(oldestSql, oldest);
    }
    const closes = toClose.map((stale) => protocol.serialize.close({ type: 'S', name: stale }));
    toClose = [];
    const replies = await send(
      concat([...closes, protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]),
      sql,
      params,
    );
    const statement: Prepared = { name, paramTypes: replies.paramTypes };
    prepared.set(sql, statement);
    return statement;
  };

  /** `first` messages, then Describe 'P' + Execute + Sync, in one call; the rows it answers. */
  const call = async <Row>(first: Uint8Array[], sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> => {
    const tail = [protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute(), protocol.serialize.sync()];
    return rowsOf<Row>(await send(concat([...first, ...tail]), sql, params), inTransaction);
  };

  /** Bind the prepared statement, one call. */
  const execute = <Row>(statement: Prepared, sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> =>
    call<Row>([protocol.serialize.bind({ statement: statement.name, values: serialize(params, statement.paramTypes) })], sql, params, inTransaction);

  /** No parameters: nothing to serialise, so Parse + Bind go with the rest in one call, unnamed. */
  const once = <Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> =>
    call<Row>([protocol.serialize.parse({ text: sql }), protocol.serialize.bind({ values: [] })], sql, params, inTransaction);

  /** Runs one statement; the caller holds PGlite's query lock. */
  const run = async <Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> => {
    if (scripts > 0) forgetAll();
    if (params.length === 0) return once<Row>(sql, params, inTransaction);
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = await prepare(sql, params);
    } else {
      // Most recently used last (a Map keeps insertion order): the first is the one to close.
      prepared.delete(sql);
      prepared.set(sql, statement);
    }
    try {
      return await execute<Row>(statement, sql, params, inTransaction);
    } catch (error) {
      if (!isStale(error)) throw error;
      // A schema change the statement was prepared before (a migration): prepare it again.
      // In a transaction the error has aborted it, so it surfaces (the next call re-prepares);
      // outside one nothing ran, so it is retried once.
      forget(sql, statement);
      if (inTransaction) throw error;
      statement = await prepare(sql, params);
      return execute<Row>(statement, sql, params, inTransaction);
    }
  };

  const self: PgliteStatements = {
    async query<Row>(sql: string, params: readonly unknown[]) {
      await pg._checkReady();
      // As `pg.query()`: wait for any transaction, then for the query lock.
      return pg._runExclusiveTransaction(() =>
        pg._runExclusiveQuery(async () => {
          const rows = await run<Row>(sql, params, false);
          await pg.syncToFs();
          return rows;
        }),
      );
    },
    async queryIn<Row>(tx: Pick<Transaction, 'closed'>, sql: string, params: readonly unknown[]) {
      if (tx.closed) throw new Error('Transaction is closed');
      return pg._runExclusiveQuery(() => run<Row>(sql, params, true));
    },
    async transaction(work) {
      // As `pg.transaction(work)` (in the same order of waits: a script queued first runs
      // first), with BEGIN, COMMIT and ROLLBACK on this path too, where PGlite's own path
      // makes five calls into the backend for each (Parse, Describe, Bind, …): BEGIN goes with
      // the first statement, COMMIT and ROLLBACK are one call each, and a transaction that ran
      // no statement makes none.
      await pg._checkReady();
      return pg._runExclusiveTransaction(async () => {
        const control = (sql: 'commit' | 'rollback') =>
          pg._runExclusiveQuery(async () => {
            if (beginPending) {
              // Nothing ran: there is nothing to end.
              beginPending = false;
              return undefined;
            }
            return send(concat([...unnamed(sql), protocol.serialize.sync()]), sql, []);
          });
        beginPending = true;
        const tx = { closed: false };
        schemaChangedInTransaction = false;
        try {
          const result = await work({ query: (sql, params) => self.queryIn(tx, sql, params) });
          tx.closed = true;
          // A statement that failed (and whose error the work caught) aborted the transaction: COMMIT rolls back, an error as with PGlite.
          if ((await control('commit'))?.commands.includes('ROLLBACK')) throw new RolledBack();
          await pg.syncToFs();
          return result;
        } catch (error) {
          if (!tx.closed) {
            tx.closed = true;
            await control('rollback');
          }
          throw error;
        } finally {
          beginPending = false;
          // A schema change that is rolled back changes result types again: start afresh.
          if (schemaChangedInTransaction) forgetAll();
          schemaChangedInTransaction = false;
        }
      });
    },
    async listen(channel, onNotification) {
      const unlisten = await pg.listen(channel, onNotification);
      const name = channelName(channel);
      let set = listeners.get(name);
      if (set === undefined) listeners.set(name, (set = new Set()));
      set.add(onNotification);
      return async () => {
        set.delete(onNotification);
        if (set.size === 0 && listeners.get(name) === set) listeners.delete(name);
        await unlisten();
      };
    },
    forgetAll,
    async schemaScript(script) {
      scripts++;
      forgetAll();
      try {
        return await script();
      } finally {
        scripts--;
        forgetAll();
      }
    },
    get size() {
      return prepared.size;
    },
  };
  return self;
}
