import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, adminPath, api, describeFailure } from '../api.js';
import { CopyButton } from '../components/code-block.js';
import { EmailSettingsCard } from '../components/email-settings-card.js';
import { CurrencySettings } from '../components/currency-settings.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatAgo } from '../format.js';
import type { AdminProject, ApiKeyRecord } from '../types.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The project's settings (name, allowed origins, extra audiences, leeway), its currency and rates, and its API keys. */
export function SettingsPage({ project, reloadProjects, role }: ProjectPageProps) {
  const [name, setName] = useState(project.name);
  const [origins, setOrigins] = useState(project.allowedOrigins.join('\n'));
  const [audiences, setAudiences] = useState(project.extraAudiences.join('\n'));
  const [leeway, setLeeway] = useState(String(project.leewaySeconds));
  const [requireIdentity, setRequireIdentity] = useState(project.requireIdentity);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage(null);
    try {
      await api<{ project: AdminProject }>('PATCH', adminPath(project.id), {
        name,
        allowedOrigins: lines(origins),
        extraAudiences: lines(audiences),
        leewaySeconds: Number(leeway),
        requireIdentity,
      });
      await reloadProjects();
      setMessage({ text: 'Saved.' });
    } catch (failure) {
      const fields = failure instanceof ApiFailure ? Object.entries(failure.fields) : [];
      setMessage({ text: fields.length ? fields.map(([field, text]) => `${field} ${text}`).join('; ') : describeFailure(failure), error: true });
    }
  };

  return (
    <div class="stack">
      <div class="page-head">
        <div>
          <h1>Settings</h1>
          <p class="muted">{project.name}</p>
        </div>
      </div>
      <form class="card form" onSubmit={save}>
        <h2>Project</h2>
        <label class="field">
          <span>Name</span>
          <input required maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Allowed origins</span>
          <textarea rows={3} value={origins} onInput={(event) => setOrigins(event.currentTarget.value)} placeholder="https://app.example.com" />
          <small>One per line: the sites whose pages may run this project's widget (this service's own origin always may).</small>
        </label>
        <label class="field">
          <span>Extra audiences</span>
          <textarea rows={2} value={audiences} onInput={(event) => setAudiences(event.currentTarget.value)} placeholder="https://reqio.app/p/…" />
          <small>
            One per line, accepted in <code>aud</code> besides <code>{project.audience}</code> (for example while migrating from Reqio's hosted service).
          </small>
        </label>
        <label class="field">
          <span>Clock leeway (seconds)</span>
          <input type="number" min={0} max={120} required value={leeway} onInput={(event) => setLeeway(event.currentTarget.value)} />
          <small>How far your servers' clocks may drift from ours, each way: 0 to 120, 30 by default.</small>
        </label>
        <label class="row">
          <input type="checkbox" checked={requireIdentity} onChange={(event) => setRequireIdentity(event.currentTarget.checked)} />
          Only identified users may post and vote
        </label>
        {message && <p class={message.error ? 'error' : 'success'}>{message.text}</p>}
        <div>
          <button class="primary" type="submit">
            Save settings
          </button>
        </div>
      </form>
      <EmailSettingsCard projectId={project.id} />
      <CurrencySettings project={project} reloadProjects={reloadProjects} role={role} />
      <ApiKeys projectId={project.id} />
    </div>
  );
}

function ApiKeys({ projectId }: { projectId: string }) {
  const [keys, setKeys] = useState<ApiKeyRecord[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState('');
  const load = () => api<{ apiKeys: ApiKeyRecord[] }>('GET', adminPath(projectId, '/api-keys')).then((answer) => setKeys(answer.apiKeys), (failure) => setError(describeFailure(failure)));
  useEffect(() => void load(), [projectId]);

  const create = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const answer = await api<{ apiKey: string }>('POST', adminPath(projectId, '/api-keys'), { name: name || 'API key' });
      setCreated(answer.apiKey);
      setName('');
      await load();
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };
  const revoke = async (key: ApiKeyRecord) => {
    if (!confirm(`Revoke “${key.name}”? Anything using it stops working at once.`)) return;
    try {
      await api('DELETE', adminPath(projectId, `/api-keys/${encodeURIComponent(key.id)}`));
      await load();
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  return (
    <div class="card">
      <h2>API keys</h2>
      <p class="muted">For the admin API (<code>Authorization: Bearer rq_ak_…</code>) from your own scripts. A key is shown once, when it is created.</p>
      {created && (
        <div class="notice" role="status">
          New key, shown this once: <code data-testid="new-api-key">{created}</code> <CopyButton class="" text={created} />
        </div>
      )}
      {error && <p class="error">{error}</p>}
      {keys && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <td data-label="Name">{key.name}</td>
                <td data-label="Key">
                  <code>{key.prefix}…</code>
                </td>
                <td data-label="Created" class="muted">{formatAgo(key.createdAt)}</td>
                <td class="num">
                  {key.revokedAt ? (
                    <span class="muted">revoked {formatAgo(key.revokedAt)}</span>
                  ) : (
                    <button class="danger" onClick={() => void revoke(key)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="row actions" onSubmit={create}>
        <input value={name} maxLength={100} onInput={(event) => setName(event.currentTarget.value)} placeholder="Key name, e.g. CI export" />
        <button type="submit">Create API key</button>
      </form>
    </div>
  );
}
