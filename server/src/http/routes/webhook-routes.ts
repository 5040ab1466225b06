import type express from 'express';
import { createWebhookBodySchema, rotateWebhookSecretBodySchema, updateWebhookBodySchema, webhookDeliveryQuerySchema } from '@reqio/shared';
import { createWebhook } from '../../services/webhooks/create-webhook.js';
import { deleteWebhook } from '../../services/webhooks/delete-webhook.js';
import { getWebhook } from '../../services/webhooks/get-webhook.js';
import { getWebhookDelivery } from '../../services/webhooks/get-webhook-delivery.js';
import { getWebhookSecret } from '../../services/webhooks/get-webhook-secret.js';
import { listWebhookDeliveries } from '../../services/webhooks/list-webhook-deliveries.js';
import { listWebhooks } from '../../services/webhooks/list-webhooks.js';
import { redeliverWebhook } from '../../services/webhooks/redeliver-webhook.js';
import { rotateWebhookSecret } from '../../services/webhooks/rotate-webhook-secret.js';
import { updateWebhook } from '../../services/webhooks/update-webhook.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../parse-input.js';
import { ADMINS_STEP_UP, type RouteBuilder, type RouteSpec } from '../route-spec.js';

const projectId = (request: express.Request) => String(request.params.projectId);
const webhookId = (request: express.Request) => String(request.params.webhookId);

/**
 * Webhook endpoint management and the delivery log, under `/v1/admin/projects/:projectId`;
 * `adminRoutes` appends these, built with its admin `route` builder.
 */
export function webhookRoutes(deps: AppDeps, route: RouteBuilder): RouteSpec[] {
  return [
    route('get', '/webhooks', async (request, response) => {
      response.json({ webhooks: await listWebhooks(deps, projectId(request)) });
    }),
    route('post', '/webhooks', async (request, response) => {
      const body = parseInput(createWebhookBodySchema, request.body, 'body');
      response.set('Cache-Control', 'no-store');
      response.status(201).json(await createWebhook(deps, projectId(request), body));
    }),
    route('get', '/webhooks/:webhookId', async (request, response) => {
      response.json({ webhook: await getWebhook(deps, projectId(request), webhookId(request)) });
    }),
    route('patch', '/webhooks/:webhookId', async (request, response) => {
      const changes = parseInput(updateWebhookBodySchema, request.body, 'body');
      response.json({ webhook: await updateWebhook(deps, projectId(request), webhookId(request), changes) });
    }),
    route('delete', '/webhooks/:webhookId', async (request, response) => {
      await deleteWebhook(deps, projectId(request), webhookId(request));
      response.status(204).end();
    }),
    route('get', '/webhooks/:webhookId/secret', async (request, response) => {
      const secret = await getWebhookSecret(deps, projectId(request), webhookId(request));
      response.set('Cache-Control', 'no-store');
      response.json({ secret });
    }, ADMINS_STEP_UP),
    route('post', '/webhooks/:webhookId/secret/rotate', async (request, response) => {
      const { gracePeriodSeconds } = parseInput(rotateWebhookSecretBodySchema, request.body, 'body');
      response.set('Cache-Control', 'no-store');
      response.json(await rotateWebhookSecret(deps, projectId(request), webhookId(request), gracePeriodSeconds));
    }, ADMINS_STEP_UP),
    route('get', '/webhooks/:webhookId/deliveries', async (request, response) => {
      const query = parseInput(webhookDeliveryQuerySchema, request.query, 'query');
      response.json(await listWebhookDeliveries(deps, projectId(request), webhookId(request), query));
    }),
    route('get', '/webhooks/:webhookId/deliveries/:deliveryId', async (request, response) => {
      response.json(await getWebhookDelivery(deps, projectId(request), webhookId(request), String(request.params.deliveryId)));
    }),
    route('post', '/webhooks/:webhookId/deliveries/:deliveryId/redeliver', async (request, response) => {
      response.status(202).json({ delivery: await redeliverWebhook(deps, projectId(request), webhookId(request), String(request.params.deliveryId)) });
    }),
  ];
}
