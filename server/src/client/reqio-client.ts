import type {
  AdminAccountDetail,
  AdminAccountList,
  AdminComment,
  AuditAction,
  AuditLog,
  AdminProjectSettings,
  AdminRequest,
  AdminRequestDetail,
  AdminUser,
  RequestStatus,
  SettableStatus,
  RotateSecretResponse,
  RotateWebhookSecretResponse,
  WebhookDelivery,
  WebhookDeliveryState,
  WebhookEndpoint,
  WebhookEventType,
} from '@reqio/shared';
import { ReqioApiError } from './reqio-api-error.js';
import { ReqioNetworkError } from './reqio-network-error.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { toClientError } from './to-client-error.js';

/** How to reach one project's admin API. */
export interface ReqioClientOptions {
  /** The service's public URL, e.g. `https://feedback.example.com`. */
  baseUrl: string;
  /** A project API key, `rq_ak_…`. */
  apiKey: string;
  /** The project the key belongs to. */
  projectId: string;
  /** Retries of a call answered 429 or 503, waiting as `Retry-After` asks. Default 2; 0 turns them off. */
  maxRetries?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown at once. Default 30 s. */
  maxRetryDelayMs?: number;
  /** Longest one HTTP call may take. Default 30 s. */
  timeoutMs?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
}

/** A page of a list. */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** What a new webhook endpoint needs; `events` empty or left out means every event. */
export interface CreateWebhookInput {
  url: string;
  events?: WebhookEventType[];
  description?: string;
  enabled?: boolean;
}

/** Which requests a backlog list or export holds: an order, statuses (merged ones only when named), words to search. */
export interface RequestListOptions {
  sort?: 'revenue' | 'top' | 'new' | 'trending';
  status?: RequestStatus[];
  /** Words searched in titles and bodies (full text, ranked). */
  q?: string;
}

/** What the team may change on a request. */
export interface RequestChanges {
  status?: SettableStatus;
  title?: string;
  body?: string;
}

type Query = Record<string, string | number | undefined>;

const DEFAULTS = { maxRetries: 2, maxRetryDelayMs: 30_000, timeoutMs: 30_000 };
const RETRIED_STATUSES = new Set([429, 503]);
const FIRST_BACKOFF_MS = 500;

function requireText(method: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`ReqioClient.${method}: ${name} must be a non-empty string`);
  return value;
}

function requireCount(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new TypeError(`ReqioClient: ${name} must be a number from ${min} to ${max}`);
  return value;
}

const listQuery = (options: RequestListOptions): Query => ({ sort: options.sort, status: options.status?.join(','), q: options.q });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A typed client of one project's admin API (requests, users, the identity secret,
 * webhooks) on `fetch`. Failures are {@link ReqioApiError}s with a stable `code`; calls
 * answered 429 or 503 are retried a bounded number of times, honouring `Retry-After`.
 *
 * @example
 * const reqio = new ReqioClient({ baseUrl: 'https://feedback.example.com', projectId: 'prj_…', apiKey: process.env.REQIO_API_KEY! });
 * const top = await reqio.requests.list({ sort: 'revenue', limit: 10 });
 */
export class ReqioClient {
  readonly #base: string;
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  readonly #maxRetries: number;
  readonly #maxRetryDelayMs: number;
  readonly #timeoutMs: number;

  constructor(options: ReqioClientOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('ReqioClient: pass { baseUrl, apiKey, projectId }');
    const baseUrl = requireText('constructor', 'options.baseUrl', options.baseUrl);
    if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)) throw new TypeError('ReqioClient: options.baseUrl must be an http(s) URL such as https://feedback.example.com');
    // Never echo the key: a message could end up in a log.
    if (typeof options.apiKey !== 'string' || options.apiKey === '') throw new TypeError('ReqioClient: options.apiKey must be a project API key (rq_ak_…)');
    const projectId = requireText('constructor', 'options.projectId', options.projectId);
    this.#base = `${baseUrl.replace(/\/+$/, '')}/v1/admin/projects/${encodeURIComponent(projectId)}`;
    this.#apiKey = options.apiKey;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#maxRetries = requireCount('options.maxRetries', options.maxRetries ?? DEFAULTS.maxRetries, 0, 10);
    this.#maxRetryDelayMs = requireCount('options.maxRetryDelayMs', options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs, 0, 3600_000);
    this.#timeoutMs = requireCount('options.timeoutMs', options.timeoutMs ?? DEFAULTS.timeoutMs, 1, 3600_000);
  }

  /** The project's settings. */
  async getProject(): Promise<AdminProjectSettings> {
    return (await this.#call<{ project: AdminProjectSettings }>('GET', '')).project;
  }

  /** Feature requests: ranked by revenue, read one with its voters, move through statuses. */
  readonly requests = {
    /** Requests ranked by `sort` (default `revenue`: the monthly revenue of their identified voters), filtered and searched. */
    list: async (options: PageOptions & RequestListOptions = {}): Promise<AdminRequest[]> => (await this.requests.page(options)).requests,
    /** A page of requests with the offset of the next one (null on the last page). */
    page: async (options: PageOptions & RequestListOptions = {}): Promise<{ requests: AdminRequest[]; nextOffset: number | null }> =>
      this.#call('GET', '/requests', { query: { ...listQuery(options), limit: options.limit, offset: options.offset } }),
    /** The backlog as CSV (id, title, status, votes, accounts, monthlyRevenue, createdAt). */
    exportCsv: async (options: RequestListOptions = {}): Promise<string> => this.#call('GET', '/requests.csv', { query: listQuery(options), text: true }),
    /** One request with its voters, highest paying first. */
    get: async (requestId: string): Promise<AdminRequestDetail> => this.#call('GET', `/requests/${this.#segment('requests.get', 'requestId', requestId)}`),
    /** Moves a request to `status`. */
    setStatus: async (requestId: string, status: SettableStatus): Promise<AdminRequest> => this.requests.update(requestId, { status }),
    /** Merges a duplicate into another request: votes (a voter of both counts once) and comments move; returns the target. */
    merge: async (requestId: string, intoId: string): Promise<AdminRequest> =>
      (await this.#call<{ request: AdminRequest }>('POST', `/requests/${this.#segment('requests.merge', 'requestId', requestId)}/merge`, { body: { into: requireText('requests.merge', 'intoId', intoId) } })).request,
    /** Deletes a request with its votes and comments. */
    delete: async (requestId: string): Promise<void> => {
      await this.#call('DELETE', `/requests/${this.#segment('requests.delete', 'requestId', requestId)}`);
    },
    /** Changes a request's status, title or body; a new status is emailed to its voters and commenters. */
    update: async (requestId: string, changes: RequestChanges): Promise<AdminRequest> =>
      (await this.#call<{ request: AdminRequest }>('PATCH', `/requests/${this.#segment('requests.update', 'requestId', requestId)}`, { body: changes })).request,
  };

  /** Comments on requests: the team's replies (emailed to voters and commenters), internal notes, moderation. */
  readonly comments = {
    /** A request's comments, internal notes included, oldest first. */
    list: async (requestId: string): Promise<AdminComment[]> =>
      (await this.#call<{ comments: AdminComment[] }>('GET', `/requests/${this.#segment('comments.list', 'requestId', requestId)}/comments`)).comments,
    /** Replies as the team, or with `internal: true` leaves a note the widget never shows. */
    create: async (requestId: string, input: { body: string; internal?: boolean }): Promise<AdminComment> =>
      (await this.#call<{ comment: AdminComment }>('POST', `/requests/${this.#segment('comments.create', 'requestId', requestId)}/comments`, { body: input })).comment,
    /** Removes a comment. */
    delete: async (requestId: string, commentId: string): Promise<void> => {
      await this.#call('DELETE', `/requests/${this.#segment('comments.delete', 'requestId', requestId)}/comments/${this.#segment('comments.delete', 'commentId', commentId)}`);
    },
  };

  /** Identified users, by your own user id (the token's `sub`). */
  readonly users = {
    /** Users, highest monthly amount first, with the total. */
    list: async (options: PageOptions = {}): Promise<{ users: AdminUser[]; total: number }> =>
      this.#call('GET', '/users', { query: { limit: options.limit, offset: options.offset } }),
    get: async (userId: string): Promise<AdminUser> => (await this.#call<{ user: AdminUser }>('GET', `/users/${this.#segment('users.get', 'userId', userId)}`)).user,
    /** Deletes a user and their votes. */
    delete: async (userId: string): Promise<void> => {
      await this.#call('DELETE', `/users/${this.#segment('users.delete', 'userId', userId)}`);
    },
  };

  /** Paying accounts (CONTRACT §6): companies, and users alone. */
  readonly accounts = {
    /** Accounts, highest monthly amount first (or by name), optionally searched by name or id. */
    list: async (options: PageOptions & { sort?: 'revenue' | 'name'; search?: string } = {}): Promise<AdminAccountList> =>
      this.#call('GET', '/accounts', { query: { sort: options.sort, limit: options.limit, offset: options.offset, search: options.search } }),
    /** One account with its users and the requests they voted for. */
    get: async (accountId: string): Promise<AdminAccountDetail> => this.#call('GET', `/accounts/${this.#segment('accounts.get', 'accountId', accountId)}`),
  };

  /** The project's identity secret. */
  readonly secrets = {
    /** A new secret; the previous one keeps verifying for `gracePeriodSeconds` (default 24 h; 0 ends it and every widget session). */
    rotate: async (options: { gracePeriodSeconds?: number } = {}): Promise<RotateSecretResponse> =>
      this.#call('POST', '/secrets', { body: options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds } }),
    /** Ends the previous secret's grace period now; whether one was still valid. */
    endGracePeriod: async (): Promise<boolean> => (await this.#call<{ ended: boolean }>('DELETE', '/secrets/previous')).ended,
  };

  /** The audit log: who revealed or rotated a secret, made or revoked a key, changed webhooks, settings or the team. */
  readonly auditLog = {
    /** A page of entries, newest first (`nextOffset` is null on the last page), optionally one action only. */
    list: async (options: PageOptions & { action?: AuditAction } = {}): Promise<AuditLog> =>
      this.#call('GET', '/audit-log', { query: { offset: options.offset, limit: options.limit, action: options.action } }),
  };

  /** Webhook endpoints and their delivery log. */
  readonly webhooks = {
    list: async (): Promise<WebhookEndpoint[]> => (await this.#call<{ webhooks: WebhookEndpoint[] }>('GET', '/webhooks')).webhooks,
    /** Adds an endpoint; the answer carries its `whsec_…` secret. */
    create: async (input: CreateWebhookInput): Promise<{ webhook: WebhookEndpoint; secret: string }> => this.#call('POST', '/webhooks', { body: input }),
    get: async (webhookId: string): Promise<WebhookEndpoint> =>
      (await this.#call<{ webhook: WebhookEndpoint }>('GET', `/webhooks/${this.#segment('webhooks.get', 'webhookId', webhookId)}`)).webhook,
    /** Changes the URL, events, description or enabled flag (disabling pauses deliveries). */
    update: async (webhookId: string, changes: Partial<CreateWebhookInput>): Promise<WebhookEndpoint> =>
      (await this.#call<{ webhook: WebhookEndpoint }>('PATCH', `/webhooks/${this.#segment('webhooks.update', 'webhookId', webhookId)}`, { body: changes })).webhook,
    delete: async (webhookId: string): Promise<void> => {
      await this.#call('DELETE', `/webhooks/${this.#segment('webhooks.delete', 'webhookId', webhookId)}`);
    },
    /** The endpoint's current `whsec_…` secret. */
    getSecret: async (webhookId: string): Promise<string> =>
      (await this.#call<{ secret: string }>('GET', `/webhooks/${this.#segment('webhooks.getSecret', 'webhookId', webhookId)}/secret`)).secret,
    /** A new secret; the old one keeps signing beside it for `gracePeriodSeconds` (default 24 h). */
    rotateSecret: async (webhookId: string, options: { gracePeriodSeconds?: number } = {}): Promise<RotateWebhookSecretResponse> =>
      this.#call('POST', `/webhooks/${this.#segment('webhooks.rotateSecret', 'webhookId', webhookId)}/secret/rotate`, {
        body: options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds },
      }),
    /** The delivery log, newest first: each delivery with its attempts. */
    deliveries: async (webhookId: string, options: PageOptions & { state?: WebhookDeliveryState } = {}): Promise<{ deliveries: WebhookDelivery[]; total: number }> =>
      this.#call('GET', `/webhooks/${this.#segment('webhooks.deliveries', 'webhookId', webhookId)}/deliveries`, {
        query: { limit: options.limit, offset: options.offset, state: options.state },
      }),
    /** One delivery with its attempts and the exact body sent. */
    getDelivery: async (webhookId: string, deliveryId: string): Promise<{ delivery: WebhookDelivery; payload: string }> =>
      this.#call('GET', `/webhooks/${this.#segment('webhooks.getDelivery', 'webhookId', webhookId)}/deliveries/${this.#segment('webhooks.getDelivery', 'deliveryId', deliveryId)}`),
    /** Sends a delivery again now; returns the delivery that carries the attempt. */
    redeliver: async (webhookId: string, deliveryId: string): Promise<WebhookDelivery> =>
      (
        await this.#call<{ delivery: WebhookDelivery }>(
          'POST',
          `/webhooks/${this.#segment('webhooks.redeliver', 'webhookId', webhookId)}/deliveries/${this.#segment('webhooks.redeliver', 'deliveryId', deliveryId)}/redeliver`,
        )
      ).delivery,
  };

  #segment(method: string, name: string, value: unknown): string {
    return encodeURIComponent(requireText(method, name, value));
  }

  async #call<T>(method: string, path: string, options: { query?: Query; body?: unknown; text?: boolean } = {}): Promise<T> {
    const url = new URL(`${this.#base}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${this.#apiKey}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);

    for (let retry = 0; ; retry += 1) {
      let response: Response;
      try {
        response = await this.#fetch(url, { method, headers, ...(body !== undefined && { body }), signal: AbortSignal.timeout(this.#timeoutMs) });
      } catch (error) {
        const name = (error as { name?: string } | null)?.name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new ReqioNetworkError('timeout', `No answer from ${url.origin} within ${this.#timeoutMs} ms.`, { cause: error });
        throw new ReqioNetworkError('network_error', `Could not reach ${url.origin}: ${(error as Error).message}`, { cause: error });
      }
      if (RETRIED_STATUSES.has(response.status) && retry < this.#maxRetries) {
        // Without Retry-After: 0.5 s, 1 s, 2 s… with jitter, so clients do not retry in step.
        const wait = parseRetryAfter(response.headers.get('retry-after')) ?? FIRST_BACKOFF_MS * 2 ** retry * (0.5 + Math.random() / 2);
        if (wait <= this.#maxRetryDelayMs) {
          await response.body?.cancel().catch(() => {});
          await sleep(wait);
          continue;
        }
      }
      if (options.text && response.ok) return (await response.text()) as T;
      return this.#read<T>(response);
    }
  }

  async #read<T>(response: Response): Promise<T> {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw toClientError(response, parsed);
    if (parsed === undefined) {
      throw new ReqioApiError('unexpected_response', `The API answered HTTP ${response.status} without a JSON body.`, {
        status: response.status,
        requestId: response.headers.get('x-request-id') ?? undefined,
      });
    }
    return parsed as T;
  }
}
