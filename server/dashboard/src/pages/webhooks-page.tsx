import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, adminPath, api, describeFailure } from '../api.js';
import { CopyButton } from '../components/code-block.js';
import { EventPicker, toEventList, type EventChoice } from '../components/event-picker.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { WebhookCard } from '../components/webhook-card.js';
import type { WebhookEndpoint } from '../types.js';

/** The project's webhook endpoints: add one (its secret shown once), and manage each with its delivery log. */
export function WebhooksPage({ project }: ProjectPageProps) {
  const [webhooks, setWebhooks] = useState<WebhookEndpoint[] | null>(null);
  const [error, setError] = useState('');
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setWebhooks((await api<{ webhooks: WebhookEndpoint[] }>('GET', adminPath(project.id, '/webhooks'))).webhooks);
      setError('');
    } catch (failure) {
      setError(describeFailure(failure));
    }
  }, [project.id]);
  useEffect(() => {
    setWebhooks(null);
    setCreated(null);
    void load();
  }, [load]);

  return (
    <div class="stack">
      <div class="page-head">
        <div>
          <h1>Webhooks</h1>
          <p class="muted">Reqio posts this project's events to your endpoints, signed the Standard Webhooks way, and retries for hours if they fail.</p>
        </div>
      </div>
      <AddWebhookForm
        projectId={project.id}
        onCreated={async (answer) => {
          setCreated(answer);
          await load();
        }}
      />
      {created && (
        <div class="notice" role="status">
          <p>
            Signing secret of <code>{created.url}</code>, shown this once (the Secret button of the endpoint reveals it again):
          </p>
          <div class="row">
            <code class="secret" data-testid="created-webhook-secret">
              {created.secret}
            </code>
            <CopyButton class="" text={created.secret} />
            <button type="button" class="link" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {error && (
        <div class="error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {webhooks === null ? (
        !error && <p class="muted">Loading…</p>
      ) : webhooks.length === 0 ? (
        <div class="card">
          <p class="muted">No endpoints yet. Add one above to receive requests, votes and users as they happen.</p>
        </div>
      ) : (
        <div class="stack" data-testid="webhooks">
          {webhooks.map((webhook) => (
            <WebhookCard key={webhook.id} projectId={project.id} webhook={webhook} onChanged={load} />
          ))}
        </div>
      )}
    </div>
  );
}

function AddWebhookForm(props: { projectId: string; onCreated: (answer: { url: string; secret: string }) => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<EventChoice>('all');
  const [urlError, setUrlError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setUrlError('');
    setError('');
    const list = toEventList(events);
    if (list === undefined) return setError('Choose at least one event, or all events.');
    setBusy(true);
    try {
      const answer = await api<{ webhook: WebhookEndpoint; secret: string }>('POST', adminPath(props.projectId, '/webhooks'), { url, events: list, description });
      setUrl('');
      setDescription('');
      setEvents('all');
      await props.onCreated({ url: answer.webhook.url, secret: answer.secret });
    } catch (failure) {
      // The URL's own message goes under its field; anything else under the form.
      const { url: urlMessage, ...rest } = failure instanceof ApiFailure ? failure.fields : {};
      const others = Object.entries(rest);
      if (urlMessage) setUrlError(`The URL ${urlMessage}.`);
      if (others.length > 0) setError(others.map(([field, text]) => `${field} ${text}`).join('; '));
      else if (!urlMessage) setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="add-webhook-title" noValidate>
      <h2 id="add-webhook-title">Add an endpoint</h2>
      <label class="field">
        <span>Endpoint URL</span>
        <input
          type="url"
          required
          value={url}
          placeholder="https://example.com/webhooks/reqio"
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? 'webhook-url-error' : undefined}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        {urlError && (
          <small class="field-error" id="webhook-url-error" role="alert">
            {urlError}
          </small>
        )}
      </label>
      <label class="field">
        <span>Description (optional)</span>
        <input maxLength={200} value={description} onInput={(event) => setDescription(event.currentTarget.value)} placeholder="e.g. Slack relay" />
      </label>
      <EventPicker value={events} onChange={setEvents} idPrefix="add-webhook" />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button class="primary" type="submit" disabled={busy}>
          Add endpoint
        </button>
      </div>
    </form>
  );
}
