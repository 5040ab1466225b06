import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** One address a webhook host resolved to, checked. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the shape of `dns.promises.lookup` with `all: true`). */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** Why a webhook URL may not be delivered to; `reason` is safe to show and to log (no URL). */
export class WebhookTargetRefusedError extends Error {
  override readonly name = 'WebhookTargetRefusedError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The SSRF guard of CONTRACT §5: where a webhook URL may be delivered to. */
export interface WebhookTargetGuard {
  /** Whether loopback, private, link-local and unique-local targets are allowed (`REQIO_WEBHOOK_ALLOW_PRIVATE=true`). */
  readonly allowPrivate: boolean;
  /**
   * Resolves the URL's host and checks every address it has; resolves with the addresses to
   * connect to (connect only to these), or rejects with {@link WebhookTargetRefusedError}.
   */
  resolve(url: string): Promise<CheckedAddress[]>;
  /**
   * At creation: refuses a URL whose host is, or resolves to, an address that is not public.
   * A host that does not resolve (yet) is accepted: each delivery checks again.
   */
  check(url: string): Promise<void>;
}

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Why an address is not a public unicast one ("loopback", "private", …), or undefined when it is. */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  // process() turns ::ffff:127.0.0.1 into 127.0.0.1, so a mapped address is judged as itself.
  const range = ipaddr.process(address).range();
  // Only plain unicast: NAT64, 6to4 and Teredo prefixes can embed an internal IPv4 address.
  return range === 'unicast' ? undefined : range;
}

/**
 * Creates the guard: every address the host resolves to must be public unicast, unless
 * `allowPrivate` (tests with receivers on 127.0.0.1, private networks on purpose).
 *
 * @example
 * const guard = createWebhookTargetGuard({ allowPrivate: config.webhookAllowPrivate });
 * const addresses = await guard.resolve('https://hooks.example.com/reqio');
 */
export function createWebhookTargetGuard(options: { allowPrivate: boolean; lookup?: LookupAll }): WebhookTargetGuard {
  const lookup = options.lookup ?? defaultLookup;
  const allowPrivate = options.allowPrivate;

  async function addressesOf(url: string): Promise<CheckedAddress[]> {
    let hostname: string;
    try {
      hostname = new URL(url).hostname;
    } catch {
      throw new WebhookTargetRefusedError('the URL cannot be parsed');
    }
    // The URL parser already turned 0x7f000001 and 2130706433 into 127.0.0.1.
    const literal = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    if (ipaddr.isValid(literal)) return [{ address: literal, family: ipaddr.parse(literal).kind() === 'ipv6' ? 6 : 4 }];
    const found = await lookup(hostname);
    if (found.length === 0) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  }

  function refuseNonPublic(addresses: CheckedAddress[]): CheckedAddress[] {
    if (allowPrivate) return addresses;
    for (const { address } of addresses) {
      const range = nonPublicRange(address);
      if (range !== undefined) {
        throw new WebhookTargetRefusedError(
          `refused: the host resolves to a ${range} address (${address}); webhooks are only delivered to public addresses unless REQIO_WEBHOOK_ALLOW_PRIVATE=true`,
        );
      }
    }
    return addresses;
  }

  return {
    allowPrivate,
    async resolve(url) {
      return refuseNonPublic(await addressesOf(url));
    },
    async check(url) {
      let addresses: CheckedAddress[];
      try {
        addresses = await addressesOf(url);
      } catch (error) {
        if (error instanceof WebhookTargetRefusedError) throw error;
        return; // not resolvable now: every delivery resolves and checks again
      }
      refuseNonPublic(addresses);
    },
  };
}
