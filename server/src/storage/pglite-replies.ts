import { messages, types, type PGlite } from '@electric-sql/pglite';

// PGlite's own reading of the backend's answer (pg-protocol's Parser, then parseResults)
// copies every field into a new ArrayBuffer, decodes it with a TextDecoder, builds message
// objects and then rows from them: for a 100-row answer that is five times the time the
// backend takes to produce it. This reads the raw bytes once, straight into rows, and gives
// exactly what `parseResults(messages, pg.parsers)[0].rows` gives (the first result set,
// fields parsed by type OID with the same parsers), the same `DatabaseError` (fields as
// pg-protocol sets them) for the first error, and hands notifications on as PGlite would
// (none after an error).

export interface Replies {
  /** The rows of the first result set ([] when none completed). */
  rows: Record<string, unknown>[];
  /** The parameter types of a Describe 'S' ([] when none). */
  paramTypes: number[];
  /** The first word of each CommandComplete tag ("SELECT", "ALTER", ...). */
  commands: string[];
  /** The first error, as PGlite's parser makes it. */
  error: messages.DatabaseError | undefined;
}

const decoder = new TextDecoder('utf-8');

/** A field as pg-protocol decodes it (a TextDecoder, which drops a leading byte-order mark), faster. */
function text(buffer: Buffer, start: number, end: number): string {
  if (end - start >= 3 && buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf) {
    return decoder.decode(buffer.subarray(start, end));
  }
  return buffer.toString('utf8', start, end);
}

function cstringEnd(buffer: Buffer, start: number): number {
  const end = buffer.indexOf(0, start);
  return end === -1 ? buffer.length : end;
}

/** pg-protocol's `#parseErrorMessage` for an ErrorResponse. */
function databaseError(buffer: Buffer, start: number, length: number): messages.DatabaseError {
  const fields: Record<string, string> = {};
  let offset = start;
  while (offset < buffer.length && buffer[offset] !== 0) {
    const type = String.fromCharCode(buffer[offset]!);
    const end = cstringEnd(buffer, offset + 1);
    fields[type] = text(buffer, offset + 1, end);
    offset = end + 1;
  }
  const error = new messages.DatabaseError(fields.M!, length, 'error');
  error.severity = fields.S;
  error.code = fields.C;
  error.detail = fields.D;
  error.hint = fields.H;
  error.position = fields.P;
  error.internalPosition = fields.p;
  error.internalQuery = fields.q;
  error.where = fields.W;
  error.schema = fields.s;
  error.table = fields.t;
  error.column = fields.c;
  error.dataType = fields.d;
  error.constraint = fields.n;
  error.file = fields.F;
  error.line = fields.L;
  error.routine = fields.R;
  return error;
}

type Parser = (value: string, typeId: number) => unknown;

/**
 * Reads the whole answer to one batch. `onNotification` gets each NotificationResponse
 * before the first error (PGlite's rule). The first `skip` commands (a BEGIN sent in front
 * of the statement) give no result set.
 */
export function readReplies(bytes: Uint8Array, parsers: PGlite['parsers'], onNotification: (channel: string, payload: string) => void, skip = 0): Replies {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const replies: Replies = { rows: [], paramTypes: [], commands: [], error: undefined };
  let completed: Record<string, unknown>[] | undefined;
  let names: string[] = [];
  let typeIds: number[] = [];
  let fieldParsers: (Parser | undefined)[] = [];
  let plainNames = true;
  let rows: Record<string, unknown>[] = [];
  let sawParameters = false;
  let offset = 0;
  while (offset + 5 <= buffer.length) {
    const code = buffer[offset]!;
    const length = buffer.readUInt32BE(offset + 1);
    const start = offset + 5;
    const end = offset + 1 + length;
    if (length < 4 || end > buffer.length) break;
    offset = end;
    if (replies.error !== undefined) continue;
    switch (code) {
      case 0x44: {
        // DataRow
        const count = buffer.readInt16BE(start);
        let at = start + 2;
        const values: unknown[] = new Array(count);
        for (let i = 0; i < count; i++) {
          const size = buffer.readInt32BE(at);
          at += 4;
          if (size === -1) {
            values[i] = null;
          } else {
            const value = text(buffer, at, at + size);
            at += size;
            const parser = fieldParsers[i];
            values[i] = parser ? parser(value, typeIds[i]!) : value;
          }
        }
        if (plainNames) {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < count; i++) row[names[i]!] = values[i];
          rows.push(row);
        } else {
          rows.push(Object.fromEntries(values.map((value, i) => [names[i], value])));
        }
        break;
      }
      case 0x54: {
        // RowDescription
        const count = buffer.readInt16BE(start);
        let at = start + 2;
        names = new Array(count);
        typeIds = new Array(count);
        fieldParsers = new Array(count);
        plainNames = true;
        for (let i = 0; i < count; i++) {
          const nameEnd = cstringEnd(buffer, at);
          const name = text(buffer, at, nameEnd);
          at = nameEnd + 1 + 4 + 2; // table OID, column number
          const typeId = buffer.readInt32BE(at);
          at += 4 + 2 + 4 + 2; // type OID, size, modifier, format
          names[i] = name;
          typeIds[i] = typeId;
          fieldParsers[i] = (parsers[typeId] ?? types.parsers[typeId]) as Parser | undefined;
          // Object.fromEntries defines "__proto__" as an own property; an assignment would not.
          if (name === '__proto__') plainNames = false;
        }
        break;
      }
      case 0x43: {
        // CommandComplete
        const tag = text(buffer, start, cstringEnd(buffer, start));
        replies.commands.push(tag.split(' ')[0]!);
        if (replies.commands.length > skip) completed ??= rows;
        rows = [];
        break;
      }
      case 0x74: {
        // ParameterDescription
        if (sawParameters) break;
        sawParameters = true;
        const count = buffer.readUInt16BE(start);
        for (let i = 0; i < count; i++) replies.paramTypes.push(buffer.readInt32BE(start + 2 + i * 4));
        break;
      }
      case 0x41: {
        // NotificationResponse
        const channelEnd = cstringEnd(buffer, start + 4);
        const channel = text(buffer, start + 4, channelEnd);
        const payload = text(buffer, channelEnd + 1, cstringEnd(buffer, channelEnd + 1));
        onNotification(channel, payload);
        break;
      }
      case 0x45:
        // ErrorResponse
        replies.error = databaseError(buffer, start, length);
        break;
      case 0x31: // ParseComplete
      case 0x32: // BindComplete
      case 0x33: // CloseComplete
      case 0x6e: // NoData
      case 0x73: // PortalSuspended
      case 0x49: // EmptyQueryResponse
      case 0x5a: // ReadyForQuery
      case 0x4e: // NoticeResponse (PGlite only logs it in debug mode)
      case 0x53: // ParameterStatus
        break;
      default:
        // What pg-protocol's parser makes of a message it does not know (COPY is not for this path).
        replies.error = new messages.DatabaseError(`received invalid response: ${code.toString(16)}`, length, 'error');
    }
  }
  replies.rows = completed ?? [];
  return replies;
}
