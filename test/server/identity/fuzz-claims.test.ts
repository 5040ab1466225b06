import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS, createRawClient, expectCoded, json, number, text } from '../../helpers/fuzz-arbitraries.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { claims, signRaw } from '../../helpers/tokens.js';

// Issue 13: claim sets no server meant to send (NUL, lone surrogates, 1e308, objects where
// strings go), signed with the right secret so they get past the signature: identify answers
// 200 or a 401 with a code, never a 5xx.
describe('fuzz: hostile claims against identify', () => {
  let app: TestApp;
  let client: ReturnType<typeof createRawClient>;
  beforeAll(async () => {
    app = await startTestApp();
    client = createRawClient(app.url);
  });
  afterAll(async () => {
    client.close();
    await app.close();
  });

  it(`answers ${FUZZ_RUNS} random claim sets signed with the right secret without a 5xx`, async () => {
    const now = Math.floor(Date.now() / 1000);
    const time = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: now - 100, max: now + 20 }) }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: json });
    const claimSet = fc.record(
      {
        sub: fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: fc.bigInt().map(String) }, { weight: 1, arbitrary: json }),
        aud: fc.oneof({ weight: 6, arbitrary: fc.constant(app.project.audience) }, { weight: 1, arbitrary: fc.array(fc.oneof(text, fc.constant(app.project.audience)), { maxLength: 3 }) }, { weight: 1, arbitrary: json }),
        iat: time,
        exp: time,
        nbf: fc.oneof({ weight: 1, arbitrary: time }, { weight: 3, arbitrary: fc.constant(undefined) }),
        email: fc.oneof({ weight: 3, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: json }),
        name: fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: json }),
        traits: fc.oneof(
          json,
          fc.record(
            { plan: fc.oneof(text, json), amount: fc.oneof(number, json), interval: fc.oneof(fc.constantFrom('month', 'year', '', null), text), currency: fc.oneof(fc.constantFrom('EUR', 'usd', 'JPY'), text) },
            { requiredKeys: [] },
          ).chain((base) => fc.dictionary(text, json, { maxKeys: 4 }).map((custom) => ({ ...custom, ...base }))),
        ),
        company: json,
      },
      { requiredKeys: ['sub', 'aud', 'iat', 'exp', 'email', 'name', 'traits'] },
    );
    let identified = 0;
    await fc.assert(
      fc.asyncProperty(claimSet, async (set) => {
        // Most sets live 60 s from now, so their other claims reach the store.
        const payload = { ...set, ...(typeof set.iat === 'number' && Math.abs(set.iat - now) < 200 && { exp: set.iat + 60 }) };
        const token = signRaw({ alg: 'HS256' }, claims(payload), app.project.secret);
        const response = await client.send('POST', `/v1/projects/${app.project.id}/identify`, { 'content-type': 'application/json' }, JSON.stringify({ token }));
        expectCoded(response.status, response.text, `identify ${JSON.stringify(payload).slice(0, 300)}`);
        if (response.status === 200) identified += 1;
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
    // The run must reach the store, not only the refusals.
    expect(identified).toBeGreaterThan(FUZZ_RUNS / 10);
  }, FUZZ_TIMEOUT_MS);
});
