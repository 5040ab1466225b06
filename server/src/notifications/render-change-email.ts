import type { RequestChange } from '../services/notifications/change-notifier.js';
import { simpleHtml } from './create-mailer.js';

const STATUS_WORDS: Record<string, string> = { open: 'open', planned: 'planned', in_progress: 'in progress', done: 'done', closed: 'closed' };
const MAX_QUOTED_REPLY = 1000;

/**
 * The email telling one voter or commenter about a change: a subject naming the request,
 * a few lines of plain text and the same as simple HTML, a link back and the unsubscribe link.
 */
export function renderChangeEmail(options: { change: RequestChange; projectName: string; link: string; unsubscribeUrl: string }): {
  subject: string;
  text: string;
  html: string;
} {
  const { change, projectName, link, unsubscribeUrl } = options;
  const title = `“${change.request.title}”`;
  const reply = (change.replyBody ?? '').length > MAX_QUOTED_REPLY ? `${change.replyBody!.slice(0, MAX_QUOTED_REPLY)}…` : (change.replyBody ?? '');
  const status = STATUS_WORDS[change.status ?? ''] ?? change.status ?? '';
  const subject = change.kind === 'status' ? `${title} is now ${status}` : `The ${projectName} team replied on ${title}`;
  const lines =
    change.kind === 'status'
      ? [`${title}, a request you voted for or commented on in ${projectName}, is now ${status}.`]
      : [`The ${projectName} team replied on ${title}, a request you voted for or commented on:`, reply];
  const why = `You get this because you voted for or commented on this request.`;
  return {
    subject,
    text: `${lines.join('\n\n')}\n\nSee the request: ${link}\n\n--\n${why}\nUnsubscribe: ${unsubscribeUrl}\n`,
    html: simpleHtml(lines, { href: link, label: 'See the request' }, `${why} <a href="${unsubscribeUrl.replace(/"/g, '&quot;')}">Unsubscribe</a>`),
  };
}
