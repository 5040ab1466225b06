import type { WidgetRequest } from '@reqio/shared';
import { Component } from 'preact';
import { ApiError } from '../api-error.js';
import type { SessionClient } from '../create-session-client.js';
import { describeError } from '../describe-error.js';
import { validateRequestInput, type FieldErrors } from '../validate-request-input.js';
import { guard } from '../warn.js';

interface SubmitFormProps {
  client: SessionClient;
  onDone: (request: WidgetRequest) => void;
  onCancel: () => void;
}

interface SubmitFormState {
  errors: FieldErrors & { form?: string };
  busy?: boolean;
}

type Fields = HTMLFormControlsCollection & { title: HTMLInputElement; body: HTMLTextAreaElement };

/** The "suggest a feature" form, checked here first and then by the API. */
export class SubmitForm extends Component<SubmitFormProps, SubmitFormState> {
  declare form: HTMLFormElement | null;

  constructor(props: SubmitFormProps) {
    super(props);
    this.state = { errors: {} };
  }

  override componentDidMount(): void {
    this.focusField({});
  }

  /** Focuses the first field with an error, or the title when there is none. */
  focusField(errors: FieldErrors): void {
    (this.form?.elements as Fields | undefined)?.[errors.title || !errors.body ? 'title' : 'body'].focus();
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const fields = this.form?.elements as Fields;
    const title = fields.title.value.trim();
    const body = fields.body.value.trim();
    let errors: SubmitFormState['errors'] = validateRequestInput(title, body);
    if (!errors.title && !errors.body) {
      if (this.state.busy) return;
      this.setState({ busy: true });
      try {
        return this.props.onDone((await this.props.client.request<{ request: WidgetRequest }>('POST', '/requests', body ? { title, body } : { title })).request);
      } catch (error) {
        const server = (error instanceof ApiError && error.code === 'validation_failed' && error.fields) || {};
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

  render({ onCancel }: SubmitFormProps, { errors, busy }: SubmitFormState) {
    const field = (name: 'title' | 'body') => ({
      id: `reqio-${name}`,
      name,
      'aria-invalid': !!errors[name],
      'aria-describedby': errors[name] && `reqio-${name}-error`,
    });
    const message = (name: 'title' | 'body' | 'form') =>
      errors[name] ? (
        <p id={`reqio-${name}-error`} class="hint error" role={name === 'form' ? 'alert' : undefined}>
          {errors[name]}
        </p>
      ) : null;
    return (
      <form ref={(form) => void (this.form = form)} class="form" noValidate onSubmit={guard((event: Event) => this.submit(event), 'posting failed')}>
        <label for="reqio-title">Title</label>
        <input {...field('title')} autoComplete="off" placeholder="Short summary of your idea" />
        {message('title')}
        <label for="reqio-body">Details (optional)</label>
        <textarea {...field('body')} />
        {message('body')}
        {message('form')}
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>
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
