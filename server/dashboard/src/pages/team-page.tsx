import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeFailure } from '../api.js';
import { CopyButton } from '../components/code-block.js';
import { formatAgo, formatDateTime } from '../format.js';
import type { InviteAnswer, MemberRole, Owner, TeamAnswer, TeamMember } from '../types.js';

/** The team: who is in it and with which role; admins invite, change roles, remove, and can require two-factor sign-in. */
export function TeamPage({ owner }: { owner: Owner }) {
  const isAdmin = owner.role === 'admin';
  const [team, setTeam] = useState<TeamAnswer | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const [invite, setInvite] = useState<(InviteAnswer & { email: string }) | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => api<TeamAnswer>('GET', '/dashboard/api/members').then(setTeam, (failure) => setError(describeFailure(failure))), []);
  useEffect(() => void load(), [load]);

  const run = async (work: () => Promise<unknown>) => {
    setError('');
    setBusy(true);
    try {
      await work();
      await load();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };
  const sendInvite = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const answer = await api<InviteAnswer>('POST', '/dashboard/api/members/invites', { email, role });
      setInvite({ ...answer, email });
      setEmail('');
    });
  };
  const changeRole = (member: TeamMember, next: MemberRole) => void run(() => api('PATCH', `/dashboard/api/members/${encodeURIComponent(member.id)}`, { role: next }));
  const remove = (member: TeamMember) => {
    if (!confirm(`Remove ${member.email} from the team? They are signed out at once.`)) return;
    void run(() => api('DELETE', `/dashboard/api/members/${encodeURIComponent(member.id)}`));
  };
  const requireTwoFactor = (required: boolean) => void run(() => api('PATCH', '/dashboard/api/team/settings', { requireTwoFactor: required }));

  return (
    <div class="stack">
      <div class="page-head">
        <div>
          <h1>Team</h1>
          <p class="muted">Admins do everything: settings, secrets, API keys, webhooks and the team. Members work the backlog and read users; they never see a secret.</p>
        </div>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div class="card" role="status">
          <h2>Invite for {invite.email}</h2>
          <p>
            {invite.emailed ? 'Emailed, and here to copy' : 'Copy this link and send it to them'}: it works once, until {formatDateTime(invite.expiresAt)}.
          </p>
          <p class="secret" data-testid="invite-link">
            {invite.link}
          </p>
          <CopyButton class="" text={invite.link} />
        </div>
      )}
      <div class="card">
        <h2>Members</h2>
        {team === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <table data-testid="members">
            <thead>
              <tr>
                <th>Member</th>
                <th>Role</th>
                <th>Two-factor</th>
                <th>Joined</th>
                {isAdmin && <th />}
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => (
                <tr>
                  <td data-label="Member">
                    {member.name || member.email}
                    {member.name && <div class="muted small">{member.email}</div>}
                  </td>
                  <td data-label="Role">
                    {isAdmin ? (
                      <select aria-label={`Role of ${member.email}`} value={member.role} disabled={busy} onChange={(event) => changeRole(member, event.currentTarget.value as MemberRole)}>
                        <option value="admin">admin</option>
                        <option value="member">member</option>
                      </select>
                    ) : (
                      <span class="badge">{member.role}</span>
                    )}
                  </td>
                  <td data-label="Two-factor">{member.twoFactorEnabled ? 'on' : <span class="muted">off</span>}</td>
                  <td data-label="Joined" class="muted">{formatAgo(member.createdAt)}</td>
                  {isAdmin && (
                    <td class="num">
                      <button class="danger" disabled={busy} onClick={() => remove(member)}>
                        {member.id === owner.id ? 'Leave' : 'Remove'}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {team !== null && team.invites.length > 0 && (
          <>
            <h3>Invited, not joined yet</h3>
            <ul>
              {team.invites.map((pending) => (
                <li>
                  {pending.email} as {pending.role} <span class="muted small">(link works until {formatDateTime(pending.expiresAt)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {isAdmin && (
        <div class="card">
          <h2>Invite someone</h2>
          <form class="form" onSubmit={sendInvite}>
            <div class="row">
              <label class="field spacer">
                <span>Email</span>
                <input type="email" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} placeholder="colleague@example.com" />
              </label>
              <label class="field">
                <span>Role</span>
                <select value={role} onChange={(event) => setRole(event.currentTarget.value as MemberRole)}>
                  <option value="member">member</option>
                  <option value="admin">admin</option>
                </select>
              </label>
            </div>
            <p class="muted small">{team?.emailsInvites ? 'The link is emailed and shown here to copy.' : 'Email is not set up (SMTP_URL): the link is shown here to copy and send yourself.'}</p>
            <div>
              <button class="primary" type="submit" disabled={busy}>
                Create invite link
              </button>
            </div>
          </form>
        </div>
      )}
      {isAdmin && team !== null && (
        <div class="card">
          <h2>Two-factor sign-in</h2>
          <label class="row">
            <input type="checkbox" checked={team.requireTwoFactor} disabled={busy} onChange={(event) => requireTwoFactor(event.currentTarget.checked)} />
            Require two-factor sign-in for everyone
          </label>
          <p class="muted small">Members without it are asked to set it up before they can do anything else.</p>
        </div>
      )}
    </div>
  );
}
