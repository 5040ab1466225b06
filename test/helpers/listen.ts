import type { AddressInfo } from 'node:net';
import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';

/** Starts a handler on a random loopback port; returns its base URL and a close function. */
export async function listen(handler: RequestListener): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
