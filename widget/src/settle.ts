import { warn } from './warn.js';

/**
 * `promise.then(ok, fail)`, where nothing that `ok` or `fail` throws (say, on an answer of
 * an unexpected shape) reaches the host page: it becomes a `[reqio]` warning.
 */
export function settle<T>(promise: Promise<T>, ok: (value: T) => unknown, fail: (error: { code?: string }) => unknown = () => {}): void {
  promise.then(ok, fail).catch((error: unknown) => warn('an answer could not be shown', error));
}
