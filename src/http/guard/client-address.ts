/**
 * @module http/guard/client-address
 * The client's address for rate limits and retry keys. `X-Forwarded-For` is believed only as far as the
 * trusted-proxy setting (`TRUST_PROXY`) allows: by default nobody is trusted and the socket's peer is the
 * client, so a caller cannot pick its own address by sending the header.
 */
import { BlockList, isIP } from 'node:net';
import type { TrustProxy } from '../../config/env.ts';

/** `::ffff:10.0.0.1` is the IPv4 peer 10.0.0.1 seen on a dual-stack socket. */
function plain(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

function blockList(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const [network = '', prefix] = entry.split('/');
    const type = isIP(network) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(network, type);
    else list.addSubnet(network, Number(prefix), type);
  }
  return list;
}

/**
 * Returns a function from (socket peer, X-Forwarded-For header) to the client address.
 *
 * @example
 * const addressOf = clientAddressResolver({ hops: 1 }); // one load balancer in front
 * addressOf('10.0.0.5', '203.0.113.7, 198.51.100.1'); // '198.51.100.1': what our balancer saw
 */
export function clientAddressResolver(
  trust: TrustProxy,
): (peer: string | undefined, forwarded?: string) => string {
  const trusted = 'cidrs' in trust ? blockList(trust.cidrs) : undefined;
  const isTrusted = (address: string) =>
    trusted !== undefined &&
    isIP(address) !== 0 &&
    trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return function clientAddress(peer, forwarded) {
    const socket = peer ? plain(peer) : 'local';
    // Nearest hop first: the socket peer, then X-Forwarded-For from its right end (each proxy appends).
    const hops = [
      socket,
      ...(forwarded ?? '')
        .split(',')
        .map(plain)
        .filter((a) => a.length > 0)
        .reverse(),
    ];
    if ('hops' in trust) return hops[Math.min(trust.hops, hops.length - 1)] ?? socket;
    let i = 0;
    while (i < hops.length - 1 && isTrusted(hops[i] ?? '')) i++;
    return hops[i] ?? socket;
  };
}
