import type { DraftErrors, RateDraft } from './product-form';

/**
 * The block tiers (limits per 30 days, the last one open) and the register
 * prices (ON_PEAK, OFF_PEAK...) of a rate being written, as small tables.
 */
export function RateStructureFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: RateDraft;
  onChange(next: RateDraft): void;
  errors: DraftErrors;
  prefix: string;
}) {
  const setTier = (i: number, key: 'upTo' | 'unitPrice', v: string) =>
    onChange({ ...value, tiers: value.tiers.map((t, j) => (j === i ? { ...t, [key]: v } : t)) });
  const setRegister = (i: number, key: 'register' | 'unitPrice', v: string) =>
    onChange({ ...value, registerPrices: value.registerPrices.map((p, j) => (j === i ? { ...p, [key]: v } : p)) });
  const error = (path: string) => errors[`${prefix}${path}`];
  return (
    <div className="stack-small">
      {value.tiers.length > 0 && (
        <table className="table table-compact">
          <caption className="small muted">Block tiers for TOTAL reads (upper bounds per 30 days; the last tier is open)</caption>
          <thead>
            <tr>
              <th scope="col">Up to</th>
              <th scope="col">Price per unit</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.tiers.map((t, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Tier ${i + 1} up to`}
                    inputMode="decimal"
                    placeholder={i === value.tiers.length - 1 ? 'open' : '500'}
                    value={t.upTo}
                    onChange={(e) => setTier(i, 'upTo', e.target.value)}
                  />
                  {error(`tiers.${i}.upTo`) && <div className="field-error small">{error(`tiers.${i}.upTo`)}</div>}
                </td>
                <td>
                  <input
                    aria-label={`Tier ${i + 1} price`}
                    inputMode="decimal"
                    placeholder="0.1325"
                    value={t.unitPrice}
                    onChange={(e) => setTier(i, 'unitPrice', e.target.value)}
                  />
                  {error(`tiers.${i}.unitPrice`) && <div className="field-error small">{error(`tiers.${i}.unitPrice`)}</div>}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onChange({ ...value, tiers: value.tiers.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {value.registerPrices.length > 0 && (
        <table className="table table-compact">
          <caption className="small muted">Register prices (reads on other registers than TOTAL)</caption>
          <thead>
            <tr>
              <th scope="col">Register</th>
              <th scope="col">Price per unit</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.registerPrices.map((p, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Register ${i + 1}`}
                    placeholder="ON_PEAK"
                    value={p.register}
                    onChange={(e) => setRegister(i, 'register', e.target.value.toUpperCase())}
                  />
                  {error(`registerPrices.${i}.register`) && (
                    <div className="field-error small">{error(`registerPrices.${i}.register`)}</div>
                  )}
                </td>
                <td>
                  <input
                    aria-label={`Register ${i + 1} price`}
                    inputMode="decimal"
                    placeholder="0.0890"
                    value={p.unitPrice}
                    onChange={(e) => setRegister(i, 'unitPrice', e.target.value)}
                  />
                  {error(`registerPrices.${i}.unitPrice`) && (
                    <div className="field-error small">{error(`registerPrices.${i}.unitPrice`)}</div>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onChange({ ...value, registerPrices: value.registerPrices.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            onChange({
              ...value,
              // The first tier takes over the flat price; the tier before the new last one gets a bound to fill in.
              tiers: value.tiers.length === 0 ? [{ upTo: '', unitPrice: value.unitPrice }] : [...value.tiers, { upTo: '', unitPrice: '' }],
            })
          }
        >
          Add tier
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ ...value, registerPrices: [...value.registerPrices, { register: '', unitPrice: '' }] })}
        >
          Add register price
        </button>
      </div>
    </div>
  );
}
