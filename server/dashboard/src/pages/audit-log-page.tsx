import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS } from '@reqio/shared';
import { adminPath, api, describeFailure } from '../api.js';
import { formatDateTime } from '../format.js';
import type { ProjectPageProps } from '../project-page-props.js';
import type { AuditEntry, AuditLog } from '../types.js';

const PAGE = 50;

const actorLabel = (entry: AuditEntry): string =>
  entry.actor.kind === 'cli' ? 'reqio command' : `${entry.actor.kind === 'apiKey' ? 'API key' : ''} ${entry.actor.name ?? entry.actor.id ?? ''}`.trim();

const describeChanges = (changes: AuditEntry['changes']): string =>
  changes === undefined ? '' : Object.entries(changes).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');

/** Who did what to the project's secrets, keys, webhooks, settings and data, and to the team: newest first, filtered by action. */
export function AuditLogPage({ project }: ProjectPageProps) {
  const [action, setAction] = useState('');
  const [offset, setOffset] = useState(0);
  const [log, setLog] = useState<AuditLog | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    setError('');
    const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE), ...(action && { action }) });
    api<AuditLog>('GET', adminPath(project.id, `/audit-log?${query}`)).then(setLog, (failure) => setError(describeFailure(failure)));
  }, [project.id, action, offset]);

  return (
    <div class="stack">
      <div class="page-head">
        <div>
          <h1>Audit log</h1>
          <p class="muted">Sensitive actions on this project and on the team, with who did them. Entries are never changed or deleted, and never hold a secret.</p>
        </div>
        <div class="spacer" />
        <label class="field">
          <span>Action</span>
          <select
            value={action}
            onChange={(event) => {
              setAction(event.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((name) => (
              <option value={name}>{name}</option>
            ))}
          </select>
        </label>
      </div>
      {error && <p class="error">{error}</p>}
      <div class="card">
        {log === null ? (
          <p class="muted">Loading…</p>
        ) : log.entries.length === 0 ? (
          <p class="muted">Nothing recorded{action ? ` for ${action}` : ''} yet.</p>
        ) : (
          <table data-testid="audit-entries">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Changes</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <tr>
                  <td data-label="When" class="muted">{formatDateTime(entry.at)}</td>
                  <td data-label="Who">{actorLabel(entry)}</td>
                  <td data-label="Action">
                    <code>{entry.action}</code>
                  </td>
                  <td data-label="Target" class="wrap">{entry.target ?? ''}</td>
                  <td data-label="Changes" class="wrap small">{describeChanges(entry.changes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div class="row actions">
          <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <button disabled={log?.nextOffset == null} onClick={() => log?.nextOffset != null && setOffset(log.nextOffset)}>
            Older
          </button>
        </div>
      </div>
    </div>
  );
}
