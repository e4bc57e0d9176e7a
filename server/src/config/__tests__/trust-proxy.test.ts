import { ConfigError, loadConfig } from '../env';

function blamed(value: string): string | null {
  try {
    loadConfig({ HUB_TRUST_PROXY: value });
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

describe('HUB_TRUST_PROXY', () => {
  it('trusts no proxy by default: the client address is the TCP peer', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HUB_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ HUB_TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('takes a number of proxy hops, or the proxies as addresses, CIDR blocks or named ranges', () => {
    expect(loadConfig({ HUB_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ HUB_TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32, 192.0.2.10' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::/32',
      '192.0.2.10',
    ]);
  });

  it('refuses to trust every proxy, and anything it cannot read, naming the variable', () => {
    expect(blamed('true')).toMatch(/^HUB_TRUST_PROXY: trusting every proxy lets any client choose its own address/);
    expect(blamed('10.0.0.0/33')).toMatch(/^HUB_TRUST_PROXY: "10.0.0.0\/33" is not an address/);
    expect(blamed('proxy.internal')).toMatch(/^HUB_TRUST_PROXY: "proxy.internal" is not an address/);
    expect(blamed('11')).toMatch(/^HUB_TRUST_PROXY: "11" proxies is more than 10/);
  });
});
