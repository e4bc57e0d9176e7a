import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Card } from '../../shared/components/Page';
import { formatDate, todayIso } from '../../shared/dates';
import { formatDecimal } from '../../shared/money';
import { AddTaxRateDialog, EndTaxRateDialog, TAXABLE_KINDS, type TaxRateDraft } from './TaxRateDialogs';

export const TaxRateForTaxRatesPanel = graphql(`
  fragment TaxRateForTaxRatesPanel on TaxRate {
    id
    zone
    code
    name
    percent
    appliesTo
    effectiveFrom
    effectiveTo
  }
`);

export const TaxRatesQuery = graphql(`
  query TaxRates {
    taxRates {
      ...TaxRateForTaxRatesPanel
    }
  }
`);

interface Rate {
  id: string;
  zone: string;
  code: string;
  name: string;
  percent: string;
  appliesTo: readonly string[];
  effectiveFrom: string;
  effectiveTo: string | null;
}

const KIND_LABEL = new Map<string, string>(TAXABLE_KINDS.map(({ kind, label }) => [kind, label.replace(/ \(.*\)$/, '')]));

/** Where a rate stands today: taxing now, ended, or still to come. */
export function rateStanding(rate: Pick<Rate, 'effectiveFrom' | 'effectiveTo'>, today: string): 'current' | 'ended' | 'future' {
  if (rate.effectiveFrom > today) return 'future';
  return rate.effectiveTo !== null && rate.effectiveTo <= today ? 'ended' : 'current';
}

/** Tax rates per zone and code, with their history; add a rate, or end one. */
export function TaxRatesPanel() {
  const { data, loading, error, refetch } = useQuery(TaxRatesQuery, { fetchPolicy: 'cache-and-network' });
  const [zone, setZone] = useState('');
  const [adding, setAdding] = useState<TaxRateDraft | null>(null);
  const [ending, setEnding] = useState<Rate | null>(null);
  const today = todayIso();
  const rates = getFragmentData(TaxRateForTaxRatesPanel, data?.taxRates ?? []);
  const zones = [...new Set(rates.map((r) => r.zone))].sort();
  const shown = [...rates]
    .filter((r) => !zone || r.zone === zone)
    .sort((a, b) => a.zone.localeCompare(b.zone) || a.code.localeCompare(b.code) || a.effectiveFrom.localeCompare(b.effectiveFrom));

  const draft = (from?: Rate): TaxRateDraft => ({
    zone: from?.zone ?? zone,
    code: from?.code ?? '',
    name: from?.name ?? '',
    percent: from?.percent ?? '',
    appliesTo: (from?.appliesTo ?? ['USAGE', 'FIXED']).filter((k): k is TaxRateDraft['appliesTo'][number] => KIND_LABEL.has(k)),
    effectiveFrom: from?.effectiveTo ?? today,
    effectiveTo: '',
  });

  return (
    <Card
      title="Tax rates"
      actions={
        <>
          <label className="sr-only" htmlFor="tax-zone-filter">
            Zone
          </label>
          <select id="tax-zone-filter" value={zone} onChange={(e) => setZone(e.target.value)}>
            <option value="">Every zone</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small" onClick={() => setAdding(draft())}>
            Add tax rate
          </button>
        </>
      }
    >
      <ErrorNotice error={error} title="Could not load tax rates" onRetry={() => void refetch()} />
      <p className="muted small">
        An invoice gets one tax line per code of its account&apos;s zone in effect on its last day of service. Accounts are in zone DEFAULT
        unless set on the account.
      </p>
      <table className="table">
        <caption className="sr-only">Tax rates by zone and code</caption>
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Percent
            </th>
            <th scope="col">Applies to</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {loading && !data ? (
          <TableSkeleton columns={8} rows={3} />
        ) : (
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No tax rates yet: invoices carry no tax.
                </td>
              </tr>
            )}
            {shown.map((r) => {
              const standing = rateStanding(r, today);
              return (
                <tr key={r.id} className={standing === 'ended' ? 'muted' : undefined}>
                  <td>{r.zone}</td>
                  <td>
                    {r.code} {standing !== 'current' && <span className="chip chip-neutral">{standing}</span>}
                  </td>
                  <td>{r.name}</td>
                  <td className="num">{formatDecimal(r.percent)}%</td>
                  <td>{r.appliesTo.map((k) => KIND_LABEL.get(k) ?? k.toLowerCase()).join(', ')}</td>
                  <td className="nowrap">{formatDate(r.effectiveFrom)}</td>
                  <td className="nowrap">{r.effectiveTo ? formatDate(r.effectiveTo) : <span className="muted">open</span>}</td>
                  <td className="num nowrap">
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      aria-label={`End ${r.zone} ${r.code} from ${r.effectiveFrom}`}
                      onClick={() => setEnding(r)}
                    >
                      End
                    </button>
                    {r.effectiveTo && (
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        aria-label={`Next rate for ${r.zone} ${r.code}`}
                        onClick={() => setAdding(draft(r))}
                      >
                        Next rate
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        )}
      </table>
      {adding && <AddTaxRateDialog initial={adding} onClose={() => setAdding(null)} />}
      {ending && <EndTaxRateDialog rate={ending} onClose={() => setEnding(null)} />}
    </Card>
  );
}
