import { z } from 'zod';

/** The sensitive actions the audit log records (CONTRACT §9). */
export const AUDIT_ACTIONS = [
  'secret.revealed',
  'secret.rotated',
  'secret.grace_ended',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_revealed',
  'member.invited',
  'member.role_changed',
  'member.removed',
  'project.updated',
  'request.merged',
  'request.deleted',
  'user.deleted',
] as const;

/** An action from {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a dashboard member, an API key, or the `reqio` command on the server. */
export const auditActorSchema = z.object({
  kind: z.enum(['member', 'apiKey', 'cli']),
  id: z.string().nullable().meta({ description: "The member's or API key's id; null for the CLI." }),
  name: z.string().optional().meta({ description: "The member's email or the API key's name, as it was then." }),
});

/** Who did an audited action. */
export type AuditActor = z.infer<typeof auditActorSchema>;

/** What changed: field names with plain values, never a secret. */
export const auditChangesSchema = z.record(z.string(), z.unknown());

/** One entry of the audit log. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string().meta({ format: 'date-time' }),
  projectId: z.string().nullable().meta({ description: 'Null for what concerns the whole team (members).' }),
  actor: auditActorSchema,
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().optional(),
  changes: auditChangesSchema.optional(),
});

/** One entry of the audit log. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Query of `GET /v1/admin/projects/:projectId/audit-log`. */
export const auditLogQuerySchema = z.object({
  offset: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).default(0),
  limit: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 to 200' }).max(200, { error: 'must be 1 to 200' }).default(50),
  action: z.enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
});

/** Answer of `GET /v1/admin/projects/:projectId/audit-log`: newest first. */
export const auditLogSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextOffset: z.number().int().nullable().meta({ description: 'Pass as offset for the next page; null on the last page.' }),
});

/** Answer of `GET /v1/admin/projects/:projectId/audit-log`. */
export type AuditLog = z.infer<typeof auditLogSchema>;
