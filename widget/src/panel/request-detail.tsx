import type { WidgetComment, WidgetRequest, WidgetRequestDetail } from '@reqio/shared';
import { Component } from 'preact';
import type { SessionClient } from '../create-session-client.js';
import { settle } from '../settle.js';
import { validateRequestInput, type FieldErrors } from '../validate-request-input.js';
import { guard } from '../warn.js';
import { describeError, type Action } from './describe-error.js';
import type { OnVote } from './panel.js';
import { RequestFields, readFields } from './request-fields.js';
import { VoteButton } from './request-item.js';
import { StatusBadge } from './status-badge.js';
import { formatDate } from './updates-view.js';

interface DetailProps {
  client: SessionClient;
  /** The request as the list had it: shown at once, then refreshed with its comments. */
  item: WidgetRequest;
  /** The detail already read (a `#reqio-request=` link): shown as it is, not read again. */
  loaded?: WidgetRequestDetail | undefined;
  onVote: OnVote;
  onBack: (change?: { request?: WidgetRequest; removed?: string; text?: string }) => void;
  say: (text: string, error?: boolean) => void;
}

interface DetailState {
  /** `mine` once the detail has loaded: the caller wrote it. */
  request: WidgetRequest & { mine?: boolean };
  /** Null while loading. */
  comments: WidgetComment[] | null;
  failure?: string;
  editing?: boolean;
  errors: FieldErrors & { comment?: string };
  /** What a second click deletes: 'request' or a comment id. */
  confirm?: string | null;
  busy?: boolean;
  /** The id asked for was merged into this request. */
  merged?: boolean;
}

/**
 * One request: its comments (team replies marked), a comment box, and, for its author
 * while it is open, edit and delete. Deleting asks for a second click.
 */
export class RequestDetail extends Component<DetailProps, DetailState> {
  declare heading: HTMLHeadingElement | null;
  declare comment: HTMLTextAreaElement | null;
  /** The request's API path: the id shown, which after a merge is the target's. */
  declare path: () => string;

  constructor(props: DetailProps) {
    super(props);
    const { item, loaded } = props;
    this.state = loaded ? { request: loaded.request, comments: loaded.comments, merged: !!loaded.mergedFrom, errors: {} } : { request: item, comments: null, errors: {} };
    this.path = () => `/requests/${encodeURIComponent(this.state.request.id)}`;
  }

  override componentDidMount(): void {
    this.heading?.focus();
    if (this.props.loaded) return;
    settle(
      this.props.client.request<WidgetRequestDetail>('GET', this.path()),
      (answer) => this.setState({ request: answer.request, comments: answer.comments, merged: !!answer.mergedFrom }),
      (error) => this.setState({ failure: describeError(error, 'load'), comments: [] }),
    );
  }

  /** Runs one change against the API; a failure becomes the panel's notice. */
  async run<T>(action: Action, method: string, path: string, body?: unknown): Promise<T | undefined> {
    if (this.state.busy) return;
    this.setState({ busy: true, confirm: null });
    try {
      return await this.props.client.request<T>(method, path, body);
    } catch (error) {
      this.props.say(describeError(error, action), true);
    } finally {
      this.setState({ busy: false });
    }
  }

  async save(event: Event): Promise<void> {
    event.preventDefault();
    const { title, body } = readFields(event.target as HTMLFormElement);
    const errors = validateRequestInput(title, body);
    this.setState({ errors });
    if (errors.title || errors.body) return;
    const answer = await this.run<{ request: WidgetRequest }>('save', 'PATCH', this.path(), { title, body });
    // The form goes; focus goes to the (new) title rather than to nowhere.
    if (answer) this.setState({ request: { ...this.state.request, ...answer.request }, editing: false }, () => this.heading?.focus());
  }

  async remove(): Promise<void> {
    if (this.state.confirm !== 'request') return this.setState({ confirm: 'request' });
    if ((await this.run('remove', 'DELETE', this.path())) !== undefined) this.props.onBack({ removed: this.state.request.id, text: 'Your request is deleted.' });
  }

  async removeComment(id: string): Promise<void> {
    if (this.state.confirm !== id) return this.setState({ confirm: id });
    if ((await this.run('remove', 'DELETE', `${this.path()}/comments/${encodeURIComponent(id)}`)) !== undefined) {
      this.setState(({ comments }) => ({ comments: comments && comments.filter((comment) => comment.id !== id) }));
      this.props.say('Your comment is deleted.');
    }
  }

  async post(event: Event): Promise<void> {
    event.preventDefault();
    const body = this.comment?.value.trim() ?? '';
    const problem = !body ? 'Write a comment first.' : body.length > 5000 ? `A comment must be at most 5000 characters (${body.length} now).` : undefined;
    this.setState({ errors: { comment: problem } });
    if (problem) return this.comment?.focus();
    const answer = await this.run<{ comment: WidgetComment }>('comment', 'POST', `${this.path()}/comments`, { body });
    if (!answer) return;
    if (this.comment) this.comment.value = '';
    this.setState(({ comments, request }) => ({
      comments: [...(comments ?? []), answer.comment],
      request: { ...request, commentCount: (request.commentCount ?? 0) + 1 },
    }));
  }

  // No button is disabled while a change is sent (run() ignores a second one): a disabled
  // button would drop the keyboard focus.
  render({ onVote, onBack }: DetailProps, { request, comments, failure, editing, errors, confirm, merged }: DetailState) {
    const mine = request.mine && request.status === 'open';
    return (
      <div class="detail" role="region" aria-labelledby="reqio-detail-title" aria-busy={!comments}>
        <button class="link back" onClick={() => onBack({ request })}>
          ← All requests
        </button>
        <div class="item">
          <VoteButton item={request} onVote={onVote} apply={(change) => this.setState({ request: { ...this.state.request, ...change } })} />
          <div class="main">
            <h3 id="reqio-detail-title" class="title" tabIndex={-1} ref={(heading) => void (this.heading = heading)}>
              {request.title}
            </h3>
            {request.body ? <p class="text full">{request.body}</p> : null}
            <StatusBadge status={request.status} />
            {merged ? <p class="empty">The request you opened was merged into this one; its votes and comments are here.</p> : null}
          </div>
        </div>
        {mine && editing ? (
          <form class="form" noValidate onSubmit={guard((event: Event) => this.save(event), 'saving failed')}>
            <RequestFields errors={errors} title={request.title} body={request.body} />
            <div class="actions">
              <button type="button" class="secondary" onClick={() => this.setState({ editing: false, errors: {} })}>
                Cancel
              </button>
              <button class="primary">Save</button>
            </div>
          </form>
        ) : mine ? (
          <div class="actions">
            <button class="secondary" onClick={() => this.setState({ editing: true, confirm: null })}>
              Edit
            </button>
            <button class="secondary" onClick={guard(() => this.remove(), 'deleting failed')}>
              {confirm === 'request' ? 'Confirm delete' : 'Delete'}
            </button>
          </div>
        ) : null}
        <h4>Comments</h4>
        {failure ? <p class="state error">{failure}</p> : null}
        {!comments ? (
          <p class="state">Loading…</p>
        ) : comments.length ? (
          <ul class="comments">
            {comments.map((comment) => (
              <li class={comment.author.team ? 'comment team' : 'comment'}>
                <p class="by">
                  {comment.author.name || (comment.author.team ? '' : 'Someone')}
                  {comment.author.team ? <span class="tag">Team</span> : null} · {formatDate(comment.createdAt)}
                </p>
                <p class="text full">{comment.body}</p>
                {comment.mine ? (
                  <button class="link" onClick={guard(() => this.removeComment(comment.id), 'deleting failed')}>
                    {confirm === comment.id ? 'Confirm delete' : 'Delete'}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">No comments yet.</p>
        )}
        <form class="form" noValidate onSubmit={guard((event: Event) => this.post(event), 'commenting failed')}>
          <label for="reqio-comment">Add a comment</label>
          <textarea
            id="reqio-comment"
            ref={(area) => void (this.comment = area)}
            aria-invalid={!!errors.comment}
            aria-describedby={errors.comment && 'reqio-comment-error'}
          />
          {errors.comment ? (
            <p id="reqio-comment-error" class="hint error">
              {errors.comment}
            </p>
          ) : null}
          <div class="actions">
            <button class="primary">Comment</button>
          </div>
        </form>
      </div>
    );
  }
}
