// Structural types for the Express helpers, so importing `@reqio/server/mint` needs
// neither Express nor its types: any Express-compatible framework fits.

/** The request as the helpers see it: passed through to your `getUser`. */
export type HttpRequest = object;

/** The parts of an Express response the helpers use. */
export interface HttpResponse {
  locals: Record<string, unknown>;
  status(code: number): HttpResponse;
  set(field: string, value: string): HttpResponse;
  json(body: unknown): unknown;
  end(): unknown;
}

/** Express's `next`. */
export type NextFunction = (error?: unknown) => void;
