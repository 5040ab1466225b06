import { npmInstall, scriptTag, singleQuoted, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Node.js (Express, or anything Express-compatible) with `@reqio/mint`, which checks every claim before signing. */
export function nodeSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'node',
    label: 'Node.js',
    install: npmInstall(values),
    mint: [
      {
        title: 'reqio.js: after your session middleware, where req.user is set',
        language: 'javascript',
        code: `import { createTokenHandler, reqioToken, toAmount } from '@reqio/mint';

const reqio = {
  secret: process.env.REQIO_SECRET, // the project's identity secret; it never leaves your server
  audience: ${singleQuoted(values.audience)},
  // The signed-in user's claims, or null. A user whose claims are bad (a float amount, an
  // empty sub) gets no token and one console.warn naming the field; the page still renders.
  // Every token expires 300 s after it is issued.
  getUser: (req) =>
    req.user
      ? {
          sub: String(req.user.id), // always a string
          email: req.user.email || null, // null when empty: "" is not an address
          traits: {
            plan: req.user.plan,
            amount: toAmount(req.user.planAmountCents), // integer cents as billed: 4900 for $49.00 ("4900" from a database too)
            interval: req.user.billingInterval, // 'month' or 'year'
            currency: req.user.currency, // ISO 4217 such as 'EUR'; leave it out for the project's currency
          },
          // B2B: the paying account. Its revenue counts once, however many of its people vote.
          ...(req.user.company && {
            company: {
              id: String(req.user.company.id),
              name: req.user.company.name,
              plan: req.user.company.plan,
              amount: toAmount(req.user.company.amountCents),
              interval: req.user.company.billingInterval,
              currency: req.user.company.currency,
            },
          }),
        }
      : null,
};

// Server-rendered pages: res.locals.reqioToken for your templates ('' when nobody is signed in).
app.use(reqioToken(reqio));
// SPAs: GET /reqio-token answers { token, expiresAt }, 401 when signed out, 204 when the user's claims are bad.
app.get('/reqio-token', createTokenHandler(reqio));`,
      },
    ],
    embed: [
      { title: "Server-rendered pages: your layout template (EJS); the attribute is empty when nobody is signed in", language: 'html', code: scriptTag(values, "<%= locals.reqioToken || '' %>") },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
