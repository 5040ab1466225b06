import { useEffect, useRef, useState } from 'preact/hooks';
import { adminPath, api, describeFailure, describeFieldFailure } from '../api.js';
import { formatAgo } from '../format.js';
import type { WebhookEndpoint } from '../types.js';
import { EventPicker, describeEvents, toEventChoice, toEventList, type EventChoice } from './event-picker.js';
import { WebhookDeliveryLog } from './webhook-delivery-log.js';
import { WebhookSecretPanel } from './webhook-secret-panel.js';

type Panel = 'deliveries' | 'secret' | 'edit' | null;

/** One webhook endpoint: what it receives, and its delivery log, secret, edit and delete. */
export function WebhookCard(props: { projectId: string; webhook: WebhookEndpoint; onChanged: () => Promise<void> }) {
  const { projectId, webhook } = props;
  const path = adminPath(projectId, `/webhooks/${encodeURIComponent(webhook.id)}`);
  const [panel, setPanel] = useState<Panel>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const change = async (body: Partial<Pick<WebhookEndpoint, 'enabled' | 'events' | 'description'>>) => {
    setError('');
    setBusy(true);
    try {
      await api('PATCH', path, body);
      await props.onChanged();
    } finally {
      setBusy(false);
    }
  };
  const toggle = () => change({ enabled: !webhook.enabled }).catch((failure) => setError(describeFailure(failure)));
  const remove = async () => {
    if (!confirm(`Delete the endpoint ${webhook.url}? Deliveries to it stop, and its delivery log goes with it.`)) return;
    setError('');
    try {
      await api('DELETE', path);
      await props.onChanged();
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  const panelButton = (which: Exclude<Panel, null>, label: string) => (
    <button type="button" aria-expanded={panel === which} aria-controls={`${webhook.id}-${which}`} onClick={() => setPanel(panel === which ? null : which)}>
      {label}
    </button>
  );

  return (
    <article class="card webhook" data-webhook-id={webhook.id} aria-label={`Endpoint ${webhook.url}`}>
      <div class="row webhook-head">
        <code class="webhook-url">{webhook.url}</code>
        <span class={`badge ${webhook.enabled ? 'done' : 'closed'}`}>{webhook.enabled ? 'Enabled' : 'Disabled'}</span>
      </div>
      {webhook.description && <p class="webhook-description">{webhook.description}</p>}
      <p class="muted small">
        {describeEvents(webhook.events)} · added {formatAgo(webhook.createdAt)}
      </p>
      <div class="row actions">
        {panelButton('deliveries', 'Delivery log')}
        {panelButton('secret', 'Secret')}
        {panelButton('edit', 'Edit')}
        <button type="button" disabled={busy} onClick={() => void toggle()}>
          {webhook.enabled ? 'Disable' : 'Enable'}
        </button>
        <span class="spacer" />
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {panel !== null && (
        <div class="webhook-panel" id={`${webhook.id}-${panel}`}>
          {panel === 'deliveries' && <WebhookDeliveryLog projectId={projectId} webhookId={webhook.id} enabled={webhook.enabled} />}
          {panel === 'secret' && <WebhookSecretPanel projectId={projectId} webhook={webhook} onRotated={() => void props.onChanged()} />}
          {panel === 'edit' && <EditForm webhook={webhook} save={change} onDone={() => setPanel(null)} />}
        </div>
      )}
    </article>
  );
}

function EditForm(props: { webhook: WebhookEndpoint; save: (body: { events: WebhookEndpoint['events']; description: string }) => Promise<void>; onDone: () => void }) {
  const [description, setDescription] = useState(props.webhook.description);
  const [events, setEvents] = useState<EventChoice>(toEventChoice(props.webhook.events));
  const [error, setError] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const list = toEventList(events);
    if (list === undefined) return setError('Choose at least one event, or all events.');
    try {
      await props.save({ events: list, description });
      props.onDone();
    } catch (failure) {
      setError(describeFieldFailure(failure));
    }
  };

  return (
    <form class="form" onSubmit={submit} aria-label="Edit endpoint">
      <label class="field">
        <span>Description</span>
        <input ref={first} maxLength={200} value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
      </label>
      <EventPicker value={events} onChange={setEvents} idPrefix={`${props.webhook.id}-edit`} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button class="primary" type="submit">
          Save endpoint
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
