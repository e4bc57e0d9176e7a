import { createHash } from 'node:crypto';
import type { Principal } from '../../common/auth/roles';
import type { Database } from '../../db/database';
import { brandingFields, DEFAULT_COLOR, parseLogo, type BrandingArgs } from './branding-rules';
import { Branding } from './document.entity';
import type { BrandingView } from './document-view';

/** The single branding row's id. */
const BRANDING_ID = '1';

export interface BrandingInputArgs extends BrandingArgs {
  logoPng?: string | null;
}

function snapshot(b: Branding): Record<string, unknown> {
  const { logo, ...rest } = b;
  return { ...rest, logoSha256: logo && logo.length > 0 ? createHash('sha256').update(logo).digest('hex') : null };
}

/** The retailer's branding, printed on every document. */
export class BrandingService {
  constructor(private readonly db: Database) {}

  /** The stored branding, or the default (the hub's name and blue) until one is set. */
  async current(): Promise<Branding> {
    const stored = await this.db.manager.getRepository(Branding).findOneBy({ id: BRANDING_ID });
    if (stored) return stored;
    return Object.assign(new Branding(), {
      id: BRANDING_ID,
      name: 'Billing hub',
      address: null,
      supportPhone: null,
      supportEmail: null,
      website: null,
      color: DEFAULT_COLOR,
      footer: null,
      logo: null,
      updatedAt: new Date(0),
    });
  }

  /**
   * Replaces the branding's text fields. A logo given replaces the stored one,
   * an empty logo removes it, and none keeps it; a colour left out is kept too.
   */
  async set(actor: Principal, input: BrandingInputArgs): Promise<Branding> {
    const before = await this.current();
    const fields = brandingFields(input, before.color);
    const logo =
      input.logoPng === undefined || input.logoPng === null ? before.logo : input.logoPng.trim() === '' ? null : parseLogo(input.logoPng);
    return this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(Branding);
      const after = Object.assign(new Branding(), { id: BRANDING_ID, ...fields, logo, updatedAt: new Date() });
      await repo.save(after);
      tx.audit({
        actor: actor.name,
        action: 'setBranding',
        subjectType: 'Branding',
        subjectId: BRANDING_ID,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  /** The branding as a document prints it. */
  static view(b: Branding): BrandingView {
    return {
      name: b.name,
      addressLines: (b.address ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 0),
      supportPhone: b.supportPhone,
      supportEmail: b.supportEmail,
      website: b.website,
      color: b.color,
      footer: b.footer,
      logo: b.logo && b.logo.length > 0 ? Buffer.from(b.logo) : null,
    };
  }
}
