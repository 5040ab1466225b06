import type { ProjectKeyRing } from '../identity/project-key-ring.js';
import type { SecretCipher } from '../identity/secret-cipher.js';
import type { WidgetSessions } from '../identity/widget-sessions.js';
import type { Database } from '../storage/database.js';
import type { WebhookTargetGuard } from '../webhooks/webhook-target-guard.js';
import type { ActiveUserCache } from './users/active-user-cache.js';
import type { IdentityStateCache } from './users/identity-state-cache.js';
import type { IdentifyHints } from './users/identify-hints.js';
import type { IdentifyStateReads } from './users/identify-state-reads.js';
import type { EventSink } from './event-sink.js';
import type { WidgetListCache } from './requests/widget-list-cache.js';
import type { VotedReads } from './requests/voted-reads.js';
import type { ChangeNotifier } from './notifications/change-notifier.js';
import type { Mailer } from '../notifications/create-mailer.js';
import type { UnsubscribeTokens } from '../notifications/unsubscribe-tokens.js';

/** Everything services may depend on; each takes only the part it needs (`Pick<ServiceDeps, …>`). */
export interface ServiceDeps {
  db: Database;
  keyRing: ProjectKeyRing;
  sessions: WidgetSessions;
  cipher: SecretCipher;
  events: EventSink;
  activeUsers: ActiveUserCache;
  /** Where webhooks may be delivered (the SSRF guard). */
  webhookTargets: WebhookTargetGuard;
  /** Tells voters and commenters about status changes and team replies (email). */
  notifier: ChangeNotifier;
  /** Sends email over SMTP now (test emails, invitations); `configured` is false without SMTP_URL. */
  mailer: Mailer;
  /** Signs and checks one-click unsubscribe links. */
  unsubscribeTokens: UnsubscribeTokens;
  /** This instance's widget list pages (absent: every list reads the store). */
  widgetListCache?: WidgetListCache;
  /** On the embedded store, the states of no-write identifies (absent: every identify reads the store). */
  identityStates?: IdentityStateCache;
  /** What this instance last learnt of each user from an identify (absent: every identify reads first). */
  identifyHints?: IdentifyHints;
  /** The reads of no-write identifies without an anonymous id, batched (absent: each reads alone). */
  identifyReads?: IdentifyStateReads;
  /** A cached list page's votes of the caller, batched (absent: each list reads alone). */
  votedReads?: VotedReads;
}
