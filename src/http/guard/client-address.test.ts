import { describe, expect, it } from 'vitest';
import { isAddressOrCidr, loadConfig } from '../../config/env.ts';
import { clientAddressResolver } from './client-address.ts';

describe('client address', () => {
  it('by default is the socket peer, whatever X-Forwarded-For says', () => {
    const addressOf = clientAddressResolver({ hops: 0 });
    expect(addressOf('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(addressOf('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(addressOf(undefined, '1.2.3.4')).toBe('local');
  });

  it('with a hop count believes only what our own proxies appended', () => {
    const addressOf = clientAddressResolver({ hops: 1 });
    // The client sent "1.2.3.4" itself; our one balancer appended the address it saw.
    expect(addressOf('10.0.0.5', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
    expect(addressOf('10.0.0.5', undefined)).toBe('10.0.0.5');
    expect(clientAddressResolver({ hops: 2 })('10.0.0.5', '1.2.3.4, 198.51.100.7, 10.0.0.9')).toBe(
      '198.51.100.7',
    );
  });

  it('with CIDRs skips trusted proxies from the right and stops at the first untrusted hop', () => {
    const addressOf = clientAddressResolver({ cidrs: ['10.0.0.0/8', '127.0.0.1', 'fd00::/8'] });
    expect(addressOf('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    expect(addressOf('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(addressOf('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
    // Everything trusted: the furthest hop is the best we know.
    expect(addressOf('10.0.0.1', '10.0.0.2')).toBe('10.0.0.2');
  });

  it('TRUST_PROXY is parsed and checked in the config', () => {
    expect(loadConfig({}).trustProxy).toEqual({ hops: 0 });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual({
      cidrs: ['10.0.0.0/8', '127.0.0.1'],
    });
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY: expected a hop count/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(isAddressOrCidr('::1/128')).toBe(true);
    expect(isAddressOrCidr('10.0.0.0/8/1')).toBe(false);
  });
});
