import { formatDecimal } from '../../shared/money';

export interface RatePricesView {
  unitPrice: string;
  tiers: ReadonlyArray<{ upTo?: string | null; unitPrice: string }>;
  registerPrices: ReadonlyArray<{ register: string; unitPrice: string }>;
}

/**
 * A rate's prices as the customer meets them: the flat price, or its block
 * tiers (limits per 30 days, prorated by the read's days), and the prices of
 * registers such as ON_PEAK and OFF_PEAK.
 */
export function RatePrices({ rate, unit }: { rate: RatePricesView; unit: string }) {
  const tiered = rate.tiers.length > 0;
  if (!tiered && rate.registerPrices.length === 0) return <>{formatDecimal(rate.unitPrice)}</>;
  const starts = rate.tiers.map((_, i) => (i === 0 ? '0' : (rate.tiers[i - 1].upTo ?? '0')));
  return (
    <div className="stack-small">
      {tiered ? (
        <table className="table table-compact">
          <caption className="small muted">Block tiers, per 30 days</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col" className="num">
                Price per {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {rate.tiers.map((t, i) => {
              const label = t.upTo ? `${formatDecimal(starts[i])} to ${formatDecimal(t.upTo)}` : `over ${formatDecimal(starts[i])}`;
              return (
                <tr key={i}>
                  <td>{label}</td>
                  <td className="num">{formatDecimal(t.unitPrice)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <div>TOTAL {formatDecimal(rate.unitPrice)}</div>
      )}
      {rate.registerPrices.length > 0 && (
        <table className="table table-compact">
          <caption className="small muted">Register prices</caption>
          <thead>
            <tr>
              <th scope="col">Register</th>
              <th scope="col" className="num">
                Price per {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {rate.registerPrices.map((p) => (
              <tr key={p.register}>
                <td>{p.register}</td>
                <td className="num">{formatDecimal(p.unitPrice)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
