import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeFailure } from '../api.js';
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
import type { AdminProject, MemberRole, Owner } from '../types.js';
import { AccountPage } from '../pages/account-page.js';
import { AuditLogPage } from '../pages/audit-log-page.js';
import { TeamPage } from '../pages/team-page.js';
import { StepUpDialog } from './step-up-dialog.js';

/** A project's sections, in the sidebar's order, with the least role that may open each (CONTRACT §9). */
const SECTIONS = [
  { path: '', label: 'Backlog', role: 'member' },
  { path: '/users', label: 'Users', role: 'member' },
  { path: '/identity', label: 'Identity set-up', role: 'admin' },
  { path: '/debugger', label: 'Token debugger', role: 'admin' },
  { path: '/settings', label: 'Settings', role: 'admin' },
  { path: '/webhooks', label: 'Webhooks', role: 'admin' },
  { path: '/audit-log', label: 'Audit log', role: 'admin' },
] as const satisfies readonly { path: string; label: string; role: MemberRole }[];

/** Whether `role` may open a section: members only what is theirs, admins everything. */
const mayOpen = (role: MemberRole, section: { role: MemberRole }) => role === 'admin' || section.role === 'member';

/** The signed-in frame: the sidebar (project switcher, sections, team, account) and the current page. */
export function Shell(props: { owner: Owner; twoFactorSetupRequired: boolean; path: string; refreshSession: () => Promise<void>; onSignedOut: (csrfToken: string) => void }) {
  const { path, owner } = props;
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
  // A team that requires two-factor sign-in sends an account without it to set it up first.
  if (props.twoFactorSetupRequired || path === '/account') page = <AccountPage owner={owner} setupRequired={props.twoFactorSetupRequired} refreshSession={props.refreshSession} />;
  else if (path === '/team') page = <TeamPage owner={owner} />;
  else if (error) page = <p class="error">{error}</p>;
  else if (projects === null) page = <p class="muted">Loading…</p>;
  else if (projectId === undefined) page = path === '/' ? <ProjectsPage projects={projects} reloadProjects={reloadProjects} canCreate={owner.role === 'admin'} /> : <NotFound />;
  else if (project === undefined) page = <NotFound />;
  else page = projectPage({ project, reloadProjects }, section ?? '', owner.role);

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
            {SECTIONS.filter((item) => mayOpen(owner.role, item)).map((item) => {
              const current = item.path === '' ? section === '' || section?.startsWith('/backlog') : section === item.path;
              return (
                <Link to={`/projects/${encodeURIComponent(project.id)}${item.path}`} aria-current={current ? 'page' : undefined}>
                  {item.label}
                </Link>
              );
            })}
          </nav>
        )}
        <nav class="nav" aria-label="Team">
          <Link to="/team" aria-current={path === '/team' ? 'page' : undefined}>
            Team
          </Link>
          <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
            Your account
          </Link>
        </nav>
        <div class="side-foot">
          Signed in as {owner.email} ({owner.role})
          <br />
          <button class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
        </div>
      </aside>
      <main class="main">{page}</main>
      <StepUpDialog withCode={owner.twoFactorEnabled} />
    </div>
  );
}

function projectPage(props: ProjectPageProps, section: string, role: MemberRole) {
  const request = matchPath('/backlog/:requestId', section);
  if (request) return <RequestPage {...props} requestId={request.requestId!} />;
  // A section the role may not open is not there at all (its API answers 403 anyway).
  const known = SECTIONS.find((item) => item.path === section);
  if (known !== undefined && !mayOpen(role, known)) return <NotFound />;
  switch (section) {
    case '':
      return <BacklogPage {...props} />;
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
    case '/audit-log':
      return <AuditLogPage {...props} />;
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
