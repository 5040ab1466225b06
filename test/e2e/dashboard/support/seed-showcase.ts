import type { TestApp, TestProject } from '../../../helpers/start-test-app.js';
import { identifyAs } from '../../../helpers/widget-client.js';

/**
 * A believable backlog for the README's screenshot: the most-voted requests come from free
 * accounts, the highest-revenue ones from a few large customers.
 */
export async function seedShowcase(app: TestApp, project: TestProject): Promise<void> {
  const as = (sub: string, plan: string, amount?: number, interval?: 'month' | 'year') =>
    identifyAs(app, { sub, email: `${sub}@example.com`, traits: { plan, ...(amount !== undefined && { amount, interval }) } }, { project });
  const umbrella = await as('it-umbrella', 'Enterprise', 5_880_000, 'year');
  const northwind = await as('ops-northwind', 'Enterprise', 2_880_000, 'year');
  const globex = await as('pm-globex', 'Business', 99_000, 'month');
  const initech = await as('dev-initech', 'Team', 49_000, 'month');
  const hooli = await as('cto-hooli', 'Pro', 19_900, 'month');
  const free = [];
  for (let n = 1; n <= 6; n += 1) free.push(await as(`trial-${n}`, 'Free'));

  const post = async (client: typeof hooli, title: string, voters: (typeof hooli)[]) => {
    const { request } = (await client.json('POST', '/requests', { title })).body as { request: { id: string } };
    for (const voter of voters) await voter.json('PUT', `/requests/${request.id}/vote`);
  };
  await post(free[0]!, 'Dark mode', [...free.slice(1), initech]);
  await post(umbrella, 'SAML single sign-on', [northwind]);
  await post(hooli, 'Slack notifications', free.slice(0, 5));
  await post(northwind, 'Audit log export (CSV)', [globex]);
  await post(globex, 'Custom dashboards', [initech, hooli]);
  await post(free[2]!, 'Zapier integration', [free[3]!, free[4]!]);
}
