import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmailWorker, type EmailWorker } from '../../../server/src/notifications/create-email-worker.js';
import { createQueuedInviteMailer } from '../../../server/src/notifications/create-queued-invite-mailer.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../helpers/smtp-receiver.js';
import { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { anonymous, identifyAs, type WidgetClient } from '../../helpers/widget-client.js';

const FAST = { pollIntervalMs: 20, leaseMs: 5000, retry: { initialDelayMs: 50, factor: 1, maxDelayMs: 50, jitter: 0, maxAttempts: 3 } };

// CONTRACT §8 against a real SMTP server started here (smtp-server), read with mailparser.
describe.each(storeKinds)('emails to voters and commenters on %s', (store) => {
  let smtp: SmtpReceiver;
  let app: TestApp;
  let worker: EmailWorker | undefined;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    app = await startTestApp({ store, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Acme feedback <feedback@acme.test>' } });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    smtp.respond = () => 'accept';
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const startWorker = () => {
    worker = createEmailWorker(app.deps, FAST);
    worker.start();
  };
  const admin = (project: TestProject, path: string, method = 'GET', body?: unknown) =>
    app.admin(path, { project, method, ...(body !== undefined && { body: JSON.stringify(body) }) });

  /** A project with a request, voted for and commented on by people with and without addresses. */
  async function setUp(name: string) {
    const project = await app.createProject({ name, allowedOrigins: ['https://app.acme.test'] });
    const author = await identifyAs(app, { sub: 'author', email: 'Author@Example.com' }, { project });
    const voter = await identifyAs(app, { sub: 'voter', email: 'voter@example.com' }, { project });
    const commenter = await identifyAs(app, { sub: 'commenter', email: 'commenter@example.com' }, { project });
    const both = await identifyAs(app, { sub: 'both', email: 'both@example.com' }, { project });
    const noEmail = await identifyAs(app, { sub: 'no-email' }, { project });
    const guest = await anonymous(app, `guest_${name.replace(/\W/g, '')}_01`, project);
    const requestId = (await author.json('POST', '/requests', { title: 'Dark mode' })).body.request.id as string;
    for (const client of [voter, both, noEmail, guest]) await client.json('PUT', `/requests/${requestId}/vote`);
    for (const client of [commenter, both, guest]) await client.json('POST', `/requests/${requestId}/comments`, { body: 'Please' });
    return { project, requestId, clients: { author, voter, commenter, both, noEmail, guest } as Record<string, WidgetClient> };
  }
  const addressesOf = (mails: SmtpReceiver['received']) => mails.flatMap((mail) => mail.to).sort();
  const EVERYONE = ['author@example.com', 'both@example.com', 'commenter@example.com', 'voter@example.com'];

  it('sends one email per status change to each voter and commenter with an address, with one-click unsubscribe', async () => {
    const { project, requestId } = await setUp('Status emails');
    const before = smtp.received.length;
    startWorker();
    expect((await admin(project, `/requests/${requestId}`, 'PATCH', { status: 'planned' })).status).toBe(200);
    await smtp.waitFor((received) => received.length >= before + 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const mails = smtp.received.slice(before);
    expect(addressesOf(mails)).toEqual(EVERYONE);

    const mail = mails.find((received) => received.to[0] === 'voter@example.com')!.mail;
    expect(mail.subject).toBe('“Dark mode” is now planned');
    expect(mail.from?.text).toBe('"Acme feedback" <feedback@acme.test>');
    expect(mail.text).toContain('“Dark mode”, a request you voted for or commented on in Status emails, is now planned.');
    expect(mail.text).toContain(`See the request: https://app.acme.test/#reqio-request=${requestId}`);
    expect(mail.html).toContain(`<a href="https://app.acme.test/#reqio-request=${requestId}">See the request</a>`);
    // The raw lines: mailparser folds List-* headers into one parsed `list` object.
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');
    const unsubscribe = header('list-unsubscribe')!;
    expect(unsubscribe).toMatch(new RegExp(`^<${app.url}/v1/unsubscribe/[\\w-]+\\.[\\w-]{43}>$`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`Unsubscribe: ${unsubscribe.slice(1, -1)}`);
    expect(mail.html).toContain(unsubscribe.slice(1, -1));

    const ids = mails.map((received) => received.messageId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^<upd_[\w-]+\.[\w-]{16}@127\.0\.0\.1>$/);
    expect(new Set(ids.map((id) => id.split('.')[0])).size).toBe(1);
    const outbox = await app.db.query<{ state: string }>("select state from email_outbox where project_id = $1", [project.id]);
    expect(outbox.map((row) => row.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('emails a team reply with its text, never an internal note, and nothing for a title edit or the same status', async () => {
    const { project, requestId } = await setUp('Reply emails');
    const before = smtp.received.length;
    startWorker();
    await admin(project, `/requests/${requestId}/comments`, 'POST', { body: 'Internal: big customer', internal: true });
    await admin(project, `/requests/${requestId}`, 'PATCH', { title: 'Dark mode!' });
    await admin(project, `/requests/${requestId}`, 'PATCH', { status: 'open' });
    expect((await admin(project, `/requests/${requestId}/comments`, 'POST', { body: 'We started on this <today>.' })).status).toBe(201);
    await smtp.waitFor((received) => received.length >= before + 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = smtp.received.slice(before);
    expect(addressesOf(mails)).toEqual(EVERYONE);
    expect(mails[0]!.mail.subject).toBe('The Reply emails team replied on “Dark mode!”');
    expect(mails[0]!.mail.text).toContain('We started on this <today>.');
    expect(mails[0]!.mail.html).toContain('We started on this &#60;today&#62;.');
    expect(JSON.stringify(mails.map((received) => received.mail.text))).not.toContain('big customer');
  });

  it('sends nothing when the project turns email off, and says so in its settings', async () => {
    const { project, requestId } = await setUp('Quiet project');
    expect(await (await admin(project, '/notifications')).json()).toEqual({ notifications: { emailEnabled: true, smtpConfigured: true } });
    const off = await admin(project, '/notifications', 'PATCH', { emailEnabled: false });
    expect(await off.json()).toEqual({ notifications: { emailEnabled: false, smtpConfigured: true } });
    expect((await admin(project, '/notifications', 'PATCH', { emailEnabled: 'no' })).status).toBe(400);
    await admin(project, `/requests/${requestId}`, 'PATCH', { status: 'done' });
    expect(await app.db.query('select 1 from email_outbox where project_id = $1', [project.id])).toEqual([]);
  });

  it('unsubscribes in one click without a session; a tampered link is a 400 and changes nothing', async () => {
    const { project, requestId } = await setUp('Unsubscribing');
    const token = app.deps.unsubscribeTokens.sign({ projectId: project.id, email: 'Voter@example.com' });
    const page = await fetch(`${app.url}/v1/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('voter@example.com');
    expect(await app.db.query('select 1 from email_unsubscribes')).toEqual([]);

    for (const tampered of [`${token}x`, token.replace(/^./, (char) => (char === 'e' ? 'f' : 'e')), token.split('.')[0]!, 'nonsense']) {
      for (const method of ['GET', 'POST']) {
        const refused = await fetch(`${app.url}/v1/unsubscribe/${encodeURIComponent(tampered)}`, { method });
        expect(refused.status, `${method} ${tampered}`).toBe(400);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
      }
    }
    expect(await app.db.query('select 1 from email_unsubscribes')).toEqual([]);

    const oneClick = await fetch(`${app.url}/v1/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('voter@example.com gets no more emails from Unsubscribing');
    const before = smtp.received.length;
    startWorker();
    await admin(project, `/requests/${requestId}`, 'PATCH', { status: 'in_progress' });
    await smtp.waitFor((received) => received.length >= before + 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(addressesOf(smtp.received.slice(before))).toEqual(EVERYONE.filter((address) => address !== 'voter@example.com'));
  });

  it('retries a temporary refusal with the same Message-ID, and gives up on a permanent one', async () => {
    const { project, requestId } = await setUp('Retries');
    const before = smtp.received.length;
    const attemptsBefore = smtp.attempts;
    // The first attempt of every recipient is refused for now; one address is refused for good.
    const seen = new Set<number>();
    smtp.respond = (index) => {
      if (index - attemptsBefore < 4) {
        seen.add(index);
        return { code: 451, message: 'Try again later' };
      }
      return 'accept';
    };
    await admin(project, `/requests/${requestId}`, 'PATCH', { status: 'done' });
    startWorker();
    await smtp.waitFor((received) => received.length >= before + 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(addressesOf(smtp.received.slice(before))).toEqual(EVERYONE);
    expect(seen.size).toBe(4);
    const rows = await app.db.query<{ state: string; attempt_count: number }>('select state, attempt_count from email_outbox where project_id = $1', [project.id]);
    expect(rows.every((row) => row.state === 'sent' && Number(row.attempt_count) === 2)).toBe(true);

    await worker!.stop();
    const permanentFrom = smtp.attempts;
    smtp.respond = (index) => (index >= permanentFrom ? { code: 550, message: 'No such user' } : 'accept');
    await admin(project, `/requests/${requestId}`, 'PATCH', { status: 'closed' });
    startWorker();
    const failed = async () => app.db.query<{ state: string; attempt_count: number; last_error: string }>("select state, attempt_count, last_error from email_outbox where project_id = $1 and state <> 'sent'", [project.id]);
    for (let tries = 0; (await failed()).filter((row) => row.state === 'failed').length < 4 && tries < 400; tries += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    const rows2 = await failed();
    expect(rows2.map((row) => [row.state, Number(row.attempt_count)])).toEqual(Array(4).fill(['failed', 1]));
    expect(rows2[0]!.last_error).toContain('No such user');
  });

  it('sends a test email at once, and reports what the server said when it fails', async () => {
    const before = smtp.received.length;
    const response = await app.admin('/notifications/test-email', { method: 'POST', body: JSON.stringify({ to: 'team@acme.test' }) });
    expect(await response.json()).toEqual({ delivered: true });
    expect(smtp.received.length).toBe(before + 1);
    expect(smtp.received.at(-1)!.mail.subject).toBe('Reqio test email for Test project');
    smtp.respond = () => ({ code: 550, message: 'Mailbox unavailable' });
    const refused = (await (await app.admin('/notifications/test-email', { method: 'POST', body: JSON.stringify({ to: 'team@acme.test' }) })).json()) as { delivered: boolean; error: string };
    expect(refused.delivered).toBe(false);
    expect(refused.error).toContain('Mailbox unavailable');
    expect((await app.admin('/notifications/test-email', { method: 'POST', body: JSON.stringify({ to: 'not an address' }) })).status).toBe(400);
  });

  it('sends team invitations for the dashboard, at once or through the outbox (retried, once)', async () => {
    const before = smtp.received.length;
    await app.deps.mailer.sendInvite({ to: 'new@acme.test', link: `${app.url}/dashboard/invite#abc`, role: 'member', invitedBy: 'ada@acme.test', expiresAt: '2026-12-09T10:00:00.000Z' });
    const mail = smtp.received.at(before)!.mail;
    expect(mail.subject).toBe('Your invitation to the Reqio dashboard');
    expect(mail.text).toContain(`${app.url}/dashboard/invite#abc`);
    expect(mail.text).toContain('ada@acme.test invited you to the Reqio dashboard as a member.');
    expect(mail.text).toContain('Wed, 09 Dec 2026 10:00:00 GMT');

    // Queued: the SMTP server refuses the first try; the worker delivers it once, later.
    const attemptsBefore = smtp.attempts;
    smtp.respond = (index) => (index === attemptsBefore ? { code: 421, message: 'Busy' } : 'accept');
    const queued = createQueuedInviteMailer({ db: app.db, publicUrl: app.url });
    const invite = { to: 'admin@acme.test', link: `${app.url}/dashboard/invite#xyz`, role: 'admin' as const, invitedBy: null, expiresAt: new Date('2026-12-09T10:00:00Z') };
    await queued.sendInvite(invite);
    await queued.sendInvite(invite); // the same invite twice is one email
    startWorker();
    await smtp.waitFor((received) => received.length >= before + 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const invites = smtp.received.slice(before + 1);
    expect(invites.map((received) => [received.to, received.mail.subject])).toEqual([[['admin@acme.test'], 'Your invitation to the Reqio dashboard']]);
    expect(invites[0]!.mail.text).toContain('You are invited to the Reqio dashboard as an admin.');
    expect(invites[0]!.messageId).toMatch(/^<invite\.[\w-]{22}@127\.0\.0\.1>$/);
  });
});

describe('without SMTP_URL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('queues nothing, says so, and refuses a test email with 409', async () => {
    const user = await identifyAs(app, { sub: 'nomail', email: 'nomail@example.com' });
    const requestId = (await user.json('POST', '/requests', { title: 'No email here' })).body.request.id;
    await app.admin(`/requests/${requestId}`, { method: 'PATCH', body: JSON.stringify({ status: 'planned' }) });
    expect(await app.db.query('select 1 from email_outbox')).toEqual([]);
    expect(await (await app.admin('/notifications')).json()).toEqual({ notifications: { emailEnabled: true, smtpConfigured: false } });
    const refused = await app.admin('/notifications/test-email', { method: 'POST', body: JSON.stringify({ to: 'team@acme.test' }) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });
});
