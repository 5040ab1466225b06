import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeFailure } from '../api.js';
import { AccountPage } from '../pages/account-page.js';
import { AccountsPage } from '../pages/accounts-page.js';
import { BacklogPage } from '../pages/backlog-page.js';
import { DebuggerPage } from '../pages/debugger-page.js';
import { IdentityPage } from '../pages/identity-page.js';
import { ProjectsPage } from '../pages/projects-page.js';
import { RequestPage } from '../pages/request-page.js';
import { SettingsPage } from '../pages/settings-page.js';
import { UsersPage } from '../pages/users-page.js';
import { WebhooksPage } from '../pages/webhooks-page.js';
import { Link, matchPath, navigate } from '../router.js';
import type { ProjectPageProps } from '../project-page-props.js';
import type { AdminProject, Owner } from '../types.js';

/** A project's sections, in the sidebar's order. */
const SECTIONS = [
  { path: '', label: 'Backlog' },
  { path: '/accounts', label: 'Accounts' },
  { path: '/users', label: 'Users' },
  { path: '/identity', label: 'Identity set-up' },
  { path: '/debugger', label: 'Token debugger' },
  { path: '/settings', label: 'Settings' },
  { path: '/webhooks', label: 'Webhooks' },
] as const;

/** The signed-in frame: the sidebar (project switcher, sections, owner) and the current page. */
export function Shell(props: { owner: Owner; path: string; onSignedOut: (csrfToken: string) => void }) {
  const { path } = props;
  const [projects, setProjects] = useState<AdminProject[] | null>(null);
  const [error, setError] = useState('');
  // On a phone the sidebar folds into a menu, closed again after each navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  const reloadProjects = useCallback(async () => {
    try {
      setProjects((await api<{ projects: AdminProject[] }>('GET', '/dashboard/api/projects')).projects);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  }, []);
  useEffect(() => void reloadProjects(), [reloadProjects]);

  const signOut = async () => {
    try {
      const answer = await api<{ csrfToken: string }>('POST', '/dashboard/api/logout');
      props.onSignedOut(answer.csrfToken);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  const projectMatch = matchPath('/projects/:projectId', path.split('/').slice(0, 3).join('/'));
  const projectId = projectMatch?.projectId;
  const project = projects?.find((candidate) => candidate.id === projectId);
  const section = projectId === undefined ? undefined : path.slice(`/projects/${projectId}`.length);

  let page;
  if (error) page = <p class="error">{error}</p>;
  else if (projects === null) page = <p class="muted">Loading…</p>;
  else if (projectId === undefined) page = path === '/' ? <ProjectsPage projects={projects} reloadProjects={reloadProjects} /> : <NotFound />;
  else if (project === undefined) page = <NotFound />;
  else page = projectPage({ project, reloadProjects }, section ?? '');

  return (
    <div class="shell">
      <aside class={menuOpen ? 'side open' : 'side'}>
        <div class="side-top">
          <Link to="/" class="brand">
            <span class="brand-mark">R</span> Reqio
          </Link>
          <button type="button" class="menu-toggle" aria-expanded={menuOpen} aria-controls="side-menu" onClick={() => setMenuOpen(!menuOpen)}>
            Menu
          </button>
        </div>
        <div class="side-menu" id="side-menu">
        {projects !== null && projects.length > 0 && (
          <div>
            <label for="project-switch">Project</label>
            <select
              id="project-switch"
              value={projectId ?? ''}
              onChange={(event) => {
                const next = event.currentTarget.value;
                navigate(next ? `/projects/${encodeURIComponent(next)}${section && !section.startsWith('/backlog') ? section : ''}` : '/');
              }}
            >
              <option value="">All projects</option>
              {projects.map((candidate) => (
                <option value={candidate.id}>{candidate.name}</option>
              ))}
            </select>
          </div>
        )}
        {project && (
          <nav class="nav" aria-label="Project">
            {SECTIONS.map((item) => {
              const current = item.path === '' ? section === '' || section?.startsWith('/backlog') : section === item.path || section?.startsWith(`${item.path}/`);
              return (
                <Link to={`/projects/${encodeURIComponent(project.id)}${item.path}`} aria-current={current ? 'page' : undefined}>
                  {item.label}
                </Link>
              );
            })}
          </nav>
        )}
        <div class="side-foot">
          Signed in as {props.owner.email}
          <br />
          <button class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
        </div>
      </aside>
      <main class="main">{page}</main>
    </div>
  );
}

function projectPage(props: ProjectPageProps, section: string) {
  const request = matchPath('/backlog/:requestId', section);
  if (request) return <RequestPage {...props} requestId={request.requestId!} />;
  const account = matchPath('/accounts/:accountId', section);
  if (account) return <AccountPage {...props} accountId={account.accountId!} />;
  switch (section) {
    case '':
      return <BacklogPage {...props} />;
    case '/accounts':
      return <AccountsPage {...props} />;
    case '/users':
      return <UsersPage {...props} />;
    case '/identity':
      return <IdentityPage {...props} />;
    case '/debugger':
      return <DebuggerPage {...props} />;
    case '/settings':
      return <SettingsPage {...props} />;
    case '/webhooks':
      return <WebhooksPage {...props} />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <div class="card">
      <h1>Not found</h1>
      <p>
        There is nothing here. <Link to="/">See all projects</Link>.
      </p>
    </div>
  );
}
