import type { WidgetRequest } from '@reqio/shared';
import { guard } from '../warn.js';
import { StatusBadge } from './status-badge.js';

/** One request in the list: its vote toggle, title, body and status. Text only, never HTML. */
export function RequestItem({ item, onVote }: { item: WidgetRequest; onVote: (item: WidgetRequest) => unknown }) {
  return (
    <li class="item">
      <button
        class="vote"
        aria-pressed={item.voted}
        aria-label={`Vote for ${item.title}, ${item.votes} ${item.votes === 1 ? 'vote' : 'votes'}`}
        onClick={guard(() => onVote(item), 'voting failed')}
      >
        <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <path d="M6 2l5 7H1z" />
        </svg>
        {item.votes}
      </button>
      <div class="main">
        <p class="title">{item.title}</p>
        {item.body ? <p class="text">{item.body}</p> : null}
        <StatusBadge status={item.status} />
      </div>
    </li>
  );
}
