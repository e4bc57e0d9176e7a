import { gqlOk } from '../support/client';
import { unique } from '../support/factories';
import type { TestHub } from '../support/hub';

/** Helpers for the tax suites: tax rates and accounts with a zone, through the public API. */

export const RATE_FIELDS = 'id zone code name percent appliesTo effectiveFrom effectiveTo';

export interface TaxRateInput {
  zone: string;
  code: string;
  name?: string;
  percent: string;
  appliesTo: string[];
  effectiveFrom: string;
  effectiveTo?: string | null;
}

/** A zone no other test of the file uses: zones and codes take letters, digits and _ only. */
export const uniqueZone = (prefix = 'TZ'): string => unique(prefix).replace(/-/g, '_').toUpperCase();

export async function addTaxRate(t: TestHub, input: TaxRateInput): Promise<{ id: string; effectiveTo: string | null }> {
  const data = await gqlOk(
    t.url,
    `mutation($input: TaxRateInput!) { addTaxRate(input: $input) { ${RATE_FIELDS} } }`,
    { input: { name: `${input.code} tax`, ...input } },
    t.adminToken,
  );
  return data.addTaxRate;
}

export async function taxRates(t: TestHub, zone: string): Promise<Array<Record<string, unknown>>> {
  return (await gqlOk(t.url, `query($zone: String) { taxRates(zone: $zone) { ${RATE_FIELDS} } }`, { zone }, t.adminToken)).taxRates;
}
