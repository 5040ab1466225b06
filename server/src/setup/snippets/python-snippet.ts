import { quoted, scriptTag, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Python with PyJWT: any framework; the endpoint example is Flask. */
export function pythonSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'python',
    label: 'Python',
    install: { title: 'Install', language: 'shell', code: 'pip install PyJWT  # 2.x' },
    mint: [
      {
        title: 'reqio.py',
        language: 'python',
        code: `import logging
import os
import time

import jwt  # PyJWT

REQIO_AUDIENCE = ${quoted(values.audience)}


def _cents(value):
    """Integer cents as billed (4900 for $49.00); a database may hand back "4900"."""
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Reqio amount must be integer cents (4900, not 49.0): {value!r}")
    return value


def _account(traits):
    """plan, amount, interval and currency; None values are left for Reqio to ignore."""
    return {
        "plan": traits.plan,
        "amount": _cents(traits.amount_cents),
        "interval": traits.billing_interval,  # "month" or "year"
        "currency": traits.currency,  # ISO 4217 ("EUR"); None: the project's currency
    }


def reqio_token(user):
    """A Reqio identity token for the signed-in user (HS256, valid for 300 s); "" when nobody is."""
    if user is None or not getattr(user, "is_authenticated", True):
        return ""
    try:
        now = int(time.time())
        payload = {
            "sub": str(user.id),  # always a string
            "aud": REQIO_AUDIENCE,  # one string
            "iat": now,
            "exp": now + 300,  # at most 300 s after iat
            "email": user.email or None,  # None when empty: "" is not an address
            "traits": _account(user),
        }
        company = getattr(user, "company", None)
        if company is not None:  # B2B: the paying account, counted once however many of its people vote
            payload["company"] = {"id": str(company.id), "name": company.name, **_account(company)}
    except ValueError as error:  # a bad amount: no token, the page still renders
        logging.getLogger("reqio").warning("no identity token: %s", error)
        return ""
    return jwt.encode(payload, os.environ["REQIO_SECRET"], algorithm="HS256")`,
      },
      {
        title: 'SPAs: the token endpoint (Flask)',
        language: 'python',
        code: `@app.get("/reqio-token")
@login_required
def reqio_token_endpoint():
    token = reqio_token(current_user)
    headers = {"Cache-Control": "no-store"}
    if not token:  # no token for this user (see the log): the widget stays anonymous
        return "", 204, headers
    return {"token": token}, 200, headers`,
      },
    ],
    embed: [
      {
        title: 'Server-rendered pages: your template (Jinja or Django), rendered with reqio_token=reqio_token(current_user) ("" when nobody is signed in)',
        language: 'html',
        code: scriptTag(values, '{{ reqio_token }}'),
      },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
