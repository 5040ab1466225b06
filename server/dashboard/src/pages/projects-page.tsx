import { useState } from 'preact/hooks';
import { ApiFailure, api, describeFailure } from '../api.js';
import { CopyButton } from '../components/code-block.js';
import { formatAgo } from '../format.js';
import { Link } from '../router.js';
import type { AdminProject } from '../types.js';

/** Every project of the installation, and a form to create one. */
export function ProjectsPage(props: { projects: AdminProject[]; reloadProjects: () => Promise<void>; canCreate: boolean }) {
  const [name, setName] = useState('');
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState('');
  const [created, setCreated] = useState<{ project: AdminProject; secret: string; apiKey: string } | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const answer = await api<{ project: AdminProject; secret: string; apiKey: string }>('POST', '/dashboard/api/projects', {
        name,
        allowedOrigins: origin.trim() ? [origin.trim()] : [],
      });
      setCreated(answer);
      setName('');
      setOrigin('');
      await props.reloadProjects();
    } catch (failure) {
      const fields = failure instanceof ApiFailure ? Object.entries(failure.fields) : [];
      setError(fields.length ? fields.map(([field, message]) => `${field} ${message}`).join('; ') : describeFailure(failure));
    }
  };

  return (
    <div class="stack">
      <div class="page-head">
        <div>
          <h1>Projects</h1>
          <p class="muted">Each project has its own widget, identity secret, audience and backlog.</p>
        </div>
      </div>
      {created && (
        <div class="card" role="status">
          <h2>“{created.project.name}” is ready</h2>
          <p class="notice">Copy these now: the secret and the API key are shown this once. The secret can be revealed again later with your password.</p>
          <dl class="kv">
            <dt>Identity secret</dt>
            <dd>
              <span class="secret" data-testid="created-secret">{created.secret}</span> <CopyButton class="" text={created.secret} />
            </dd>
            <dt>API key</dt>
            <dd>
              <code>{created.apiKey}</code> <CopyButton class="" text={created.apiKey} />
            </dd>
          </dl>
          <Link to={`/projects/${encodeURIComponent(created.project.id)}/identity`} class="button primary">
            Set up identity →
          </Link>
        </div>
      )}
      <div class="card">
        {props.projects.length === 0 ? (
          <p class="muted">{props.canCreate ? 'No projects yet: create the first one below.' : 'No projects yet: an admin of the team creates them.'}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Project</th>
                <th>Audience</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {props.projects.map((project) => (
                <tr>
                  <td data-label="Project">
                    <Link to={`/projects/${encodeURIComponent(project.id)}`}>{project.name}</Link>
                    <div class="muted small">{project.id}</div>
                  </td>
                  <td data-label="Audience">
                    <code>{project.audience}</code>
                  </td>
                  <td data-label="Created" class="muted">{formatAgo(project.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {props.canCreate && <div class="card">
        <h2>New project</h2>
        <form class="form" onSubmit={create}>
          <div class="row">
            <label class="field spacer">
              <span>Name</span>
              <input required maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} placeholder="Acme web app" />
            </label>
            <label class="field spacer">
              <span>Allowed origin (optional)</span>
              <input value={origin} onInput={(event) => setOrigin(event.currentTarget.value)} placeholder="https://app.example.com" />
            </label>
          </div>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div>
            <button class="primary" type="submit">
              Create project
            </button>
          </div>
        </form>
      </div>}
    </div>
  );
}
