import path from 'node:path';
import { ConfigError, loadConfig } from '../env';

function blamed(env: Record<string, string>): { variable: string; message: string } | null {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { variable: error.variable, message: error.message };
  }
}

describe('mail configuration', () => {
  it('writes mail as .eml files under the data folder when no SMTP server is set', () => {
    expect(loadConfig({ HUB_DATA_DIR: '/srv/hub' }).mail).toEqual({
      smtpUrl: null,
      from: 'billing@localhost',
      dir: path.resolve('/srv/hub', 'mail'),
      retryMs: 60_000,
    });
  });

  it('takes smtp:// and smtps:// URLs and a sender with a name', () => {
    const config = loadConfig({
      HUB_SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      HUB_MAIL_FROM: 'Nordlys <bills@nordlys.example>',
    });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtps://user:secret@mail.example.com:465', from: 'Nordlys <bills@nordlys.example>' });
    expect(loadConfig({ HUB_SMTP_URL: 'smtp://127.0.0.1:2525' }).mail.smtpUrl).toBe('smtp://127.0.0.1:2525');
  });

  it('stops the start naming HUB_SMTP_URL when it does not parse as an SMTP URL, without echoing the password', () => {
    for (const bad of ['mail.example.com:587', 'http://mail.example.com', 'smtp://', 'smtp://user:hunter2@exa mple.com']) {
      const blame = blamed({ HUB_SMTP_URL: bad });
      expect(blame?.variable).toBe('HUB_SMTP_URL');
      expect(blame?.message).toMatch(/HUB_SMTP_URL/);
      expect(blame?.message).not.toMatch(/hunter2/);
    }
  });

  it('stops the start naming HUB_MAIL_FROM or HUB_MAIL_RETRY_SECONDS when they are not usable', () => {
    expect(blamed({ HUB_MAIL_FROM: 'billing' })?.variable).toBe('HUB_MAIL_FROM');
    expect(blamed({ HUB_MAIL_RETRY_SECONDS: 'soon' })?.variable).toBe('HUB_MAIL_RETRY_SECONDS');
  });
});
