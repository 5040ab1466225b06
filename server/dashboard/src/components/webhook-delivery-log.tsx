import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import { formatAgo, formatDateTime } from '../format.js';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryState } from '../types.js';
import { DELIVERY_STATE_LABELS } from '../webhook-labels.js';

const PAGE = 20;
// The worker retries within seconds at first, so a pending delivery is worth watching
// closely; otherwise a slow refresh is enough to show new events arriving.
const REFRESH_PENDING_MS = 1500;
const REFRESH_IDLE_MS = 5000;

type Log = { deliveries: WebhookDelivery[]; total: number };

/** One endpoint's deliveries, newest first: each attempt's answer, a filter by state, and redelivery. */
export function WebhookDeliveryLog(props: { projectId: string; webhookId: string; enabled: boolean }) {
  const { projectId, webhookId } = props;
  const [state, setState] = useState<WebhookDeliveryState | ''>('');
  const [offset, setOffset] = useState(0);
  const [log, setLog] = useState<Log | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [reload, setReload] = useState(0);

  const path = adminPath(projectId, `/webhooks/${encodeURIComponent(webhookId)}/deliveries`);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const answer = await api<Log>('GET', `${path}?limit=${PAGE}&offset=${offset}${state ? `&state=${state}` : ''}`);
        if (stopped) return;
        setLog(answer);
        setError('');
        timer = setTimeout(load, answer.deliveries.some((delivery) => delivery.state === 'pending') ? REFRESH_PENDING_MS : REFRESH_IDLE_MS);
      } catch (failure) {
        // No automatic retry: a refused call (signed out, endpoint deleted) would only repeat.
        if (!stopped) setError(describeFailure(failure));
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [path, state, offset, reload]);

  const redeliver = async (delivery: WebhookDelivery) => {
    setMessage('');
    setError('');
    try {
      await api('POST', `${path}/${encodeURIComponent(delivery.id)}/redeliver`);
      setMessage(`${delivery.event.type} is being sent again.`);
      setReload((count) => count + 1);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  return (
    <section class="delivery-log" aria-label="Delivery log">
      <div class="row">
        <h3>Delivery log</h3>
        <span class="spacer" />
        <label class="row small">
          State
          <select
            value={state}
            onChange={(event) => {
              setState(event.currentTarget.value as WebhookDeliveryState | '');
              setOffset(0);
            }}
          >
            <option value="">All</option>
            {Object.entries(DELIVERY_STATE_LABELS).map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setReload((count) => count + 1)}>
          Refresh
        </button>
      </div>
      {message && (
        <p class="success" role="status">
          {message}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {log === null ? (
        !error && <p class="muted">Loading…</p>
      ) : log.total === 0 ? (
        <p class="muted">{state ? `No ${DELIVERY_STATE_LABELS[state].toLowerCase()} deliveries.` : 'No deliveries yet. They appear here when one of this endpoint’s events happens.'}</p>
      ) : (
        <>
          <table data-testid="deliveries">
            <thead>
              <tr>
                <th>Event</th>
                <th>State</th>
                <th>Attempts</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {log.deliveries.map((delivery) => (
                <tr data-delivery-id={delivery.id} data-state={delivery.state}>
                  <td data-label="Event">
                    <code>{delivery.event.type}</code>
                    <div class="muted small" title={formatDateTime(delivery.createdAt)}>
                      {formatAgo(delivery.createdAt)}
                      {delivery.redeliveryOf && ' · redelivery'}
                    </div>
                    <div class="muted small">webhook-id {delivery.event.id}</div>
                  </td>
                  <td data-label="State">
                    <span class={`badge delivery-${delivery.state}`}>{DELIVERY_STATE_LABELS[delivery.state]}</span>
                    {delivery.nextAttemptAt && (
                      <div class="muted small" title={formatDateTime(delivery.nextAttemptAt)}>
                        next attempt {formatAgo(delivery.nextAttemptAt)}
                      </div>
                    )}
                  </td>
                  <td data-label="Attempts">
                    {delivery.attempts.length === 0 ? (
                      <span class="muted">None yet</span>
                    ) : (
                      <ol class="attempts">
                        {delivery.attempts.map((attempt) => (
                          <AttemptLine attempt={attempt} />
                        ))}
                      </ol>
                    )}
                  </td>
                  <td class="num">
                    <button type="button" disabled={!props.enabled} title={props.enabled ? undefined : 'Enable the endpoint to redeliver'} onClick={() => void redeliver(delivery)}>
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.total > PAGE && (
            <div class="row">
              <span class="muted small">
                {offset + 1}–{offset + log.deliveries.length} of {log.total}
              </span>
              <span class="spacer" />
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Newer
              </button>
              <button type="button" disabled={offset + PAGE >= log.total} onClick={() => setOffset(offset + PAGE)}>
                Older
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function AttemptLine({ attempt }: { attempt: WebhookAttempt }) {
  return (
    <li class={`attempt ${attempt.succeeded ? 'ok' : 'failed'}`} data-attempt={attempt.attempt}>
      <span class="attempt-head">
        #{attempt.attempt} <b class="attempt-status">{attempt.statusCode ?? 'no answer'}</b> · {attempt.durationMs} ms ·{' '}
        <span title={formatDateTime(attempt.startedAt)}>{formatAgo(attempt.startedAt)}</span>
      </span>
      {attempt.error && <div class="attempt-error">{attempt.error}</div>}
      {attempt.responseExcerpt && <code class="excerpt">{attempt.responseExcerpt}</code>}
    </li>
  );
}
