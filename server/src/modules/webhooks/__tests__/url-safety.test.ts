import { HubError } from '../../../common/errors/hub-error';
import { isForbiddenAddress, parseWebhookUrl, refusedHost } from '../url-safety';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    // IPv4 carried in other IPv6 forms: compatible, translated, 6to4, Teredo; and site-local.
    '::7f00:1',
    '::127.0.0.1',
    '::ffff:0:7f00:1',
    '2002:7f00:1::',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    'fec0::1',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

function refusal(raw: string): string {
  try {
    parseWebhookUrl(raw);
  } catch (error) {
    if (error instanceof HubError && error.code === 'BAD_USER_INPUT') return error.message;
    throw error;
  }
  throw new Error(`${raw} was accepted`);
}

describe('parseWebhookUrl', () => {
  it('refuses what is not an http(s) URL, saying what to give', () => {
    expect(refusal('not a url')).toMatch(/is not a URL; give one such as https:/);
    expect(refusal('ftp://example.com/x')).toBe('url must use http or https, not ftp');
    expect(refusal('file:///etc/passwd')).toBe('url must use http or https, not file');
    expect(refusal('javascript:alert(1)')).toBe('url must use http or https, not javascript');
    expect(refusal('https://user:pw@example.com/')).toMatch(/must not carry a user name or password/);
    expect(refusal('   ')).toMatch(/must not be empty/);
    expect(refusal(`https://example.com/${'a'.repeat(2100)}`)).toMatch(/at most 2048 characters/);
  });

  it('accepts http and https', () => {
    expect(parseWebhookUrl(' https://example.com/hooks?x=1 ').toString()).toBe('https://example.com/hooks?x=1');
    expect(parseWebhookUrl('http://example.com:8080/').port).toBe('8080');
  });
});

describe('refusedHost', () => {
  it('refuses hosts that are or resolve to the hub’s own network, unless private addresses are allowed', async () => {
    for (const url of [
      'http://127.0.0.1:9/',
      'http://[::1]/',
      'http://localhost/',
      'http://169.254.169.254/latest/meta-data',
      'http://0x7f000001/',
    ]) {
      expect(await refusedHost(new URL(url), false)).toMatch(/loopback, private, link-local or multicast|does not resolve/);
      expect(await refusedHost(new URL(url), true)).toBeNull();
    }
  });
});
