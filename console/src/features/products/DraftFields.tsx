import type { IncentiveKind } from '../../generated/graphql';
import { Field } from '../../shared/components/Field';
import type { DraftErrors, IncentiveDraft, PromoDraft, RateDraft } from './product-form';
import { RateStructureFields } from './RateStructureFields';

const INCENTIVE_KINDS: Array<[IncentiveKind, string]> = [
  ['BILL_CREDIT', 'Bill credit (on the first invoice)'],
  ['GIFT_CARD', 'Gift card'],
  ['BUNDLE', 'Bundle'],
  ['OTHER', 'Other'],
];

export function RateFields({
  value,
  onChange,
  errors,
  prefix,
  label,
}: {
  value: RateDraft;
  onChange(next: RateDraft): void;
  errors: DraftErrors;
  prefix: string;
  label: string;
}) {
  return (
    <fieldset className="row-fields">
      <legend className="sr-only">{label}</legend>
      <Field label="From" error={errors[`${prefix}effectiveFrom`]}>
        <input type="date" value={value.effectiveFrom} onChange={(e) => onChange({ ...value, effectiveFrom: e.target.value })} />
      </Field>
      <Field label="Until (exclusive)" hint="Empty: open-ended" error={errors[`${prefix}effectiveTo`]}>
        <input type="date" value={value.effectiveTo} onChange={(e) => onChange({ ...value, effectiveTo: e.target.value })} />
      </Field>
      {value.tiers.length === 0 && (
        <Field label="Unit price" error={errors[`${prefix}unitPrice`]}>
          <input
            inputMode="decimal"
            placeholder="0.1325"
            value={value.unitPrice}
            onChange={(e) => onChange({ ...value, unitPrice: e.target.value })}
          />
        </Field>
      )}
      <RateStructureFields value={value} onChange={onChange} errors={errors} prefix={prefix} />
    </fieldset>
  );
}

export function PromoFields({
  value,
  onChange,
  errors,
  prefix,
  label,
}: {
  value: PromoDraft;
  onChange(next: PromoDraft): void;
  errors: DraftErrors;
  prefix: string;
  label: string;
}) {
  return (
    <fieldset className="row-fields row-fields-wide">
      <legend className="sr-only">{label}</legend>
      <Field label="Code" error={errors[`${prefix}code`]}>
        <input value={value.code} placeholder="WELCOME10" onChange={(e) => onChange({ ...value, code: e.target.value.toUpperCase() })} />
      </Field>
      <Field label="Discount">
        <select value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as PromoDraft['kind'] })}>
          <option value="percent">% off usage</option>
          <option value="amount">Amount off (once)</option>
        </select>
      </Field>
      <Field label={value.kind === 'percent' ? 'Percent' : 'Amount'} error={errors[`${prefix}value`]}>
        <input inputMode="decimal" value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      </Field>
      <Field label="Valid from">
        <input type="date" value={value.validFrom} onChange={(e) => onChange({ ...value, validFrom: e.target.value })} />
      </Field>
      <Field label="Valid until" error={errors[`${prefix}validTo`]}>
        <input type="date" value={value.validTo} onChange={(e) => onChange({ ...value, validTo: e.target.value })} />
      </Field>
      <Field label="Max redemptions" error={errors[`${prefix}maxRedemptions`]}>
        <input
          inputMode="numeric"
          placeholder="no limit"
          value={value.maxRedemptions}
          onChange={(e) => onChange({ ...value, maxRedemptions: e.target.value })}
        />
      </Field>
      <Field label="Description" className="field-span">
        <input value={value.description} onChange={(e) => onChange({ ...value, description: e.target.value })} />
      </Field>
    </fieldset>
  );
}

export function IncentiveFields({
  value,
  onChange,
  errors,
  prefix,
  label,
}: {
  value: IncentiveDraft;
  onChange(next: IncentiveDraft): void;
  errors: DraftErrors;
  prefix: string;
  label: string;
}) {
  return (
    <fieldset className="row-fields">
      <legend className="sr-only">{label}</legend>
      <Field label="Kind">
        <select value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as IncentiveKind })}>
          {INCENTIVE_KINDS.map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Description" error={errors[`${prefix}description`]}>
        <input
          value={value.description}
          placeholder="$50 welcome credit"
          onChange={(e) => onChange({ ...value, description: e.target.value })}
        />
      </Field>
      <Field label="Value" error={errors[`${prefix}value`]}>
        <input inputMode="decimal" value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      </Field>
    </fieldset>
  );
}
