import type { TestApp, TestProject } from '../../../helpers/start-test-app.js';
import { identifyAs } from '../../../helpers/widget-client.js';

/**
 * A B2B backlog for the Accounts page and its README screenshot: companies with several
 * people each (counted once), one billing in euros, and users without a company.
 */
export async function seedAccounts(app: TestApp, project: TestProject): Promise<void> {
  await app.admin('', { method: 'PATCH', project, body: JSON.stringify({ exchangeRates: { EUR: 1.08 } }) });
  const person = (sub: string, company?: Record<string, unknown>, traits: Record<string, unknown> = {}) =>
    identifyAs(app, { sub, email: `${sub}@example.com`, traits, ...(company && { company }) }, { project });
  const umbrella = { id: 'umbrella', name: 'Umbrella Corp', plan: 'Enterprise', amount: 5_880_000, interval: 'year' };
  const northwind = { id: 'northwind', name: 'Northwind Traders', plan: 'Enterprise', amount: 2_880_000, interval: 'year' };
  const globex = { id: 'globex', name: 'Globex GmbH', plan: 'Business', amount: 99_000, interval: 'month', currency: 'EUR' };
  const initech = { id: 'initech', name: 'Initech', plan: 'Team', amount: 49_000, interval: 'month' };
  const it = await person('it.umbrella', umbrella, { amount: 4900 });
  const cfo = await person('cfo.umbrella', umbrella);
  const pm = await person('pm.umbrella', umbrella);
  const ops = await person('ops.northwind', northwind);
  const sec = await person('sec.northwind', northwind);
  const ana = await person('ana.globex', globex);
  const ben = await person('ben.globex', globex);
  const dev = await person('dev.initech', initech);
  const hooli = await person('cto.hooli', undefined, { plan: 'Pro', amount: 19_900 });
  const free = await Promise.all([1, 2, 3].map((n) => person(`trial-${n}`, undefined, { plan: 'Free' })));

  const post = async (author: typeof hooli, title: string, voters: (typeof hooli)[]) => {
    const { request } = (await author.json('POST', '/requests', { title })).body as { request: { id: string } };
    for (const voter of voters) await voter.json('PUT', `/requests/${request.id}/vote`);
  };
  await post(it, 'SAML single sign-on', [cfo, pm, sec, ana]);
  await post(ops, 'Audit log export (CSV)', [sec, ben, dev]);
  await post(ana, 'Custom dashboards', [ben, hooli, dev]);
  await post(free[0]!, 'Dark mode', [...free.slice(1), hooli]);
}
