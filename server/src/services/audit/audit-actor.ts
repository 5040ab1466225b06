import type { AuditActor } from '@reqio/shared';
import type { AdminCaller } from '../../http/app-deps.js';

/** The audit log's actor for an admin caller: a member (by id and email) or an API key (by id and name). */
export const auditActorOf = (caller: Pick<AdminCaller, 'kind' | 'id' | 'name'>): AuditActor => ({
  kind: caller.kind === 'api_key' ? 'apiKey' : 'member',
  id: caller.id,
  ...(caller.name !== undefined && { name: caller.name }),
});

/** The actor of what the `reqio` command does on the server itself. */
export const CLI_ACTOR: AuditActor = { kind: 'cli', id: null };
