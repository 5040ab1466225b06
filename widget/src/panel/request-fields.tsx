import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../validate-request-input.js';

interface FieldsProps {
  errors: FieldErrors & { form?: string };
  title?: string;
  body?: string;
  /** Called as the title is typed. */
  onTitle?: (title: string) => void;
  /** Shown right under the title (the similar requests). */
  children?: ComponentChildren;
}

/** The title and details fields of a request, with their messages tied to them; shared by the submit and the edit form. */
export function RequestFields({ errors, title, body, onTitle, children }: FieldsProps) {
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
    <>
      <label for="reqio-title">Title</label>
      <input
        {...field('title')}
        autoComplete="off"
        placeholder="Short summary of your idea"
        defaultValue={title}
        onInput={onTitle && ((event) => onTitle((event.target as HTMLInputElement).value))}
      />
      {message('title')}
      {children}
      <label for="reqio-body">Details (optional)</label>
      <textarea {...field('body')} defaultValue={body} />
      {message('body')}
      {message('form')}
    </>
  );
}

type Fields = HTMLFormControlsCollection & { title: HTMLInputElement; body: HTMLTextAreaElement };

/** The trimmed title and details of a form holding {@link RequestFields}. */
export function readFields(form: HTMLFormElement): { title: string; body: string; fields: Fields } {
  const fields = form.elements as Fields;
  return { title: fields.title.value.trim(), body: fields.body.value.trim(), fields };
}
