/** A configuration that cannot start the service; the message says what to change. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
