import { scriptTag, singleQuoted, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** PHP with firebase/php-jwt. */
export function phpSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'php',
    label: 'PHP',
    install: { title: 'Install', language: 'shell', code: 'composer require firebase/php-jwt  # 6.x or 7.x' },
    mint: [
      {
        title: 'reqio.php',
        language: 'php',
        code: `<?php
use Firebase\\JWT\\JWT;

const REQIO_AUDIENCE = ${singleQuoted(values.audience)};

/** plan, amount (integer cents as billed: 4900 for $49.00), interval and currency of a user or company. */
function reqio_account(object $row): array
{
    // Database drivers often hand back "4900": whole cents are fine, "49.99" is not.
    $amount = $row->amount_cents === null ? null : filter_var($row->amount_cents, FILTER_VALIDATE_INT, ['options' => ['min_range' => 0]]);
    if ($amount === false) {
        throw new InvalidArgumentException('Reqio amount must be integer cents (4900, not 49.00)');
    }
    return [
        'plan' => $row->plan,
        'amount' => $amount,
        'interval' => $row->billing_interval, // 'month' or 'year'
        'currency' => $row->currency ?? null, // ISO 4217 ('EUR'); null: the project's currency
    ];
}

/** A Reqio identity token for the signed-in user (HS256, valid for 300 seconds); '' when nobody is. */
function reqio_token(?object $user): string
{
    if ($user === null) {
        return '';
    }
    try {
        $now = time();
        $payload = [
            'sub' => (string) $user->id, // always a string
            'aud' => REQIO_AUDIENCE,     // one string
            'iat' => $now,
            'exp' => $now + 300,         // at most 300 s after iat
            'email' => $user->email ?: null, // null when empty: '' is not an address
            'traits' => reqio_account($user),
        ];
        if (isset($user->company)) { // B2B: the paying account, counted once however many of its people vote
            $payload['company'] = ['id' => (string) $user->company->id, 'name' => $user->company->name] + reqio_account($user->company);
        }
    } catch (InvalidArgumentException $error) { // a bad amount: no token, the page still renders
        error_log('reqio: no identity token: ' . $error->getMessage());
        return '';
    }
    return JWT::encode($payload, getenv('REQIO_SECRET'), 'HS256');
}`,
      },
      {
        title: 'SPAs: the token endpoint (reqio-token.php)',
        language: 'php',
        code: `<?php
require __DIR__ . '/reqio.php';

header('Cache-Control: no-store');
$user = current_user(); // your own session lookup
if ($user === null) {
    http_response_code(401);
    header('Content-Type: application/json');
    echo json_encode(['error' => ['code' => 'unauthorized', 'message' => 'Sign in first.']]);
    exit;
}
$token = reqio_token($user);
if ($token === '') {
    http_response_code(204); // no token for this user (see the log): the widget stays anonymous
    exit;
}
header('Content-Type: application/json');
echo json_encode(['token' => $token]);`,
      },
    ],
    embed: [
      { title: "Server-rendered pages: your layout ('' when nobody is signed in)", language: 'html', code: scriptTag(values, '<?= htmlspecialchars(reqio_token($user ?? null), ENT_QUOTES) ?>') },
      ...spaEmbed(values, '/reqio-token.php'),
    ],
  };
}
