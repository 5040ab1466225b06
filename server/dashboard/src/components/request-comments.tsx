import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, adminPath, api, describeFailure } from '../api.js';
import { formatAgo } from '../format.js';
import type { AdminComment } from '../types.js';
import { ConfirmDialog } from './confirm-dialog.js';

/**
 * A request's comments as the team sees them: customers' comments, the team's replies
 * (emailed to voters and commenters) and internal notes (never shown in the widget), with
 * a reply box and moderation.
 */
export function RequestComments(props: { projectId: string; requestId: string; readOnly?: boolean }) {
  const base = adminPath(props.projectId, `/requests/${encodeURIComponent(props.requestId)}/comments`);
  const [comments, setComments] = useState<AdminComment[] | null>(null);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<AdminComment | null>(null);

  useEffect(() => {
    api<{ comments: AdminComment[] }>('GET', base).then(
      (answer) => setComments(answer.comments),
      (failure) => setError(describeFailure(failure)),
    );
  }, [base]);

  const post = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const answer = await api<{ comment: AdminComment }>('POST', base, { body, internal });
      setComments((current) => [...(current ?? []), answer.comment]);
      setBody('');
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.fields.body ? `The reply ${failure.fields.body}.` : describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  const author = (comment: AdminComment) => (comment.author.team ? 'Team' : (comment.author.name ?? comment.author.email ?? comment.author.userId ?? 'Anonymous'));

  return (
    <div class="card" data-testid="comments">
      <h2>Comments</h2>
      {comments === null ? (
        !error && <p class="muted">Loading…</p>
      ) : comments.length === 0 ? (
        <p class="muted">No comments yet.</p>
      ) : (
        <ul class="comments">
          {comments.map((comment) => (
            <li class={`comment${comment.internal ? ' internal' : comment.author.team ? ' team' : ''}`} data-comment-id={comment.id}>
              <div class="comment-head">
                <b>{author(comment)}</b>
                {comment.internal ? <span class="badge internal">Internal note</span> : comment.author.team ? <span class="badge team">Team reply</span> : null}
                <span class="muted">{formatAgo(comment.createdAt)}</span>
                <span class="spacer" />
                {!props.readOnly && (
                  <button class="link small" onClick={() => setDeleting(comment)} aria-label={`Delete the comment by ${author(comment)}`}>
                    Delete
                  </button>
                )}
              </div>
              <p class="comment-body">{comment.body}</p>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!props.readOnly && (
        <form class="form reply-form" onSubmit={post}>
          <label class="field">
            <span>{internal ? 'Internal note' : 'Reply as the team'}</span>
            <textarea rows={3} maxLength={5000} required value={body} onInput={(event) => setBody(event.currentTarget.value)} data-testid="reply-body" />
            <small>{internal ? 'Only your team sees internal notes.' : 'Shown in the widget as the team’s reply, and emailed to the voters and commenters.'}</small>
          </label>
          <div class="row">
            <label class="switch">
              <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.currentTarget.checked)} data-testid="internal" />
              Internal note
            </label>
            <span class="spacer" />
            <button class="primary" type="submit" disabled={busy || body.trim() === ''}>
              {internal ? 'Add note' : 'Post reply'}
            </button>
          </div>
        </form>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this comment?"
          message={`The comment by ${author(deleting)} disappears for everyone. This cannot be undone.`}
          action="Delete comment"
          onConfirm={async () => {
            await api('DELETE', `${base}/${encodeURIComponent(deleting.id)}`);
            setComments((current) => current?.filter((comment) => comment.id !== deleting.id) ?? null);
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </div>
  );
}
