import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { serveCompressed } from './serve-compressed.js';

// Vite's content hash in a file name (`panel-B6x1c9Qe.js`): such a file never changes.
const HASHED = /[-.][\w-]{8,}\.(?:js|mjs|css)$/;
const SERVED = /^\/[\w./-]+\.(?:js|mjs|css|map)$/;

/**
 * Serves the files of the widget's build (`widget.js` and the chunks it loads, such as the
 * panel) from `widgetDir` to any page: `widget.js` keeps one URL, so it is cached briefly and
 * revalidated with its ETag; hashed chunks are immutable; gzip or brotli. Other paths fall
 * through untouched (compression is installed only on the files' own answers).
 */
export function serveWidgetFiles(widgetDir: string): RequestHandler {
  const compressed = serveCompressed();
  const files = express.static(widgetDir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders(response, file) {
      const hashed = HASHED.test(path.basename(file));
      response.set({
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Access-Control-Allow-Origin': '*',
      });
    },
  });
  return function widgetFiles(request, response, next) {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !SERVED.test(request.path) || request.path.includes('..')) {
      next();
      return;
    }
    compressed(request, response, (error?: unknown) => (error ? next(error) : files(request, response, next)));
  };
}
