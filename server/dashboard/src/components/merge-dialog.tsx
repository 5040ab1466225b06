import { useEffect, useRef, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import { STATUS_LABELS, formatMonthly } from '../format.js';
import type { AdminRequest } from '../types.js';

/**
 * "Merge into…": searches the backlog for the request a duplicate should join, then asks
 * to confirm. Votes move (a customer who voted for both counts once), comments move, and
 * the duplicate's link keeps working, answering the request it joined.
 */
export function MergeDialog(props: { projectId: string; request: AdminRequest; onMerged: (into: AdminRequest) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<AdminRequest[]>([]);
  const [chosen, setChosen] = useState<AdminRequest | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ sort: 'top', limit: '8', status: 'open,planned,in_progress,done,closed' });
      // An empty box lists the most voted; words search titles and descriptions.
      if (q.trim() !== '') query.set('q', q.trim());
      api<{ requests: AdminRequest[] }>('GET', adminPath(props.projectId, `/requests?${query}`)).then(
        (answer) => current && setResults(answer.requests.filter((request) => request.id !== props.request.id)),
        (failure) => current && setError(describeFailure(failure)),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  const merge = async () => {
    if (chosen === null) return;
    setBusy(true);
    setError('');
    try {
      const answer = await api<{ request: AdminRequest }>('POST', adminPath(props.projectId, `/requests/${encodeURIComponent(props.request.id)}/merge`), { into: chosen.id });
      dialog.current?.close();
      props.onMerged(answer.request);
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} onClose={props.onClose} aria-labelledby="merge-dialog-title" class="merge-dialog" data-testid="merge-dialog">
      <div class="form">
        <h2 id="merge-dialog-title">Merge “{props.request.title}” into…</h2>
        {chosen === null ? (
          <>
            <input type="search" placeholder="Search requests" aria-label="Search for the request to merge into" value={q} maxLength={200} onInput={(event) => setQ(event.currentTarget.value)} data-testid="merge-search" />
            <ul class="merge-results" aria-label="Requests to merge into">
              {results.length === 0 && <li class="muted">No other request matches.</li>}
              {results.map((request) => (
                <li>
                  <button type="button" onClick={() => setChosen(request)} data-merge-target={request.id}>
                    <span class="merge-title">{request.title}</span>
                    <span class="muted small">
                      {STATUS_LABELS[request.status]} · {request.votes} {request.votes === 1 ? 'vote' : 'votes'} · {formatMonthly(request.monthlyRevenue)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            “{props.request.title}” joins “{chosen.title}”: its {props.request.votes} {props.request.votes === 1 ? 'vote' : 'votes'} and its comments move there (a customer who voted for
            both counts once), and it is marked merged. This cannot be undone.
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          {chosen !== null && (
            <>
              <button class="primary" type="button" disabled={busy} onClick={() => void merge()} data-testid="confirm-merge">
                Merge
              </button>
              <button type="button" onClick={() => setChosen(null)}>
                Back
              </button>
            </>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </div>
    </dialog>
  );
}
