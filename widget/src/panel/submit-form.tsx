import type { WidgetRequest, WidgetRequestList } from '@reqio/shared';
import { Component } from 'preact';
import type { ApiError } from '../api-error.js';
import type { SessionClient } from '../create-session-client.js';
import { settle } from '../settle.js';
import { validateRequestInput, type FieldErrors } from '../validate-request-input.js';
import { guard } from '../warn.js';
import { describeError } from './describe-error.js';
import type { OnVote } from './panel.js';
import { readFields, RequestFields } from './request-fields.js';
import { patchItem, RequestItem } from './request-item.js';

/** How long typing must pause before similar requests are looked up. */
export const SIMILAR_DELAY_MS = 300;

interface SubmitFormProps {
  client: SessionClient;
  /** With the posted request, or nothing when cancelled. */
  onDone: (request?: WidgetRequest) => void;
  onVote: OnVote;
  onOpen: (item: WidgetRequest) => void;
}

interface SubmitFormState {
  errors: FieldErrors & { form?: string };
  busy?: boolean;
  /** Up to 5 open requests like the title being typed. */
  similar: WidgetRequest[];
}

/**
 * The "suggest a feature" form, checked here first and then by the API. While the title
 * is typed it shows similar requests to vote on instead: looked up when typing pauses, the
 * call in flight dropped when typing goes on.
 */
export class SubmitForm extends Component<SubmitFormProps, SubmitFormState> {
  declare form: HTMLFormElement | null;
  declare timer: ReturnType<typeof setTimeout> | undefined;
  declare controller: AbortController | null;

  constructor(props: SubmitFormProps) {
    super(props);
    this.state = { errors: {}, similar: [] };
  }

  override componentDidMount(): void {
    this.focusField({});
  }

  override componentWillUnmount(): void {
    this.lookUp('');
  }

  /** Focuses the first field with an error, or the title when there is none. */
  focusField(errors: FieldErrors): void {
    if (this.form) readFields(this.form).fields[errors.title || !errors.body ? 'title' : 'body'].focus();
  }

  /** Looks up requests like `title` once typing pauses; every keystroke cancels the previous lookup. */
  lookUp(title: string): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = null;
    const text = title.trim();
    if (text.length < 3) return this.state.similar.length ? this.setState({ similar: [] }) : undefined;
    this.timer = setTimeout(() => {
      const controller = (this.controller = new AbortController());
      settle(
        this.props.client.request<WidgetRequestList>('GET', `/requests/similar?title=${encodeURIComponent(text)}`, undefined, controller.signal),
        (answer) => controller === this.controller && this.setState({ similar: answer.requests.slice(0, 5) }),
      );
    }, SIMILAR_DELAY_MS);
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const { title, body } = readFields(event.target as HTMLFormElement);
    let errors: SubmitFormState['errors'] = validateRequestInput(title, body);
    if (!errors.title && !errors.body) {
      if (this.state.busy) return;
      this.setState({ busy: true });
      try {
        return this.props.onDone((await this.props.client.request<{ request: WidgetRequest }>('POST', '/requests', body ? { title, body } : { title })).request);
      } catch (error) {
        const server = ((error as ApiError).code === 'validation_failed' && (error as ApiError).fields) || {};
        errors = {
          title: server.title && `Title ${server.title}.`,
          body: server.body && `Details ${server.body}.`,
          form: server.title || server.body ? undefined : describeError(error, 'post'),
        };
      }
    }
    this.setState({ errors, busy: false });
    if (errors.title || errors.body) this.focusField(errors);
  }

  render({ onDone, onVote, onOpen }: SubmitFormProps, { errors, busy, similar }: SubmitFormState) {
    return (
      <form ref={(form) => void (this.form = form)} class="form" noValidate onSubmit={guard((event: Event) => this.submit(event), 'posting failed')}>
        <RequestFields errors={errors} onTitle={guard((title: string) => this.lookUp(title), 'looking up failed')}>
          <div aria-live="polite">
            {similar.length ? (
              <div class="similar" role="group" aria-labelledby="reqio-similar">
                <p id="reqio-similar" class="hint">
                  Already asked? Vote for it instead:
                </p>
                <ul>
                  {similar.map((item) => (
                    <RequestItem key={item.id} item={item} onVote={onVote} onOpen={onOpen} apply={(change) => this.setState(({ similar: list }) => ({ similar: patchItem(list, item.id, change)! }))} />
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        </RequestFields>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => onDone()}>
            Cancel
          </button>
          <button class="primary" disabled={busy}>
            {busy ? 'Posting…' : 'Post'}
          </button>
        </div>
      </form>
    );
  }
}
