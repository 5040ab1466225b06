import type { UpdatesResponse, WidgetRequest } from '@reqio/shared';
import { Component } from 'preact';
import type { SessionClient } from '../create-session-client.js';
import type { Store } from '../create-store.js';
import { settle } from '../settle.js';
import type { WidgetState } from '../widget-state.js';
import { describeError } from './describe-error.js';
import { STATUS_LABELS } from './status-badge.js';

interface UpdatesProps {
  client: SessionClient;
  store: Store<WidgetState>;
  onOpen: (item: WidgetRequest) => void;
}

/** When something happened, in the person's own words and calendar. */
export const formatDate = (at: string) => new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/**
 * What changed on the requests the person voted for or commented on since they last
 * looked; showing them marks them seen, and the launcher's badge goes.
 */
export class UpdatesView extends Component<UpdatesProps, { updates?: UpdatesResponse['updates']; failure?: string }> {
  override componentDidMount(): void {
    const { client, store } = this.props;
    settle(
      client.request<UpdatesResponse>('GET', '/updates'),
      (answer) => {
        this.setState({ updates: answer.updates });
        store.set({ unseen: 0 });
        if (answer.updates.length) client.request('POST', '/updates/seen', {}).catch(() => {});
      },
      (error) => this.setState({ failure: describeError(error, 'load') }),
    );
  }

  render({ onOpen }: UpdatesProps, { updates, failure }: { updates?: UpdatesResponse['updates']; failure?: string }) {
    return (
      <div class="view list" id="reqio-updates" role="tabpanel" aria-labelledby="reqio-tab-updates" aria-busy={!updates && !failure}>
        {failure ? (
          <p class="state error">{failure}</p>
        ) : !updates ? (
          <p class="state">Loading…</p>
        ) : updates.length ? (
          <ul>
            {updates.map(({ request, kind, at }) => (
              <li class="item update">
                <div class="main">
                  <button class="title" onClick={() => onOpen(request)}>
                    {request.title}
                  </button>
                  <p class="text">
                    {kind === 'reply' ? 'The team replied' : `Now ${(STATUS_LABELS[request.status] ?? request.status).toLowerCase()}`} · {formatDate(at)}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="state">Nothing new. When a request you voted for or commented on changes, you’ll see it here.</p>
        )}
      </div>
    );
  }
}
