import type { DraftErrors, RateDraft } from './product-form';

/**
 * The block tiers (limits per 30 days, the last one open) and the register
 * prices (ON_PEAK, OFF_PEAK...) of a rate being written, as small tables.
 */
type PriceRow<K extends string> = Record<K | 'unitPrice', string>;

/** One table of a rate's structure: a row per tier or register, its key column, its price, and Remove. */
function PriceRowsTable<K extends 'upTo' | 'register'>({
  caption,
  name,
  column,
  pricePlaceholder,
  path,
  rows,
  error,
  onChange,
}: {
  caption: string;
  /** Names row i in the labels: "Tier 2", "Register 1". */
  name(i: number): string;
  column: { key: K; header: string; labelSuffix: string; placeholder(i: number): string; numeric: boolean; normalize?(v: string): string };
  pricePlaceholder: string;
  /** Where the rows' errors are: `${path}.${i}.${key}`. */
  path: string;
  rows: ReadonlyArray<PriceRow<K>>;
  error(path: string): string | undefined;
  onChange(rows: Array<PriceRow<K>>): void;
}) {
  const set = (i: number, key: K | 'unitPrice', v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const cell = (
    i: number,
    key: K | 'unitPrice',
    input: { label: string; placeholder: string; numeric: boolean; normalize?(v: string): string },
  ) => {
    const problem = error(`${path}.${i}.${key}`);
    return (
      <td>
        <input
          aria-label={input.label}
          inputMode={input.numeric ? 'decimal' : undefined}
          placeholder={input.placeholder}
          value={rows[i][key]}
          onChange={(e) => set(i, key, input.normalize ? input.normalize(e.target.value) : e.target.value)}
        />
        {problem && <div className="field-error small">{problem}</div>}
      </td>
    );
  };
  return (
    <table className="table table-compact">
      <caption className="small muted">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{column.header}</th>
          <th scope="col">Price per unit</th>
          <th scope="col">
            <span className="sr-only">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((_, i) => (
          <tr key={i}>
            {cell(i, column.key, { ...column, label: `${name(i)}${column.labelSuffix}`, placeholder: column.placeholder(i) })}
            {cell(i, 'unitPrice', { label: `${name(i)} price`, placeholder: pricePlaceholder, numeric: true })}
            <td>
              <button type="button" className="button button-small" onClick={() => onChange(rows.filter((__, j) => j !== i))}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
  const error = (path: string) => errors[`${prefix}${path}`];
  return (
    <div className="stack-small">
      {value.tiers.length > 0 && (
        <PriceRowsTable
          caption="Block tiers for TOTAL reads (upper bounds per 30 days; the last tier is open)"
          name={(i) => `Tier ${i + 1}`}
          column={{
            key: 'upTo',
            header: 'Up to',
            labelSuffix: ' up to',
            placeholder: (i) => (i === value.tiers.length - 1 ? 'open' : '500'),
            numeric: true,
          }}
          pricePlaceholder="0.1325"
          path="tiers"
          rows={value.tiers}
          error={error}
          onChange={(tiers) => onChange({ ...value, tiers })}
        />
      )}
      {value.registerPrices.length > 0 && (
        <PriceRowsTable
          caption="Register prices (reads on other registers than TOTAL)"
          name={(i) => `Register ${i + 1}`}
          column={{
            key: 'register',
            header: 'Register',
            labelSuffix: '',
            placeholder: () => 'ON_PEAK',
            numeric: false,
            normalize: (v) => v.toUpperCase(),
          }}
          pricePlaceholder="0.0890"
          path="registerPrices"
          rows={value.registerPrices}
          error={error}
          onChange={(registerPrices) => onChange({ ...value, registerPrices })}
        />
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
