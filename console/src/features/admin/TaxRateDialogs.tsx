import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { addToList } from '../../app/apollo/list-updates';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { isDecimalInput } from '../../shared/money';

export const AddTaxRateMutation = graphql(`
  mutation AddTaxRate($input: TaxRateInput!) {
    addTaxRate(input: $input) {
      ...TaxRateForTaxRatesPanel
    }
  }
`);

export const EndTaxRateMutation = graphql(`
  mutation EndTaxRate($id: ID!, $effectiveTo: Date!) {
    endTaxRate(id: $id, effectiveTo: $effectiveTo) {
      ...TaxRateForTaxRatesPanel
    }
  }
`);

/** The line kinds a tax can apply to, as the bill names them. */
export const TAXABLE_KINDS = [
  { kind: 'USAGE', label: 'Usage' },
  { kind: 'FIXED', label: 'Fixed charge' },
  { kind: 'CREDIT', label: 'Credits (reduce the base)' },
  { kind: 'FEE', label: 'Late fees' },
  { kind: 'CHARGE', label: 'One-off charges (those added as taxable)' },
] as const;
type TaxableKind = (typeof TAXABLE_KINDS)[number]['kind'];

const TAX_KEY = /^[A-Za-z0-9_]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface TaxRateDraft {
  zone: string;
  code: string;
  name: string;
  percent: string;
  appliesTo: TaxableKind[];
  effectiveFrom: string;
  effectiveTo: string;
}

/** Checks a draft as the hub will, so most mistakes are named before the round trip. */
export function taxRateProblem(d: TaxRateDraft): string | null {
  if (!TAX_KEY.test(d.zone.trim())) return 'Zone: letters, digits and _ only, such as NORTHVILLE.';
  if (!TAX_KEY.test(d.code.trim())) return 'Code: letters, digits and _ only, such as STATE or CITY_UTILITY.';
  if (!d.name.trim()) return 'Name the tax as the bill shows it.';
  if (!isDecimalInput(d.percent) || Number(d.percent) > 100) return 'Percent: a number from 0 to 100, such as 6.25.';
  if (d.appliesTo.length === 0) return 'Choose at least one kind of line the tax applies to.';
  if (!DATE.test(d.effectiveFrom)) return 'Effective from: a date.';
  if (d.effectiveTo && (!DATE.test(d.effectiveTo) || d.effectiveTo <= d.effectiveFrom)) return 'Effective to must be after effective from.';
  return null;
}

/** Adds a rate to a zone (a new zone is simply a zone that has rates); the answer joins the list, which the panel orders and filters. */
export function AddTaxRateDialog({ initial, onClose }: { initial: TaxRateDraft; onClose(): void }) {
  const { toast } = useToast();
  const [d, setD] = useState(initial);
  const [problem, setProblem, onEdit] = useFormProblem();
  const [add, { loading }] = useMutation(AddTaxRateMutation, {
    update: (cache, { data }) => {
      if (data) addToList(cache, { fieldName: 'taxRates' }, data.addTaxRate);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = taxRateProblem(d);
    setProblem(local);
    if (local) return;
    try {
      await add({
        variables: {
          input: {
            zone: d.zone.trim(),
            code: d.code.trim(),
            name: d.name.trim(),
            percent: d.percent.trim(),
            appliesTo: d.appliesTo,
            effectiveFrom: d.effectiveFrom,
            effectiveTo: d.effectiveTo || null,
          },
        },
      });
      toast({
        title: `${d.zone.trim()} ${d.code.trim()} at ${d.percent.trim()}% added`,
        detail: 'Invoices from the next bill run use it.',
        tone: 'success',
      });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  const toggle = (kind: TaxableKind, on: boolean) =>
    setD({ ...d, appliesTo: on ? [...d.appliesTo, kind] : d.appliesTo.filter((k) => k !== kind) });

  return (
    <Modal
      title="Add a tax rate"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="tax-rate-form" className="button button-primary" disabled={loading}>
            {loading ? 'Adding…' : 'Add rate'}
          </button>
        </>
      }
    >
      <form id="tax-rate-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="Zone">
          <input value={d.zone} onChange={(e) => setD({ ...d, zone: e.target.value.toUpperCase() })} />
        </Field>
        <Field label="Code">
          <input value={d.code} onChange={(e) => setD({ ...d, code: e.target.value.toUpperCase() })} />
        </Field>
        <Field label="Name" hint="As the bill shows it, e.g. State sales tax.">
          <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
        </Field>
        <Field label="Percent">
          <input inputMode="decimal" value={d.percent} onChange={(e) => setD({ ...d, percent: e.target.value })} />
        </Field>
        <Field label="Effective from" hint="First day of service it taxes.">
          <input type="date" value={d.effectiveFrom} onChange={(e) => setD({ ...d, effectiveFrom: e.target.value })} />
        </Field>
        <Field label="Effective to" hint="The day after the last day; empty: no end.">
          <input type="date" value={d.effectiveTo} onChange={(e) => setD({ ...d, effectiveTo: e.target.value })} />
        </Field>
        <fieldset className="form-span">
          <legend className="field-label">Applies to</legend>
          {TAXABLE_KINDS.map(({ kind, label }) => (
            <label key={kind} className="checkbox">
              <input type="checkbox" checked={d.appliesTo.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} /> {label}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p className="notice notice-danger form-span" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}

/** Ends a rate (or moves its end): the answer updates the rate in the cache. */
export function EndTaxRateDialog({
  rate,
  onClose,
}: {
  rate: { id: string; zone: string; code: string; percent: string; effectiveFrom: string };
  onClose(): void;
}) {
  const { toast } = useToast();
  const [effectiveTo, setEffectiveTo] = useState(todayIso() > rate.effectiveFrom ? todayIso() : '');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [end, { loading }] = useMutation(EndTaxRateMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!DATE.test(effectiveTo) || effectiveTo <= rate.effectiveFrom)
      return setProblem(`Choose a day after ${formatDate(rate.effectiveFrom)}, when the rate started.`);
    try {
      await end({ variables: { id: rate.id, effectiveTo } });
      toast({ title: `${rate.zone} ${rate.code} ends ${formatDate(effectiveTo)}`, tone: 'success' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`End ${rate.zone} ${rate.code} (${rate.percent}%)`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="end-tax-rate-form" className="button button-primary" disabled={loading}>
            {loading ? 'Saving…' : 'End rate'}
          </button>
        </>
      }
    >
      <form id="end-tax-rate-form" className="stack" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="First day no longer taxed" hint="Invoices already made keep their taxes.">
          <input type="date" value={effectiveTo} onChange={(e) => setEffectiveTo(e.target.value)} />
        </Field>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
