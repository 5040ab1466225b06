import { quoted, scriptTag, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Python with PyJWT: any framework; the endpoint example is Flask. */
export function pythonSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'python',
    label: 'Python',
    install: { title: 'Install', language: 'shell', code: 'pip install PyJWT' },
    mint: [
      {
        title: 'reqio.py',
        language: 'python',
        code: `import os
import time

import jwt  # PyJWT

REQIO_AUDIENCE = ${quoted(values.audience)}


def reqio_token(user):
    """A Reqio identity token for the signed-in user: HS256, valid for 300 seconds."""
    amount = user.plan_amount_cents  # integer cents as billed: 4900 for $49.00
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
        raise TypeError("Reqio traits.amount must be integer cents (4900, not 49.0)")
    now = int(time.time())
    payload = {
        "sub": str(user.id),  # always a string
        "aud": REQIO_AUDIENCE,  # one string
        "iat": now,
        "exp": now + 300,  # at most 300 s after iat
        "email": user.email or None,  # None when empty: "" is not an address
        "traits": {
            "plan": user.plan,
            "amount": amount,
            "interval": user.billing_interval,  # "month" or "year"
        },
    }
    return jwt.encode(payload, os.environ["REQIO_SECRET"], algorithm="HS256")`,
      },
      {
        title: 'SPAs: the token endpoint (Flask)',
        language: 'python',
        code: `@app.get("/reqio-token")
@login_required
def reqio_token_endpoint():
    return {"token": reqio_token(current_user)}, 200, {"Cache-Control": "no-store"}`,
      },
    ],
    embed: [
      {
        title: 'Server-rendered pages: your template (Jinja or Django), rendered with reqio_token=reqio_token(current_user)',
        language: 'html',
        code: scriptTag(values, '{{ reqio_token }}'),
      },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
