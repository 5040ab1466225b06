import { scriptTag, singleQuoted, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Node.js (Express, or anything Express-compatible) with `@reqio/server/mint`, which checks every claim before signing. */
export function nodeSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'node',
    label: 'Node.js',
    install: { title: 'Install', language: 'shell', code: 'npm install @reqio/server' },
    mint: [
      {
        title: 'reqio.js: after your session middleware, where req.user is set',
        language: 'javascript',
        code: `import { createTokenHandler, reqioToken } from '@reqio/server/mint';

const reqio = {
  secret: process.env.REQIO_SECRET, // the project's identity secret; it never leaves your server
  audience: ${singleQuoted(values.audience)},
  // The signed-in user's claims, or null. The helper refuses a bad claim (a float amount,
  // an empty sub) before signing, and every token expires 300 s after it is issued.
  getUser: (req) =>
    req.user
      ? {
          sub: String(req.user.id), // always a string
          email: req.user.email || null, // null when empty: "" is not an address
          traits: {
            plan: req.user.plan,
            amount: req.user.planAmountCents, // integer cents as billed: 4900 for $49.00
            interval: req.user.billingInterval, // 'month' or 'year'
          },
        }
      : null,
};

// Server-rendered pages: a fresh token in res.locals.reqioToken for your templates.
app.use(reqioToken(reqio));
// SPAs: GET /reqio-token answers { token, expiresAt }, or 401 when nobody is signed in.
app.get('/reqio-token', createTokenHandler(reqio));`,
      },
    ],
    embed: [
      { title: 'Server-rendered pages: your layout template (EJS)', language: 'html', code: scriptTag(values, "<%= locals.reqioToken || '' %>") },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
