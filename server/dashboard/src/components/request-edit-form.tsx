import { useState } from 'preact/hooks';
import { ApiFailure, adminPath, api, describeFailure } from '../api.js';
import type { AdminRequest } from '../types.js';

/** Edits a request's title and description (for typos, or to make a duplicate's wording clear). */
export function RequestEditForm(props: { projectId: string; request: AdminRequest; onSaved: (request: AdminRequest) => void; onCancel: () => void }) {
  const [title, setTitle] = useState(props.request.title);
  const [body, setBody] = useState(props.request.body);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const answer = await api<{ request: AdminRequest }>('PATCH', adminPath(props.projectId, `/requests/${encodeURIComponent(props.request.id)}`), { title, body });
      props.onSaved(answer.request);
    } catch (failure) {
      const fields = failure instanceof ApiFailure ? Object.entries(failure.fields) : [];
      setError(fields.length ? fields.map(([field, text]) => `The ${field === 'body' ? 'description' : field} ${text}.`).join(' ') : describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={save} data-testid="edit-request">
      <h2>Edit request</h2>
      <label class="field">
        <span>Title</span>
        <input required minLength={3} maxLength={120} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Description</span>
        <textarea rows={5} maxLength={5000} value={body} onInput={(event) => setBody(event.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button class="primary" type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
