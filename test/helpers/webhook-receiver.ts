import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookEvent } from '@reqio/shared';
import { verifyWebhookSignature } from '../../server/src/webhooks/verify-webhook-signature.js';
import { WebhookVerificationError } from '../../server/src/webhooks/webhook-verification-error.js';
import { listen } from './listen.js';

/**
 * The receiver listens on 127.0.0.1, which the SSRF guard refuses (CONTRACT §5): an app or
 * worker that delivers to it runs with this environment.
 */
export const ALLOW_PRIVATE_WEBHOOKS = { REQIO_WEBHOOK_ALLOW_PRIVATE: 'true' } as const;

/** One request the receiver got, and what verifying it gave. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  /** The verified event, or undefined when verification failed. */
  event: WebhookEvent | undefined;
  /** The verification error's code, or undefined when it verified. */
  refused: string | undefined;
  receivedAt: number;
}

/** What the receiver answers to the n-th request (0-based); default 204. */
export type Respond = (index: number, delivery: ReceivedDelivery) => { status: number; body?: string } | Promise<{ status: number; body?: string }>;

export interface WebhookReceiver {
  url: string;
  deliveries: ReceivedDelivery[];
  /** The secret every delivery is verified with; set it once the endpoint exists. */
  secret: string;
  respond: Respond;
  /** Resolves once `predicate` holds, polling; fails after `timeoutMs`. */
  waitFor(predicate: (deliveries: ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A webhook receiver on loopback, as a customer would write one: it verifies every
 * delivery with `verifyWebhookSignature` (any refusal is answered 400 and recorded), then
 * answers what `respond` says.
 */
export async function startWebhookReceiver(respond: Respond = () => ({ status: 204 })): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = {
    deliveries: [],
    secret: '',
    respond,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.deliveries)) {
        if (Date.now() > deadline) throw new Error(`the receiver did not get what was expected within ${timeoutMs} ms (it got ${receiver.deliveries.length} requests)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
  const server = await listen(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const delivery: ReceivedDelivery = { headers: request.headers, body: raw.toString('utf8'), event: undefined, refused: undefined, receivedAt: Date.now() };
    try {
      delivery.event = await verifyWebhookSignature({ payload: raw, headers: request.headers, secret: receiver.secret });
    } catch (error) {
      delivery.refused = error instanceof WebhookVerificationError ? error.code : String(error);
    }
    const index = receiver.deliveries.push(delivery) - 1;
    if (delivery.refused !== undefined) {
      response.writeHead(400).end(delivery.refused);
      return;
    }
    const answer = await receiver.respond(index, delivery);
    response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
  });
  return Object.assign(receiver, {
    url: `${server.url}/hooks/reqio`,
    async close() {
      server.server.closeAllConnections();
      await server.close();
    },
  });
}
