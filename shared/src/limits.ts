/** The numeric limits of CONTRACT §1, in one place so schemas, docs and tests agree. */
export const LIMITS = {
  /** Longest token accepted, in characters, checked before any parsing. */
  maxTokenLength: 8192,
  /** Longest allowed `exp - iat`, in seconds. */
  maxTokenLifetimeSeconds: 300,
  /** Leeway applied to `exp`, `iat` and `nbf` unless a project sets its own. */
  defaultLeewaySeconds: 30,
  maxLeewaySeconds: 120,
  maxSubLength: 255,
  maxEmailLength: 254,
  maxNameLength: 200,
  maxPlanLength: 100,
  /** Largest `traits.amount`, in cents (one billion dollars). */
  maxAmount: 100_000_000_000,
  maxCustomTraitLength: 256,
  maxCustomTraits: 20,
  maxCompanyIdLength: 255,
  /** Largest exchange rate a project may set (base units per one unit of another currency). */
  maxExchangeRate: 1_000_000,
  maxExchangeRates: 200,
  /** Shortest identity secret, in UTF-8 bytes. */
  minSecretBytes: 32,
} as const;
