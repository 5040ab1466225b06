import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, dashboardPath, describeFailure } from '../api.js';
import { CodeBlock } from '../components/code-block.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatAgo, formatMoney } from '../format.js';
import type { TokenDiagnosis } from '../types.js';

const MARKS = { pass: '✓', fail: '✗', warn: '!', skip: '–' } as const;
const POLL_MS = 5000;

interface Failures {
  failures: { code: string; origin: string | null; at: string; expectedAudience?: string | null; receivedAudience?: string | null }[];
  counts: Record<string, number>;
}

/** Paste a token, see each check; beside it, the live log of refused identifies. */
export function DebuggerPage({ project }: ProjectPageProps) {
  const [token, setToken] = useState('');
  const [diagnosis, setDiagnosis] = useState<TokenDiagnosis | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const check = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      setDiagnosis(await api<TokenDiagnosis>('POST', dashboardPath(project.id, '/debug-token'), { token }));
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Token debugger</h1>
          <p class="muted">Paste a token your server minted: each check Reqio makes, and how to fix a failing one. The token is not stored.</p>
        </div>
      </div>
      <div class="grid-2">
        <div class="stack">
          <form class="card form" onSubmit={check}>
            <label class="field">
              <span>Identity token</span>
              <textarea
                rows={5}
                spellcheck={false}
                autocomplete="off"
                placeholder="eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…"
                value={token}
                onInput={(event) => setToken(event.currentTarget.value)}
                data-testid="token-input"
              />
            </label>
            <div>
              <button class="primary" type="submit" disabled={busy || token.trim() === ''}>
                Check token
              </button>
            </div>
            {error && <p class="error">{error}</p>}
          </form>
          {diagnosis && <DiagnosisView diagnosis={diagnosis} />}
        </div>
        <FailureLog projectId={project.id} />
      </div>
    </div>
  );
}

function DiagnosisView({ diagnosis }: { diagnosis: TokenDiagnosis }) {
  const { identity } = diagnosis;
  return (
    <div class="card" data-testid="diagnosis">
      <p class={`verdict ${diagnosis.valid ? 'ok' : 'refused'}`} data-testid="verdict">
        {diagnosis.valid ? 'Valid: identify would accept this token.' : `Refused: identify would answer 401 ${diagnosis.code}.`}
      </p>
      {identity && (
        <p>
          Identifies <b>{identity.email ?? identity.sub}</b> (sub <code>{identity.sub}</code>), plan {identity.plan ?? '–'}, {formatMoney(identity.monthlyAmount, identity.currency)} a
          month{identity.signedWith === 'previous' ? ', signed with the previous secret' : ''}.
          {identity.company && (
            <span data-testid="diagnosis-company">
              {' '}
              Votes count for the company <b>{identity.company.name ?? identity.company.id}</b> (id <code>{identity.company.id}</code>), once per request:{' '}
              {formatMoney(identity.company.monthlyAmount, identity.currency)} a month; the user's own amount then weighs nothing.
            </span>
          )}
        </p>
      )}
      <ul class="checks">
        {diagnosis.checks.map((check) => (
          <li data-check={check.id} data-status={check.status}>
            <span class={`mark ${check.status}`} aria-label={check.status}>
              {MARKS[check.status]}
            </span>
            <div>
              <div class="row">
                <b>{check.label}</b>
                {check.code && <span class="code-badge">{check.code}</span>}
              </div>
              <div class="muted">{check.message}</div>
              {check.fix && (
                <div class="check-fix">
                  <b>Fix:</b> {check.fix}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
      {diagnosis.payload && <CodeBlock title="Payload" code={JSON.stringify(diagnosis.payload, null, 2)} language="json" />}
      {diagnosis.header && <CodeBlock title="Header" code={JSON.stringify(diagnosis.header)} language="json" />}
    </div>
  );
}

function FailureLog({ projectId }: { projectId: string }) {
  const [log, setLog] = useState<Failures | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    const load = () =>
      api<Failures>('GET', adminPath(projectId, '/identify-failures?limit=50')).then(
        (answer) => {
          if (current) {
            setLog(answer);
            setError('');
          }
        },
        (failure) => current && setError(describeFailure(failure)),
      );
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [projectId]);

  const counts = Object.entries(log?.counts ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <div class="card" data-testid="failure-log">
      <div class="row">
        <h2>Recent identify failures</h2>
        <span class="spacer" />
        <span class="live">live</span>
      </div>
      <p class="muted small">Refused tokens from your users' browsers: the code, time and origin. Tokens are never logged.</p>
      {error && <p class="error">{error}</p>}
      {log === null ? (
        <p class="muted">Loading…</p>
      ) : log.failures.length === 0 ? (
        <p class="muted">None: every token was accepted.</p>
      ) : (
        <>
          <div class="counts" aria-label="Failures per code in the last 24 hours">
            {counts.map(([code, count]) => (
              <span class="badge" data-code={code}>
                {code} × {count}
              </span>
            ))}
          </div>
          <table>
            <thead>
              <tr>
                <th>Code</th>
                <th>When</th>
                <th>Origin</th>
              </tr>
            </thead>
            <tbody>
              {log.failures.map((failure) => (
                <tr>
                  <td data-label="Code">
                    <span class="code-badge">{failure.code}</span>
                    {failure.expectedAudience && (
                      <dl class="audiences small" data-testid="failure-audiences">
                        <dt>expected</dt>
                        <dd>
                          <code>{failure.expectedAudience}</code>
                        </dd>
                        <dt>received</dt>
                        <dd>
                          <code>{failure.receivedAudience ?? '–'}</code>
                        </dd>
                      </dl>
                    )}
                  </td>
                  <td data-label="When" class="muted">{formatAgo(failure.at)}</td>
                  <td data-label="Origin" class="small">{failure.origin ?? <span class="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
