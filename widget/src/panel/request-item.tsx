import type { WidgetRequest } from '@reqio/shared';
import { guard } from '../warn.js';
import type { Apply, OnVote } from './panel.js';
import { StatusBadge } from './status-badge.js';

/** Props of {@link RequestItem} and {@link VoteButton}. */
export interface ItemProps {
  item: WidgetRequest;
  onVote: OnVote;
  /** Patches this request where the caller keeps it. */
  apply: Apply;
  /** Opens the request's detail; without it the title is plain text. */
  onOpen?: (item: WidgetRequest) => void;
}

/** The vote toggle: pressed when the person has voted. `type="button"`: in the submit form's similar list it must not submit. */
export function VoteButton({ item, onVote, apply }: ItemProps) {
  return (
    <button
      type="button"
      class="vote"
      aria-pressed={item.voted}
      aria-label={`Vote for ${item.title}, ${item.votes} ${item.votes === 1 ? 'vote' : 'votes'}`}
      onClick={guard(() => onVote(item, apply), 'voting failed')}
    >
      <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
        <path d="M6 2l5 7H1z" />
      </svg>
      {item.votes}
    </button>
  );
}

/** One request in a list: its vote toggle, title (a button to its detail), body and status. Text only, never HTML. */
export function RequestItem(props: ItemProps) {
  const { item, onOpen } = props;
  const comments = item.commentCount;
  return (
    <li class="item" data-id={item.id}>
      <VoteButton {...props} />
      <div class="main">
        {onOpen ? (
          <button type="button" class="title" onClick={() => onOpen(item)}>
            {item.title}
          </button>
        ) : (
          <p class="title">{item.title}</p>
        )}
        {item.body ? <p class="text">{item.body}</p> : null}
        <StatusBadge status={item.status} />
        {comments ? <span class="badge">{`${comments} ${comments === 1 ? 'comment' : 'comments'}`}</span> : null}
      </div>
    </li>
  );
}

/** Returns `list` with the request `id` changed. */
export const patchItem = (list: WidgetRequest[] | null | undefined, id: string, change: Partial<WidgetRequest>) =>
  list && list.map((item) => (item.id === id ? { ...item, ...change } : item));
