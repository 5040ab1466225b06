import type { TestApp } from '../../../helpers/start-test-app.js';
import { identifyAs } from '../../../helpers/widget-client.js';

/** Strings that would run script if the dashboard rendered them as HTML. */
export const XSS = {
  title: '<img src=x onerror="window.__xss=1">',
  email: '"><img/src=x/onerror=window.__xss=2>@evil.example',
  plan: '<script>window.__xss=3</script>',
  name: '<b onmouseover="window.__xss=4">Mallory</b>',
};

/**
 * A backlog whose revenue order is the reverse of its vote order: single sign-on asked by
 * one $1,000/month customer, Slack asked by four free ones. Tokens are minted for real.
 */
export async function seedBacklog(app: TestApp): Promise<void> {
  const ada = await identifyAs(app, { sub: 'ada', email: 'ada@example.com', traits: { plan: 'Enterprise', amount: 1_200_000, interval: 'year' } });
  const grace = await identifyAs(app, { sub: 'grace', email: 'grace@example.com', traits: { plan: 'Pro', amount: 4900, interval: 'month' } });
  const mallory = await identifyAs(app, { sub: 'mallory', email: XSS.email, name: XSS.name, traits: { plan: XSS.plan, amount: 2500 } } as never);
  const free = await Promise.all([1, 2, 3, 4].map((n) => identifyAs(app, { sub: `free-${n}`, email: `free${n}@example.com`, traits: { plan: 'Free' } })));

  const post = async (client: typeof ada, title: string) => ((await client.json('POST', '/requests', { title })).body as { request: { id: string } }).request.id;
  const vote = (client: typeof ada, id: string) => client.json('PUT', `/requests/${id}/vote`);

  await post(ada, 'Single sign-on (SAML)');
  const dark = await post(grace, 'Dark mode');
  await vote(free[0]!, dark);
  const hostile = await post(mallory, XSS.title);
  await vote(free[0]!, hostile);
  await vote(free[1]!, hostile);
  const slack = await post(free[0]!, 'Slack integration');
  for (const client of free.slice(1)) await vote(client, slack);
}
