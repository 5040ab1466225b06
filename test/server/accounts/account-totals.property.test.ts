import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToProjectCurrency } from '@reqio/shared';
import { recomputeRequestTotals } from '../../../server/src/storage/requests/request-queries.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { storeKinds } from '../../helpers/test-database.js';
import { identifyAs, type WidgetClient } from '../../helpers/widget-client.js';

// Random sequences of identify (with and without a company, in random currencies), vote,
// unvote, rate changes and deletes; after each sequence the incrementally kept totals are
// what the oracle recomputes from the votes, and every account weighs its converted amount.

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const COMPANIES = ['c0', 'c1', 'c2'];
const CURRENCIES = [undefined, 'EUR', 'JPY', 'KWD'] as const;
const REQUESTS = 3;

const currency = fc.constantFrom(...CURRENCIES);
const amount = fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined });
const interval = fc.constantFrom(undefined, 'month', 'year');

type Op =
  | { kind: 'identify'; user: string; amount: number | undefined; currency: string | undefined; company?: { id: string; amount: number | undefined; interval: string | undefined; currency: string | undefined } }
  | { kind: 'vote' | 'unvote'; user: string; request: number }
  | { kind: 'rate'; currency: 'EUR' | 'JPY' | 'KWD'; rate: number | undefined }
  | { kind: 'delete'; user: string };

const identify = (user: fc.Arbitrary<string>) =>
  fc.record({
    kind: fc.constant('identify' as const),
    user,
    amount,
    currency,
    company: fc.option(fc.record({ id: fc.constantFrom(...COMPANIES), amount, interval, currency }), { nil: undefined, freq: 3 }),
  });
// Weighted so that sequences do a lot of voting by people with amounts, and sometimes the rest.
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: identify(fc.constantFrom(...USERS)), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('vote' as const), user: fc.constantFrom(...USERS), request: fc.integer({ min: 0, max: REQUESTS - 1 }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('unvote' as const), user: fc.constantFrom(...USERS), request: fc.integer({ min: 0, max: REQUESTS - 1 }) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      currency: fc.constantFrom('EUR' as const, 'JPY' as const, 'KWD' as const),
      rate: fc.option(fc.double({ min: 0.001, max: 5, noNaN: true }), { nil: undefined, freq: 5 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), user: fc.constantFrom(...USERS) }), weight: 1 },
);
// Everyone is identified first, then anything happens.
const sequence = fc.tuple(fc.tuple(...USERS.map((user) => identify(fc.constant(user)))), fc.array(op, { minLength: 1, maxLength: 24 })).map(([first, rest]): Op[] => [...first, ...rest]);

const withoutUndefined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

describe.each(storeKinds)('incremental totals equal the oracle on %s', (store) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ store });
  });
  afterAll(() => app.close());

  it('after any sequence of identifies, votes, unvotes, rate changes and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (ops) => {
        const project = await app.createProject();
        const author = await identifyAs(app, { sub: 'author' }, { project });
        const requests: string[] = [];
        for (let i = 0; i < REQUESTS; i += 1) requests.push((await author.json('POST', '/requests', { title: `Request ${i}` })).body.request.id);
        const clients = new Map<string, WidgetClient>();
        let rates: Record<string, number> = { EUR: 1.08, JPY: 0.0067, KWD: 3.25 };
        await app.admin('', { method: 'PATCH', project, body: JSON.stringify({ exchangeRates: rates }) });

        for (const step of ops) {
          if (step.kind === 'identify') {
            const traits = withoutUndefined({ amount: step.amount, currency: step.currency });
            const company = step.company && withoutUndefined({ ...step.company, interval: step.company.amount === undefined ? undefined : step.company.interval });
            clients.set(step.user, await identifyAs(app, { sub: step.user, traits, ...(company && { company }) }, { project }));
          } else if (step.kind === 'vote' || step.kind === 'unvote') {
            const client = clients.get(step.user);
            if (client === undefined) continue;
            const response = await client.call(step.kind === 'vote' ? 'PUT' : 'DELETE', `/requests/${requests[step.request]}/vote`);
            expect(response.status).toBe(200);
          } else if (step.kind === 'rate') {
            rates = withoutUndefined({ ...rates, [step.currency]: step.rate }) as Record<string, number>;
            expect((await app.admin('', { method: 'PATCH', project, body: JSON.stringify({ exchangeRates: rates }) })).status).toBe(200);
          } else {
            const response = await app.admin(`/users/${step.user}`, { method: 'DELETE', project });
            expect([204, 404]).toContain(response.status);
            clients.delete(step.user);
          }
        }

        expect(await recomputeRequestTotals(app.db, project.id)).toBe(0);
        const accounts = await app.db.query<{ monthly_minor: string | number; currency: string | null; monthly_amount: string | number }>(
          'select monthly_minor, currency, monthly_amount from accounts where project_id = $1',
          [project.id],
        );
        for (const account of accounts) {
          expect(Number(account.monthly_amount)).toBe(convertToProjectCurrency(Number(account.monthly_minor), account.currency, { currency: 'USD', exchangeRates: rates }).amount);
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
