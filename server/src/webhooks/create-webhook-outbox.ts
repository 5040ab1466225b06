import type { WebhookEventType } from '@reqio/shared';
import { randomId } from '../lib/random-id.js';
import type { EventSink, ReqioEventType } from '../services/event-sink.js';
import { listSubscribedEndpointIds } from '../storage/webhooks/webhook-endpoint-queries.js';
import { insertWebhookEvent, webhookEventCtes } from '../storage/webhooks/webhook-event-queries.js';

// The services' event types and the ones endpoints subscribe to must be the same list.
const sameTypes: [ReqioEventType, WebhookEventType] extends [WebhookEventType, ReqioEventType] ? true : never = true;
void sameTypes;

// Stands in a payload for a value the statement computes; the payload text is cut around it.
const marker = (index: number) => `\u0000computed:${index}`;

/**
 * The durable outbox: `emit` runs in the transaction that caused the event and writes the
 * event with one pending delivery per subscribed, enabled endpoint, so the event exists if
 * and only if what caused it committed. Nothing is sent here; the worker does that later,
 * so the request that caused the event never waits on a receiver. A project without
 * endpoints costs one indexed read.
 */
export function createWebhookOutbox(): EventSink {
  return {
    inStatement(event, { params, when, computed = {} }) {
      const id = randomId('evt');
      const createdAt = new Date();
      const keys = Object.keys(computed);
      const data = { ...event.data, ...Object.fromEntries(keys.map((key, index) => [key, marker(index)])) };
      // JSON.stringify writes the marker as "\u0000computed:N", which no user text can hold (NUL is refused on input).
      const payload = JSON.stringify({ id, type: event.type, timestamp: createdAt.toISOString(), projectId: event.projectId, data });
      // Text, marker index, text, …: the expressions in the order their values appear.
      const pieces = payload.split(/"\\u0000computed:(\d+)"/);
      const payloadParts = pieces.filter((_, index) => index % 2 === 0);
      const expressions = pieces.filter((_, index) => index % 2 === 1).map((index) => computed[keys[Number(index)]!]!);
      return webhookEventCtes(params, { id, projectId: event.projectId, type: event.type, createdAt, payloadParts, computed: expressions, when });
    },
    async emit(tx, event) {
      const endpointIds = await listSubscribedEndpointIds(tx, event.projectId, event.type);
      if (endpointIds.length === 0) return;
      const id = randomId('evt');
      const createdAt = new Date();
      const payload = JSON.stringify({ id, type: event.type, timestamp: createdAt.toISOString(), projectId: event.projectId, data: event.data });
      await insertWebhookEvent(
        tx,
        { id, projectId: event.projectId, type: event.type, payload, createdAt },
        endpointIds.map((endpointId) => ({ id: randomId('dlv'), endpointId })),
      );
    },
  };
}
