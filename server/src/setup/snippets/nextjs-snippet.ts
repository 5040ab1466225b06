import { QUEUE_STUB, htmlAttribute, npmInstall, quoted, singleQuoted } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Next.js (App Router): a route handler minting with `@reqio/mint`, and the widget in the root layout. */
export function nextjsSnippet(values: SnippetValues): Snippet {
  const stub = QUEUE_STUB.replace(/\n\s*/g, ' ');
  return {
    stack: 'nextjs',
    label: 'Next.js',
    install: npmInstall(values),
    mint: [
      {
        title: 'app/api/reqio-token/route.ts',
        language: 'typescript',
        code: `import { mintIdentityToken, toAmount } from '@reqio/mint';
import { getCurrentUser } from '@/lib/auth'; // your own session lookup

const REQIO_AUDIENCE = ${singleQuoted(values.audience)};

// GET /api/reqio-token: a fresh identity token for the signed-in user, 401 when signed out.
// mintIdentityToken refuses a bad claim (a float amount, an empty sub) before signing: that
// user gets 204 (no token, the widget stays anonymous). Tokens expire 300 s after issue.
export async function GET(): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' };
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: 'unauthorized', message: 'Sign in first.' } }, { status: 401, headers });
  try {
    const token = await mintIdentityToken(
      {
        sub: String(user.id), // always a string
        email: user.email || null, // null when empty: "" is not an address
        traits: {
          plan: user.plan,
          amount: toAmount(user.planAmountCents), // integer cents as billed: 4900 for $49.00 ("4900" from a database too)
          interval: user.billingInterval, // 'month' or 'year'
          currency: user.currency, // ISO 4217 such as 'EUR'; leave it out for the project's currency
        },
        // B2B: the paying account. Its revenue counts once, however many of its people vote.
        ...(user.company && {
          company: {
            id: String(user.company.id),
            name: user.company.name,
            plan: user.company.plan,
            amount: toAmount(user.company.amountCents),
            interval: user.company.billingInterval,
            currency: user.company.currency,
          },
        }),
      },
      { secret: process.env.REQIO_SECRET!, audience: REQIO_AUDIENCE },
    );
    return Response.json({ token }, { headers });
  } catch (error) {
    console.warn(\`[reqio] no identity token: \${(error as Error).message}\`); // names the field, never the secret
    return new Response(null, { status: 204, headers });
  }
}`,
      },
    ],
    embed: [
      {
        title: 'app/layout.tsx: the queue stub, then the widget',
        language: 'tsx',
        code: `import Script from 'next/script';

const REQIO_STUB = ${quoted(stub)};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <Script id="reqio-stub" strategy="beforeInteractive">{REQIO_STUB}</Script>
        <Script src="${htmlAttribute(values.widgetUrl)}" data-project-id="${htmlAttribute(values.projectId)}" strategy="afterInteractive" />
      </body>
    </html>
  );
}`,
      },
      {
        title: 'app/reqio-identify.tsx: render it where the user is signed in',
        language: 'tsx',
        code: `'use client';
import { useEffect } from 'react';

declare global {
  interface Window {
    Reqio: { identify(provider: () => Promise<string | null>): void; reset(): void };
  }
}

export function ReqioIdentify() {
  useEffect(() => {
    // The widget calls this provider for a fresh token whenever its session ends; 401 and 204 mean anonymous.
    window.Reqio.identify(async () => {
      const response = await fetch('/api/reqio-token', { cache: 'no-store' });
      return response.status === 200 ? ((await response.json()) as { token: string }).token : null;
    });
  }, []);
  return null;
}

// On sign-out: window.Reqio.reset() forgets the user and the anonymous id.`,
      },
    ],
  };
}
