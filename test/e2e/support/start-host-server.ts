import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** What a dynamic route answers. */
export interface HostAnswer {
  status?: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** The customer's site in the tests: another origin than the API. */
export interface HostServer {
  /** `http://localhost:<port>`: the API listens on 127.0.0.1, so the origins differ. */
  origin: string;
  /**
   * Serves `fixtures/<fixture>.html` at `path`, with `{{NAME}}` placeholders replaced by
   * `vars` HTML-escaped (`{{{NAME}}}`: verbatim markup); returns the page's URL.
   */
  page(path: string, fixture: string, vars: Record<string, string>, headers?: Record<string, string>): string;
  /** Answers `path` with whatever `handler` returns, e.g. a token endpoint for SPAs. */
  route(path: string, handler: (request: IncomingMessage) => HostAnswer | Promise<HostAnswer>): void;
  /** How many times `path` was requested. */
  hits(path: string): number;
  close(): Promise<void>;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Fills a fixture's placeholders; an unknown placeholder is an error in the test. */
export function renderFixture(fixture: string, vars: Record<string, string>): string {
  const template = readFileSync(new URL(`${fixture}.html`, FIXTURES), 'utf8');
  return template.replace(/\{\{(\{?)(\w+)\}?\}\}/g, (_, raw: string, name: string) => {
    if (!(name in vars)) throw new Error(`fixture ${fixture}.html needs a value for ${name}`);
    return raw ? vars[name]! : escapeHtml(vars[name]!);
  });
}

/** Starts the host site on a random port of the loopback interface. */
export async function startHostServer(): Promise<HostServer> {
  const routes = new Map<string, (request: IncomingMessage) => HostAnswer | Promise<HostAnswer>>();
  const counts = new Map<string, number>();
  const answer = (response: ServerResponse, { status = 200, json, html, headers = {} }: HostAnswer) => {
    const type = json === undefined ? 'text/html; charset=utf-8' : 'application/json';
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    response.end(json === undefined ? (html ?? '') : JSON.stringify(json));
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    // Browsers ask for it on their own; a 404 would show up as a console error.
    if (path === '/favicon.ico') return answer(response, { status: 204 });
    const handler = routes.get(path);
    if (!handler) return answer(response, { status: 404, html: 'not found' });
    Promise.resolve()
      .then(() => handler(request))
      .then(
        (result) => answer(response, result),
        (error: unknown) => answer(response, { status: 500, html: String(error) }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, fixture, vars, headers) {
      const html = renderFixture(fixture, vars);
      routes.set(path, () => ({ html, headers }));
      return origin + path;
    },
    route: (path, handler) => void routes.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
