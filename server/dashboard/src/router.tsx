import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const BASE = '/dashboard';

/** The path inside the dashboard: `/projects/prj_1/backlog` for `/dashboard/projects/prj_1/backlog`. */
const currentPath = (): string => location.pathname.slice(BASE.length).replace(/\/+$/, '') || '/';

/** Goes to a path inside the dashboard without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${path === '/' ? '' : path}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new Event('reqio:navigate'));
  scrollTo(0, 0);
}

/** The current path inside the dashboard, re-rendering on navigation. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    addEventListener('popstate', update);
    addEventListener('reqio:navigate', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('reqio:navigate', update);
    };
  }, []);
  return path;
}

/** Matches `/projects/:projectId/backlog` against a path; the parameters, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/** A link inside the dashboard: a real `<a href>` (new tabs work) that navigates in place. */
export function Link(props: { to: string; class?: string; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { to, children, ...rest } = props;
  return (
    <a
      {...rest}
      href={`${BASE}${to === '/' ? '' : to}`}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
