import type { ApiErrorCode, WarningCode } from './error-codes.js';
import type { RequestStatus } from './api-schemas.js';
import type { NormalizedTraits } from './normalize-traits.js';

/** The body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; [detail: string]: unknown };
}

/** A warning returned beside a successful answer. */
export interface ApiWarning {
  code: WarningCode;
  message: string;
  fields?: string[];
}

/** Answer of `POST /v1/projects/:projectId/identify`. */
export interface IdentifyResponse {
  session: string;
  /** ISO 8601. */
  expiresAt: string;
  user: { id: string; email: string | null; name: string | null; plan: string | null; monthlyAmount: number };
  /** The company the user's votes count for (CONTRACT §6), or null when they are an account of one. */
  company: CompanySummary | null;
  warnings: ApiWarning[];
}

/** A company as identify answers it: its id in your system and its monthly amount in the project's currency. */
export interface CompanySummary {
  id: string;
  name: string | null;
  plan: string | null;
  monthlyAmount: number;
}

/** Answer of `POST /v1/projects/:projectId/sessions`. */
export interface AnonymousSessionResponse {
  session: string;
  expiresAt: string;
}

/** A request as the widget sees it: never other users' emails, traits or revenue. */
export interface WidgetRequest {
  id: string;
  title: string;
  body: string;
  status: RequestStatus;
  votes: number;
  voted: boolean;
  /** Comments the widget shows (team replies included, internal notes never). */
  commentCount: number;
  createdAt: string;
}

/** Answer of `GET /v1/projects/:projectId/requests`. */
export interface WidgetRequestList {
  requests: WidgetRequest[];
  /** Pass as `offset` for the next page; null on the last page. */
  nextOffset: number | null;
}

/** Answer of `PUT`/`DELETE …/vote`. */
export interface VoteResponse {
  voted: boolean;
  votes: number;
}

/** A request as the product team sees it. */
export interface AdminRequest {
  id: string;
  title: string;
  body: string;
  status: RequestStatus;
  votes: number;
  /** Distinct identified accounts (companies, or users alone) among the voters. */
  accounts: number;
  /** Sum of the current `monthlyAmount` of the distinct accounts of the identified voters, in the project's minor units. */
  monthlyRevenue: number;
  /** Comments, internal notes included. */
  commentCount: number;
  /** The request this one was merged into (status `merged`), or null. */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  /** Who wrote it: the user's id (the token's `sub`), or null when anonymous or deleted. */
  author: { id: string; email: string | null } | null;
  /** With a segment filter (`plan`, `minMonthlyAmount`): the accounts of that segment behind it and their revenue. */
  segment?: { accounts: number; monthlyRevenue: number };
}

/** An identified voter of a request, as the product team sees them. */
export interface AdminVoter {
  /** The token's `sub`. */
  id: string;
  email: string | null;
  name: string | null;
  plan: string | null;
  monthlyAmount: number;
  votedAt: string;
}

/** Answer of `GET /v1/admin/projects/:projectId/requests/:requestId`: why it ranks where it does. */
export interface AdminRequestDetail {
  request: AdminRequest;
  voters: AdminVoter[];
  /** The same voters grouped by account, highest paying account first: each account counts once. */
  accounts: { account: AdminAccount; users: AdminVoter[] }[];
  anonymousVotes: number;
}

/** A paying account (CONTRACT §6): a company, or a user alone. */
export interface AdminAccount {
  id: string;
  kind: 'company' | 'user';
  /** The company's id in your system, or the user's `sub`. */
  externalId: string;
  name: string | null;
  plan: string | null;
  /** As billed, in the minor units of `currency`. */
  amount: number | null;
  interval: 'month' | 'year' | null;
  /** ISO 4217; null: the project's currency. */
  currency: string | null;
  /** Monthly, in the project's currency (minor units): what it weighs on each request. */
  monthlyAmount: number;
  users: number;
  votes: number;
}

/** Answer of `GET /v1/admin/projects/:projectId/accounts`. */
export interface AdminAccountList {
  accounts: AdminAccount[];
  /** Pass as `offset` for the next page; null on the last page. */
  nextOffset: number | null;
}

/** Answer of `GET /v1/admin/projects/:projectId/accounts/:accountId`. */
export interface AdminAccountDetail {
  account: AdminAccount;
  users: AdminUser[];
  /** The requests its users voted for, highest revenue first. */
  requests: { id: string; title: string; status: RequestStatus }[];
}

/** An identified user as the product team sees them. */
export interface AdminUser {
  /** The token's `sub`: your own user id. */
  id: string;
  email: string | null;
  name: string | null;
  plan: string | null;
  traits: NormalizedTraits;
  monthlyAmount: number;
  createdAt: string;
  lastSeenAt: string;
}

/** Answer of `POST /v1/admin/projects/:projectId/secrets`. */
export interface RotateSecretResponse {
  secret: string;
  /** ISO 8601, or null when the previous secret was ended at once. */
  previousValidUntil: string | null;
}
