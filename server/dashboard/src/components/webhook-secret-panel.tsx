import { useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import { formatAgo, formatDateTime } from '../format.js';
import type { RotateWebhookSecretResponse, WebhookEndpoint } from '../types.js';
import { DEFAULT_GRACE_SECONDS, GRACE_PERIODS } from '../webhook-labels.js';
import { CopyButton } from './code-block.js';

/** An endpoint's signing secret: reveal the current one, or rotate it with a grace period for the old one. */
export function WebhookSecretPanel(props: { projectId: string; webhook: WebhookEndpoint; onRotated: () => void }) {
  const { projectId, webhook } = props;
  const path = adminPath(projectId, `/webhooks/${encodeURIComponent(webhook.id)}/secret`);
  const [secret, setSecret] = useState<string | null>(null);
  const [grace, setGrace] = useState(DEFAULT_GRACE_SECONDS);
  const [rotated, setRotated] = useState<RotateWebhookSecretResponse | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    setError('');
    try {
      setSecret((await api<{ secret: string }>('GET', path)).secret);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };
  const rotate = async (event: Event) => {
    event.preventDefault();
    const warning =
      grace === 0
        ? 'Rotate the secret now? The current secret stops signing at once: your receiver must have the new one first.'
        : 'Rotate the secret? Deliveries will carry signatures from both secrets until the grace period ends.';
    if (!confirm(warning)) return;
    setError('');
    setBusy(true);
    try {
      const answer = await api<RotateWebhookSecretResponse>('POST', `${path}/rotate`, { gracePeriodSeconds: grace });
      setRotated(answer);
      setSecret(null);
      props.onRotated();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  const previousUntil = rotated ? rotated.previousValidUntil : webhook.previousSecretValidUntil;
  const previousActive = previousUntil !== null && Date.parse(previousUntil) > Date.now();

  return (
    <section class="secret-panel" aria-label="Signing secret">
      <h3>Signing secret</h3>
      <p class="muted small">
        Your receiver checks each delivery's <code>webhook-signature</code> with this secret (<code>verifyWebhookSignature</code> from <code>@reqio/server/webhooks</code>).
      </p>
      {rotated ? (
        <div class="notice" role="status">
          <p>New secret, signing every delivery from now on:</p>
          <div class="row">
            <code class="secret" data-testid="rotated-secret">
              {rotated.secret}
            </code>
            <CopyButton class="" text={rotated.secret} />
          </div>
          <p data-testid="previous-validity">
            {rotated.previousValidUntil === null
              ? 'The previous secret stopped signing at once.'
              : `The previous secret keeps signing too until ${formatDateTime(rotated.previousValidUntil)} (${formatAgo(rotated.previousValidUntil)}).`}
          </p>
        </div>
      ) : secret !== null ? (
        <div class="row">
          <code class="secret" data-testid="revealed-secret">
            {secret}
          </code>
          <CopyButton class="" text={secret} />
          <button type="button" class="link" onClick={() => setSecret(null)}>
            Hide
          </button>
        </div>
      ) : (
        <div>
          <button type="button" onClick={() => void reveal()}>
            Reveal secret
          </button>
        </div>
      )}
      {!rotated && previousActive && (
        <p class="muted small" data-testid="previous-validity">
          A rotated secret keeps signing beside the current one until {formatDateTime(previousUntil)} ({formatAgo(previousUntil)}).
        </p>
      )}
      <form class="row actions" onSubmit={rotate}>
        <label class="row">
          Keep the old secret signing for
          <select value={grace} onChange={(event) => setGrace(Number(event.currentTarget.value))}>
            {GRACE_PERIODS.map((period) => (
              <option value={period.seconds}>{period.label}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Rotate secret
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
