import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { ProjectPageProps } from '../project-page-props.js';
import { formatAgo, formatMoney } from '../format.js';
import type { AdminUser } from '../types.js';

const PAGE = 50;

/** The project's identified users, highest monthly amount first; deleting one removes their votes too. */
export function UsersPage({ project }: ProjectPageProps) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ users: AdminUser[]; total: number } | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api<{ users: AdminUser[]; total: number }>('GET', adminPath(project.id, `/users?limit=${PAGE}&offset=${offset}`)).then(setPage, (failure) =>
      setError(describeFailure(failure)),
    );
  }, [project.id, offset, reload]);

  const remove = async (user: AdminUser) => {
    if (!confirm(`Delete ${user.email ?? user.id}? Their votes leave every request's totals; the requests they wrote stay.`)) return;
    try {
      await api('DELETE', adminPath(project.id, `/users/${encodeURIComponent(user.id)}`));
      setReload((count) => count + 1);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Users</h1>
          <p class="muted">Customers identified by your server's tokens, with what they pay per month.</p>
        </div>
      </div>
      {error && <p class="error">{error}</p>}
      {page === null ? (
        !error && <p class="muted">Loading…</p>
      ) : page.total === 0 ? (
        <div class="card">
          <p class="muted">No identified users yet. They appear when the widget identifies someone with a token from your server.</p>
        </div>
      ) : (
        <div class="card">
          <table data-testid="users">
            <thead>
              <tr>
                <th>User</th>
                <th>Plan</th>
                <th class="num">Monthly amount</th>
                <th>Last seen</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.users.map((user) => (
                <tr data-user-id={user.id}>
                  <td data-label="User">
                    <div class="user-email">{user.email ?? user.name ?? user.id}</div>
                    <div class="muted small">
                      {user.name && user.email ? `${user.name} · ` : ''}id {user.id}
                    </div>
                  </td>
                  <td data-label="Plan" class="user-plan">{user.plan ?? <span class="muted">–</span>}</td>
                  <td data-label="Monthly amount" class="num">{formatMoney(user.monthlyAmount, project.currency)}</td>
                  <td data-label="Last seen" class="muted">{formatAgo(user.lastSeenAt)}</td>
                  <td class="num">
                    <button class="danger" onClick={() => void remove(user)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <span class="muted small">
              {offset + 1}–{offset + page.users.length} of {page.total}
            </span>
            <span class="spacer" />
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
            <button disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              Next
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
