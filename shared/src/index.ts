export {
  API_ERROR_CODES,
  IDENTITY_ERROR_CODES,
  WARNING_CODES,
  isIdentityErrorCode,
  type ApiErrorCode,
  type IdentityErrorCode,
  type WarningCode,
} from './error-codes.js';
export { LIMITS } from './limits.js';
export { toMonthlyAmount, isValidAmount, type BillingInterval } from './to-monthly-amount.js';
export {
  traitsSchema,
  planSchema,
  amountSchema,
  intervalSchema,
  customTraitSchema,
  isReservedTrait,
  type Traits,
  type CustomTraitValue,
} from './traits-schema.js';
export {
  normalizeTraits,
  type NormalizedTraits,
  type NormalizedTraitsResult,
  type DroppedTrait,
} from './normalize-traits.js';
export {
  identityClaimsSchema,
  mintClaimsSchema,
  subjectSchema,
  emailSchema,
  nameSchema,
  type IdentityClaims,
  type MintClaimsInput,
} from './identity-claims-schema.js';
export { formatIssue, issuePath } from './format-issue.js';
export {
  REQUEST_STATUSES,
  anonymousIdSchema,
  identifyBodySchema,
  anonymousSessionBodySchema,
  createRequestBodySchema,
  updateRequestBodySchema,
  widgetSortSchema,
  adminSortSchema,
  rotateSecretBodySchema,
  originSchema,
  audienceSchema,
  createProjectBodySchema,
  updateProjectBodySchema,
  createApiKeyBodySchema,
  pageQuerySchema,
  type RequestStatus,
} from './api-schemas.js';
export type * from './api-types.js';
