import { useCallback, useEffect, useState } from 'preact/hooks';
import { adminPath, api, dashboardPath, describeFailure } from '../api.js';
import { CodeBlock, CopyButton } from '../components/code-block.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatAgo, formatDateTime } from '../format.js';
import { Link } from '../router.js';
import type { RotateSecretResponse, SecretStatus, Snippet, SnippetStack } from '../types.js';

const STACKS: { value: SnippetStack; label: string }[] = [
  { value: 'nextjs', label: 'Next.js' },
  { value: 'node', label: 'Node.js' },
  { value: 'python', label: 'Python' },
  { value: 'php', label: 'PHP' },
  { value: 'ruby', label: 'Ruby' },
  { value: 'go', label: 'Go' },
];

const GRACE_PERIODS = [
  { seconds: 24 * 3600, label: 'keep the old one for 24 hours' },
  { seconds: 3600, label: 'keep the old one for 1 hour' },
  { seconds: 7 * 24 * 3600, label: 'keep the old one for 7 days' },
  { seconds: 0, label: 'stop the old one now (leaked secret)' },
];

/** Identity set-up in four steps: the stack, the secret, the mint snippet, the embed code. */
export function IdentityPage({ project }: ProjectPageProps) {
  const [stack, setStack] = useState<SnippetStack | null>(null);
  const [snippet, setSnippet] = useState<Snippet | null>(null);
  const [status, setStatus] = useState<SecretStatus | null>(null);
  const [shown, setShown] = useState<{ secret: string; why: 'revealed' | 'generated'; previousValidUntil?: string | null } | null>(null);
  const [grace, setGrace] = useState(GRACE_PERIODS[0]!.seconds);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const loadStatus = useCallback(() => {
    api<SecretStatus>('GET', dashboardPath(project.id, '/secret')).then(setStatus, (failure) => setError(describeFailure(failure)));
  }, [project.id]);
  useEffect(loadStatus, [loadStatus]);
  useEffect(() => {
    if (stack === null) return;
    setSnippet(null);
    api<Snippet>('GET', dashboardPath(project.id, `/snippets/${stack}`)).then(setSnippet, (failure) => setError(describeFailure(failure)));
  }, [project.id, stack]);

  const generate = async () => {
    setBusy(true);
    setError('');
    try {
      const answer = await api<RotateSecretResponse>('POST', adminPath(project.id, '/secrets'), { gracePeriodSeconds: grace });
      setShown({ secret: answer.secret, why: 'generated', previousValidUntil: answer.previousValidUntil });
      loadStatus();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };
  // The service asks for the password first (a step-up); the dashboard's dialog handles that.
  const reveal = async () => {
    setError('');
    try {
      const answer = await api<{ secret: string }>('POST', dashboardPath(project.id, '/secret/reveal'));
      setShown({ secret: answer.secret, why: 'revealed' });
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };
  const endGrace = async () => {
    if (!confirm('Stop the previous secret now? Tokens signed with it are refused from now on, and every widget session ends.')) return;
    try {
      await api('DELETE', adminPath(project.id, '/secrets/previous'));
      loadStatus();
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Identity set-up</h1>
          <p class="muted">
            Your server signs who the user is and what they pay; the widget hands the token to Reqio. Four steps, then check a token in the{' '}
            <Link to={`/projects/${encodeURIComponent(project.id)}/debugger`}>token debugger</Link>.
          </p>
        </div>
      </div>
      {error && <p class="error">{error}</p>}
      <div class="steps">
        <section class="card step" aria-labelledby="step-1">
          <div class="step-number">1</div>
          <div class="step-body">
            <h2 id="step-1">Choose your server's stack</h2>
            <div class="stack-choice" role="group" aria-label="Stack">
              {STACKS.map((option) => (
                <button type="button" aria-pressed={stack === option.value} onClick={() => setStack(option.value)}>
                  {option.label}
                </button>
              ))}
            </div>
          </div>
        </section>

        <section class="card step" aria-labelledby="step-2">
          <div class="step-number">2</div>
          <div class="step-body">
            <h2 id="step-2">Generate the secret</h2>
            <p class="muted">
              The secret signs tokens on your server: put it in the <code>REQIO_SECRET</code> environment variable there and nowhere else.
            </p>
            <dl class="kv">
              <dt>Project id</dt>
              <dd>
                <code>{project.id}</code>
              </dd>
              <dt>Audience</dt>
              <dd>
                <code data-testid="audience">{project.audience}</code>
                <div class="muted small" data-testid="audience-note">
                  What this service checks in <code>aud</code>: it runs with PUBLIC_URL <code>{project.audience.slice(0, -`/p/${project.id}`.length)}</code>. A
                  token minted for another audience is refused with <code>audience_mismatch</code>.
                </div>
              </dd>
              {project.extraAudiences.length > 0 && (
                <>
                  <dt>Also accepted</dt>
                  <dd>
                    {project.extraAudiences.map((audience) => (
                      <div>
                        <code>{audience}</code>
                      </div>
                    ))}
                  </dd>
                </>
              )}
              <dt>Current secret</dt>
              <dd>{status?.current ? `generated ${formatAgo(status.current.createdAt)}` : '…'}</dd>
              {status?.previous && (
                <>
                  <dt>Previous secret</dt>
                  <dd>
                    still accepted until {formatDateTime(status.previous.validUntil)}{' '}
                    <button class="link" onClick={() => void endGrace()}>
                      End the grace period now
                    </button>
                  </dd>
                </>
              )}
            </dl>
            {shown && (
              <div class="stack" role="status">
                <p class={shown.why === 'generated' ? 'notice' : 'muted'}>
                  {shown.why === 'generated'
                    ? `New secret generated: copy it to your server now. ${
                        shown.previousValidUntil ? `The previous one keeps working until ${formatDateTime(shown.previousValidUntil)}.` : 'The previous one stopped working.'
                      }`
                    : 'The current secret. Hide it when you are done.'}
                </p>
                <div class="row">
                  <span class="secret" data-testid="secret">
                    {shown.secret}
                  </span>
                  <CopyButton class="" text={shown.secret} />
                  <button onClick={() => setShown(null)}>Hide</button>
                </div>
              </div>
            )}
            <div class="row actions">
              <button onClick={() => void reveal()}>Reveal current secret…</button>
              <span class="spacer" />
              <select value={grace} onChange={(event) => setGrace(Number(event.currentTarget.value))} aria-label="Grace period for the previous secret">
                {GRACE_PERIODS.map((option) => (
                  <option value={option.seconds}>{option.label}</option>
                ))}
              </select>
              <button class="primary" disabled={busy} onClick={() => void generate()}>
                Generate new secret
              </button>
            </div>
          </div>
        </section>

        <section class="card step" aria-labelledby="step-3">
          <div class="step-number">3</div>
          <div class="step-body">
            <h2 id="step-3">Mint a token on your server</h2>
            {stack === null ? (
              <p class="muted">Choose a stack in step 1.</p>
            ) : snippet === null ? (
              <p class="muted">Loading…</p>
            ) : (
              <>
                <p class="muted">
                  Filled in for this project. <code>sub</code> is always a string, <code>aud</code> one string, <code>amount</code> integer cents, and{' '}
                  <code>exp = iat + 300</code>.
                </p>
                <CodeBlock title={snippet.install.title} code={snippet.install.code} language="shell" />
                {snippet.mint.map((file) => (
                  <CodeBlock title={file.title} code={file.code} language={file.language} />
                ))}
              </>
            )}
          </div>
        </section>

        <section class="card step" aria-labelledby="step-4">
          <div class="step-number">4</div>
          <div class="step-body">
            <h2 id="step-4">Embed the widget</h2>
            {snippet === null ? (
              <p class="muted">Choose a stack in step 1.</p>
            ) : (
              snippet.embed.map((file) => <CodeBlock title={file.title} code={file.code} language={file.language} />)
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
