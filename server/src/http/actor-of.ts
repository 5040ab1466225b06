import type { AuditActor } from '@reqio/shared';
import type { Response } from 'express';
import { auditActorOf } from '../services/audit/audit-actor.js';
import { callerOf } from '../team/authorize-route.js';

/** The audit actor of the caller the permission check let through, for a route to hand to its service. */
export const actorOf = (response: Response): AuditActor => auditActorOf(callerOf(response));
