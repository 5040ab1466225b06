import { scriptTag, singleQuoted, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** PHP with firebase/php-jwt. */
export function phpSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'php',
    label: 'PHP',
    install: { title: 'Install', language: 'shell', code: 'composer require firebase/php-jwt' },
    mint: [
      {
        title: 'reqio.php',
        language: 'php',
        code: `<?php
use Firebase\\JWT\\JWT;

const REQIO_AUDIENCE = ${singleQuoted(values.audience)};

/** A Reqio identity token for the signed-in user: HS256, valid for 300 seconds. */
function reqio_token(object $user): string
{
    // Integer cents as billed (4900 for $49.00); database drivers often hand back "4900".
    $amount = $user->plan_amount_cents === null ? null : filter_var($user->plan_amount_cents, FILTER_VALIDATE_INT);
    if ($amount === false) {
        throw new InvalidArgumentException('Reqio traits.amount must be integer cents (4900, not 49.00)');
    }
    $now = time();
    return JWT::encode([
        'sub' => (string) $user->id, // always a string
        'aud' => REQIO_AUDIENCE,     // one string
        'iat' => $now,
        'exp' => $now + 300,         // at most 300 s after iat
        'email' => $user->email ?: null, // null when empty: '' is not an address
        'traits' => [
            'plan' => $user->plan,
            'amount' => $amount,
            'interval' => $user->billing_interval, // 'month' or 'year'
        ],
    ], getenv('REQIO_SECRET'), 'HS256');
}`,
      },
      {
        title: 'SPAs: the token endpoint (reqio-token.php)',
        language: 'php',
        code: `<?php
require __DIR__ . '/reqio.php';

header('Content-Type: application/json');
header('Cache-Control: no-store');
$user = current_user(); // your own session lookup
if ($user === null) {
    http_response_code(401);
    echo json_encode(['error' => ['code' => 'unauthorized', 'message' => 'Sign in first.']]);
    exit;
}
echo json_encode(['token' => reqio_token($user)]);`,
      },
    ],
    embed: [
      { title: 'Server-rendered pages: your layout', language: 'html', code: scriptTag(values, '<?= htmlspecialchars(reqio_token($user), ENT_QUOTES) ?>') },
      ...spaEmbed(values, '/reqio-token.php'),
    ],
  };
}
