import { useEffect, useState } from 'preact/hooks';
import { api, describeFailure } from './api.js';
import type { LinkAnswer } from './types.js';

/** What a one-time link's page knows about its link: still being checked, usable, or why not. */
export type LinkState = { state: 'checking' } | { state: 'usable'; link: LinkAnswer } | { state: 'refused'; message: string };

/**
 * Reads a one-time link's token from the fragment (which never reached a server log),
 * takes it out of the address bar, and asks the service whether it still works.
 */
export function useLinkToken(purpose: LinkAnswer['purpose']): { token: string; link: LinkState; refuse: (message: string) => void } {
  const [token] = useState(() => new URLSearchParams(location.hash.slice(1)).get('token') ?? '');
  const [link, setLink] = useState<LinkState>({ state: 'checking' });
  useEffect(() => {
    if (location.hash) history.replaceState(null, '', location.pathname);
    if (token === '') {
      setLink({ state: 'refused', message: 'This page needs the whole one-time link: open it again from where you got it.' });
      return;
    }
    api<LinkAnswer>('POST', '/dashboard/api/links/check', { token }).then(
      (answer) => setLink(answer.purpose === purpose ? { state: 'usable', link: answer } : { state: 'refused', message: 'This link is for another page.' }),
      (failure) => setLink({ state: 'refused', message: describeFailure(failure) }),
    );
  }, []);
  return { token, link, refuse: (message) => setLink({ state: 'refused', message }) };
}
