import { DEMO_USERS, type DemoUser } from './demo-users.js';

/** Escapes text for HTML content and double-quoted attributes. */
export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `
  *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2430;background:#f6f7fb}
  header{display:flex;align-items:center;gap:16px;padding:14px 28px;background:#141a2e;color:#fff}
  header b{font-size:17px;letter-spacing:.2px}header nav{display:flex;gap:14px;margin-left:auto;align-items:center}
  header a{color:#c9d1ff;text-decoration:none}main{max-width:880px;margin:32px auto;padding:0 24px}
  .card{background:#fff;border:1px solid #e3e6ef;border-radius:10px;padding:20px 24px;margin-bottom:18px}
  .users{display:flex;gap:10px;flex-wrap:wrap}button{font:inherit;border:1px solid #c8cde0;background:#fff;border-radius:8px;padding:8px 14px;cursor:pointer}
  button.primary{background:#4f5bd5;border-color:#4f5bd5;color:#fff}code{background:#eef0f7;padding:1px 5px;border-radius:4px}
  #reqio-status{font-weight:600}.muted{color:#667}`;

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Reqio demo</title>
<style>${STYLE}</style>
${head}
</head>
<body>
<header><b>Acme Analytics</b><span class="muted">a demo host app for Reqio</span>
<nav><a href="/demo">Demo home</a><a href="/demo/server-rendered">Server-rendered</a><a href="/demo/spa">SPA</a><a href="/dashboard">Dashboard</a></nav></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** `/demo`: what the demo shows and where. */
export function renderDemoHome(projectId: string): string {
  return layout(
    'Demo',
    `<div class="card"><h1>Reqio demo host app</h1>
<p>This pretend SaaS product embeds the Reqio widget for the demo project <code>${escapeHtml(projectId)}</code>, the way your app would.</p>
<ul>
<li><a href="/demo/server-rendered">Server-rendered page</a>: the server mints a token with <code>@reqio/server/mint</code> (the <code>reqioToken</code> middleware) and prints it into the script tag.</li>
<li><a href="/demo/spa">Single-page app</a>: a fake login, then <code>Reqio.identify()</code> with a token provider calling <code>GET /demo/reqio-token</code> (built with <code>createTokenHandler</code>).</li>
</ul>
<p class="muted">Sign in as customers who pay differently, ask for features and vote; then open the <a href="/dashboard">dashboard</a>'s backlog to see the requests ranked by their revenue.</p></div>`,
  );
}

function userPicker(current: DemoUser | undefined, returnTo: string): string {
  const buttons = DEMO_USERS.map(
    (user) => `<form method="post" action="/demo/login"><input type="hidden" name="user" value="${escapeHtml(user.key)}"><input type="hidden" name="return" value="${escapeHtml(returnTo)}">
<button${current?.key === user.key ? ' class="primary"' : ''} data-user="${escapeHtml(user.key)}">${escapeHtml(user.name)} · ${escapeHtml(user.plan)}, ${escapeHtml(user.price)}</button></form>`,
  ).join('\n');
  const signOut = current
    ? `<form method="post" action="/demo/logout"><input type="hidden" name="return" value="${escapeHtml(returnTo)}"><button data-user="">Sign out</button></form>`
    : '';
  return `<div class="users">${buttons}${signOut}</div>`;
}

/** `/demo/server-rendered`: the token minted on the server and printed into the script tag. */
export function renderServerRenderedPage(options: { projectId: string; user: DemoUser | undefined; token: string | undefined }): string {
  const { projectId, user, token } = options;
  return layout(
    'Server-rendered page',
    `<div class="card"><h1>Server-rendered page</h1>
<p>${user ? `Signed in to Acme as <b>${escapeHtml(user.name)}</b> (${escapeHtml(user.email)}), ${escapeHtml(user.plan)} plan, ${escapeHtml(user.price)}.` : 'Nobody is signed in to Acme: the widget works anonymously.'}</p>
${userPicker(user, '/demo/server-rendered')}
<p>Widget: <span id="reqio-status">loading…</span></p>
<p class="muted">Open the feedback button at the bottom right, ask for a feature, vote. This page's server minted a fresh token for ${user ? 'this user' : 'nobody'} with <code>reqioToken()</code> from <code>@reqio/server/mint</code>.</p></div>
<script>
${statusScript()}
</script>
<script src="/widget.js" data-project-id="${escapeHtml(projectId)}"${token ? ` data-identity-token="${escapeHtml(token)}"` : ''} async></script>`,
    `<script>${QUEUE_STUB}</script>`,
  );
}

// The documented queue stub: calls made before the widget loads are replayed in order.
const QUEUE_STUB = `window.Reqio=window.Reqio||{};['identify','reset','open','close','on','off'].forEach(function(m){Reqio[m]=Reqio[m]||function(){(Reqio.q=Reqio.q||[]).push([m,arguments])}});`;

function statusScript(): string {
  return `(function () {
  var status = document.getElementById('reqio-status');
  var show = function (text) { status.textContent = text; };
  Reqio.on('ready', function () { if (status.textContent === 'loading…') show('ready (anonymous)'); });
  Reqio.on('identified', function (user) { show('identified as ' + (user.email || user.id)); });
  Reqio.on('identity:error', function (error) { show('identity error: ' + error.code); });
  Reqio.on('reset', function () { show('signed out (anonymous)'); });
})();`;
}

/** `/demo/spa`: a fake login in the browser, then `Reqio.identify()` with a token provider. */
export function renderSpaPage(projectId: string): string {
  const users = DEMO_USERS.map((user) => `<button data-user="${escapeHtml(user.key)}">${escapeHtml(user.name)} · ${escapeHtml(user.plan)}, ${escapeHtml(user.price)}</button>`).join('\n');
  return layout(
    'Single-page app',
    `<div class="card"><h1>Single-page app</h1>
<p id="who">Checking who is signed in…</p>
<div class="users">${users}<button data-user="">Sign out</button></div>
<p>Widget: <span id="reqio-status">loading…</span></p>
<p class="muted">After the fake login, the page calls <code>Reqio.identify(provider)</code>; the widget calls the provider, which fetches <code>GET /demo/reqio-token</code>, whenever it needs a fresh token. Signing out calls <code>Reqio.reset()</code>.</p></div>
<script>
${statusScript()}
(function () {
  var who = document.getElementById('who');
  var provider = function () {
    return fetch('/demo/reqio-token', { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      return response.status === 200 ? response.json().then(function (body) { return body.token; }) : null;
    });
  };
  var show = function (user) { who.textContent = user ? 'Signed in to Acme as ' + user.name + ' (' + user.plan + ', ' + user.price + ').' : 'Nobody is signed in to Acme: the widget works anonymously.'; };
  fetch('/demo/me', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (body) {
    show(body.user);
    if (body.user) Reqio.identify(provider);
  });
  document.querySelectorAll('button[data-user]').forEach(function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-user');
      var path = key ? '/demo/login' : '/demo/logout';
      fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: key }) })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          show(body.user);
          if (body.user) Reqio.identify(provider); else Reqio.reset();
        });
    });
  });
})();
</script>
<script src="/widget.js" data-project-id="${escapeHtml(projectId)}" async></script>`,
    `<script>${QUEUE_STUB}</script>`,
  );
}
