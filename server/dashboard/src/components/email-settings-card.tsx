import { useEffect, useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import type { NotificationSettings } from '../types.js';

/**
 * Closing the loop: whether voters and commenters get an email when a request changes
 * status or the team replies, a test email, and a notice when SMTP is not set up.
 */
export function EmailSettingsCard({ projectId }: { projectId: string }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ notifications: NotificationSettings }>('GET', adminPath(projectId, '/notifications')).then(
      (answer) => setSettings(answer.notifications),
      (failure) => setMessage({ text: describeFailure(failure), error: true }),
    );
  }, [projectId]);

  const toggle = async (emailEnabled: boolean) => {
    setMessage(null);
    try {
      const answer = await api<{ notifications: NotificationSettings }>('PATCH', adminPath(projectId, '/notifications'), { emailEnabled });
      setSettings(answer.notifications);
      setMessage({ text: emailEnabled ? 'Voters and commenters get emails again.' : 'No more emails to voters and commenters.' });
    } catch (failure) {
      setMessage({ text: describeFailure(failure), error: true });
    }
  };

  const test = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const answer = await api<{ delivered: boolean; error?: string }>('POST', adminPath(projectId, '/notifications/test-email'), { to });
      setMessage(answer.delivered ? { text: `Test email sent to ${to}.` } : { text: `The SMTP server did not take it: ${answer.error ?? 'no reason given'}`, error: true });
    } catch (failure) {
      setMessage({ text: describeFailure(failure), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card form" data-testid="email-settings">
      <h2>Emails to voters</h2>
      <p class="muted">When a request changes status or your team replies, everyone who voted for it or commented on it (and whose token carries an email) gets one short email, with a one-click unsubscribe.</p>
      {settings && !settings.smtpConfigured && (
        <p class="notice" data-testid="smtp-missing">
          SMTP is not configured, so no email is sent. Start the service with <code>SMTP_URL</code> (for example <code>smtp://user:pass@smtp.example.com:587</code>) and{' '}
          <code>MAIL_FROM</code>.
        </p>
      )}
      {settings && (
        <label class="switch">
          <input type="checkbox" checked={settings.emailEnabled} onChange={(event) => void toggle(event.currentTarget.checked)} data-testid="email-enabled" />
          Email voters and commenters about status changes and team replies
        </label>
      )}
      <form class="row" onSubmit={test}>
        <input type="email" required placeholder="you@example.com" aria-label="Send a test email to" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
        <button type="submit" disabled={busy || !settings?.smtpConfigured} data-testid="send-test-email">
          Send test email
        </button>
      </form>
      {message && (
        <p class={message.error ? 'error' : 'success'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
