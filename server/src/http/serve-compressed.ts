import compression from 'compression';

/**
 * gzip or brotli, as the client accepts, for the files the service serves (CONTRACT §5):
 * the widget, the dashboard's assets and the mint tarball. Every type is compressed, the
 * tarball included (a client that asks for gzip gets gzip); below 1 KB nothing is.
 */
export function serveCompressed() {
  return compression({ filter: () => true });
}
