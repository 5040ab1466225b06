import type { WidgetRequest, WidgetRequestList } from '@reqio/shared';
import { Component } from 'preact';
import type { SessionClient } from '../create-session-client.js';
import { settle } from '../settle.js';
import { describeError } from './describe-error.js';
import type { OnVote } from './panel.js';
import { patchItem, RequestItem } from './request-item.js';
import { STATUS_LABELS } from './status-badge.js';

const COLUMNS = ['planned', 'in_progress', 'done'];

interface RoadmapProps {
  client: SessionClient;
  onVote: OnVote;
  onOpen: (item: WidgetRequest) => void;
}

/** The roadmap: what is planned, in progress and done, each section by votes. */
export class RoadmapView extends Component<RoadmapProps, { items?: WidgetRequest[]; failure?: string }> {
  override componentDidMount(): void {
    settle(
      this.props.client.request<WidgetRequestList>('GET', `/requests?sort=top&status=${COLUMNS.join(',')}&limit=100`),
      (answer) => this.setState({ items: answer.requests }),
      (error) => this.setState({ failure: describeError(error, 'load') }),
    );
  }

  render({ onVote, onOpen }: RoadmapProps, { items, failure }: { items?: WidgetRequest[]; failure?: string }) {
    return (
      <div class="view list" id="reqio-roadmap" role="tabpanel" aria-labelledby="reqio-tab-roadmap" aria-busy={!items && !failure}>
        {failure ? (
          <p class="state error">{failure}</p>
        ) : !items ? (
          <p class="state">Loading…</p>
        ) : (
          COLUMNS.map((status) => {
            const column = items.filter((item) => item.status === status);
            return (
              <section aria-labelledby={`reqio-col-${status}`}>
                <h3 id={`reqio-col-${status}`} class={`col ${status}`}>
                  {STATUS_LABELS[status]} <span class="n">{column.length}</span>
                </h3>
                {column.length ? (
                  <ul>
                    {column.map((item) => (
                      <RequestItem key={item.id} item={item} onVote={onVote} onOpen={onOpen} apply={(change) => this.setState(({ items: all }) => ({ items: patchItem(all, item.id, change) ?? undefined }))} />
                    ))}
                  </ul>
                ) : (
                  <p class="empty">Nothing here yet.</p>
                )}
              </section>
            );
          })
        )}
      </div>
    );
  }
}
