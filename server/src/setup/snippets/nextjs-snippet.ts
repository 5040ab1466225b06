import { QUEUE_STUB, htmlAttribute, quoted, singleQuoted } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Next.js (App Router): a route handler minting with `@reqio/server/mint`, and the widget in the root layout. */
export function nextjsSnippet(values: SnippetValues): Snippet {
  const stub = QUEUE_STUB.replace(/\n\s*/g, ' ');
  return {
    stack: 'nextjs',
    label: 'Next.js',
    install: { title: 'Install', language: 'shell', code: 'npm install @reqio/server' },
    mint: [
      {
        title: 'app/api/reqio-token/route.ts',
        language: 'typescript',
        code: `import { mintIdentityToken } from '@reqio/server/mint';
import { getCurrentUser } from '@/lib/auth'; // your own session lookup

const REQIO_AUDIENCE = ${singleQuoted(values.audience)};

// GET /api/reqio-token: a fresh identity token for the signed-in user. mintIdentityToken
// refuses a bad claim (a float amount, an empty sub) before signing, and the token
// expires 300 s after it is issued.
export async function GET(): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' };
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: 'unauthorized', message: 'Sign in first.' } }, { status: 401, headers });
  const token = await mintIdentityToken(
    {
      sub: String(user.id), // always a string
      email: user.email || null, // null when empty: "" is not an address
      traits: {
        plan: user.plan,
        amount: user.planAmountCents, // integer cents as billed: 4900 for $49.00
        interval: user.billingInterval, // 'month' or 'year'
      },
    },
    { secret: process.env.REQIO_SECRET!, audience: REQIO_AUDIENCE },
  );
  return Response.json({ token }, { headers });
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
    // The widget calls this provider for a fresh token whenever its session ends.
    window.Reqio.identify(async () => {
      const response = await fetch('/api/reqio-token', { cache: 'no-store' });
      return response.ok ? ((await response.json()) as { token: string }).token : null;
    });
  }, []);
  return null;
}

// On sign-out: window.Reqio.reset() forgets the user and the anonymous id.`,
      },
    ],
  };
}
