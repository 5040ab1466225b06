import pg from 'pg';

const MAX_RECONNECT_DELAY_MS = 5_000;
const FIRST_CONNECT_TIMEOUT_MS = 5_000;

/**
 * LISTENs on `channel` through a dedicated connection (pool connections come and go; a
 * listener must stay). When the connection is lost it reconnects with backoff and calls
 * `onGap`, since notifications sent meanwhile are gone. Resolves once listening, or after
 * the first attempt fails (it keeps trying in the background: callers poll as a fallback).
 */
export async function listenOnPostgres(
  connectionString: string,
  channel: string,
  onNotification: (payload: string) => void,
  onGap: () => void = () => {},
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new TypeError(`listen: channel must be a plain identifier (it is "${channel}")`);
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  async function connect(): Promise<void> {
    const candidate = new pg.Client({ connectionString, connectionTimeoutMillis: FIRST_CONNECT_TIMEOUT_MS, keepAlive: true });
    candidate.on('error', () => {}); // 'end' follows and reconnects
    candidate.on('notification', (message) => {
      if (message.channel === channel) onNotification(message.payload ?? '');
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${channel}`);
    } catch (error) {
      candidate.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    candidate.once('end', () => {
      client = undefined;
      if (!stopped) reconnectLater();
    });
    // Anything sent while no connection listened is lost: let the caller resynchronise.
    if (failures > 0) onGap();
    failures = 0;
  }

  function reconnectLater(): void {
    failures += 1;
    const delay = Math.min(100 * 2 ** Math.min(failures, 10), MAX_RECONNECT_DELAY_MS);
    timer = setTimeout(() => {
      connect().catch(() => {
        if (!stopped) reconnectLater();
      });
    }, delay);
    timer.unref();
  }

  try {
    await connect();
  } catch {
    reconnectLater();
  }
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}
