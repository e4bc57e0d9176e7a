import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import type { UpdateProductInput } from '../../generated/graphql';
import { Field } from '../../shared/components/Field';
import { ActionFooter, Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { isMoneyInput } from '../../shared/money';
import { IncentiveFields, PromoFields, RateFields } from './DraftFields';
import {
  emptyIncentive,
  emptyPromo,
  emptyRate,
  toIncentiveInput,
  toPromoInput,
  toRateInput,
  validateIncentive,
  validatePromo,
  validateRate,
  type DraftErrors,
} from './product-form';

export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {
    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      ...ProductForProductPage
    }
  }
`);

export const AddRateMutation = graphql(`
  mutation AddRate($productId: ID!, $input: RateInput!) {
    addRate(productId: $productId, input: $input) {
      id
      ...ProductForProductPage
      ...ProductRatesForProductPage
    }
  }
`);

export const AddPromoCodeMutation = graphql(`
  mutation AddPromoCode($productId: ID!, $input: PromoCodeInput!) {
    addPromoCode(productId: $productId, input: $input) {
      id
      ...ProductForProductPage
      ...ProductPromoCodesForProductPage
    }
  }
`);

export const AddIncentiveMutation = graphql(`
  mutation AddIncentive($productId: ID!, $input: IncentiveInput!) {
    addIncentive(productId: $productId, input: $input) {
      id
      ...ProductForProductPage
      ...ProductIncentivesForProductPage
    }
  }
`);

export const RetireProductMutation = graphql(`
  mutation RetireProduct($id: ID!, $salesEnd: Date) {
    retireProduct(id: $id, salesEnd: $salesEnd) {
      id
      ...ProductForProductPage
    }
  }
`);

interface EditDraft {
  name: string;
  description: string;
  fixedCharge: string;
  termMonths: string;
}

interface Conflict {
  mine: number;
  message: string;
}

/** Edits the product's own fields against the version the operator started from. */
export function EditProduct({
  product,
  onDone,
  onConflict,
}: {
  product: { id: string; name: string; description: string | null; fixedCharge: string; termMonths: number | null; version: number };
  onDone(): void;
  /** Reads the product again so the page shows what the other person changed. */
  onConflict(): void;
}) {
  const { toast } = useToast();
  // What the form started from: only the fields the operator changed are sent, so saving on top of
  // someone else's change keeps theirs.
  const [initial] = useState<EditDraft>(() => ({
    name: product.name,
    description: product.description ?? '',
    fixedCharge: product.fixedCharge,
    termMonths: product.termMonths ? String(product.termMonths) : '',
  }));
  const [draft, setDraft] = useState<EditDraft>(initial);
  // The version these edits are based on: saving fails with CONFLICT if someone changed the product since.
  const [baseVersion, setBaseVersion] = useState(product.version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problem, setProblem, onEdit] = useFormProblem();
  const [update, { loading }] = useMutation(UpdateProductMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!draft.name.trim()) return setProblem('The name cannot be empty.');
    if (!isMoneyInput(draft.fixedCharge)) return setProblem('Fixed charge: an amount such as 9.95, or 0.');
    if (draft.termMonths && !/^[1-9]\d*$/.test(draft.termMonths)) return setProblem('Term: whole months, or empty.');
    const input: UpdateProductInput = {};
    if (draft.name !== initial.name) input.name = draft.name.trim();
    if (draft.description !== initial.description) input.description = draft.description.trim() || null;
    if (draft.fixedCharge !== initial.fixedCharge) input.fixedCharge = draft.fixedCharge.trim();
    if (draft.termMonths !== initial.termMonths) input.termMonths = draft.termMonths ? Number(draft.termMonths) : null;
    if (Object.keys(input).length === 0) return setProblem('Nothing changed.');
    try {
      await update({ variables: { id: product.id, expectedVersion: baseVersion, input } });
      setConflict(null);
      toast({ title: 'Product saved', tone: 'success' });
      onDone();
    } catch (e) {
      const { message, code } = describeError(e);
      if (code === 'CONFLICT') {
        setConflict({ mine: baseVersion, message });
        onConflict();
      } else setProblem(message);
    }
  };

  return (
    <form className="stack" onSubmit={submit} onChange={onEdit} noValidate aria-label="Edit product">
      {conflict && (
        <div className="explain explain-warning" role="alert">
          <strong>Someone else changed this product while you were editing.</strong>
          <p>
            You started from version {conflict.mine}; it is now at version {product.version}. Nothing of yours was saved. The page shows
            their changes; your edits are still in this form. Check them against the current values, then save again to apply yours on top.
          </p>
          <p className="muted small">{conflict.message}</p>
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setBaseVersion(product.version);
                setConflict(null);
              }}
            >
              I checked: base my edits on version {product.version}
            </button>
          </div>
        </div>
      )}
      <div className="form-grid">
        <Field label="Name">
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label="Fixed charge per invoice">
          <input inputMode="decimal" value={draft.fixedCharge} onChange={(e) => setDraft({ ...draft, fixedCharge: e.target.value })} />
        </Field>
        <Field label="Term (months)">
          <input inputMode="numeric" value={draft.termMonths} onChange={(e) => setDraft({ ...draft, termMonths: e.target.value })} />
        </Field>
        <Field label="Description" className="field-span">
          <textarea rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </Field>
      </div>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={loading || conflict !== null}>
          {loading ? 'Saving…' : `Save (from version ${baseVersion})`}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function DateActionDialog({
  title,
  explain,
  label,
  confirm,
  danger,
  onSubmit,
  onClose,
}: {
  title: string;
  explain: string;
  label: string;
  confirm: string;
  danger?: boolean;
  onSubmit(date: string | null): Promise<void>;
  onClose(): void;
}) {
  const [date, setDate] = useState(todayIso());
  const [problem, setProblem, onEdit] = useFormProblem();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(date || null);
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={<ActionFooter back="Cancel" action={confirm} busy={busy} danger={danger} form="date-action-form" onBack={onClose} />}
    >
      <form id="date-action-form" className="stack" onSubmit={submit} onChange={onEdit}>
        <p className="muted">{explain}</p>
        <Field label={label} error={problem}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} autoFocus />
        </Field>
      </form>
    </Modal>
  );
}

export type AddKind = 'rate' | 'promo' | 'incentive';

export function AddPart({ kind, productId, onAdded }: { kind: AddKind; productId: string; onAdded(): void }) {
  const { toast } = useToast();
  const [rate, setRate] = useState(emptyRate);
  const [promo, setPromo] = useState(emptyPromo);
  const [incentive, setIncentive] = useState(emptyIncentive);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem, onEdit] = useFormProblem();
  const [addRate, a1] = useMutation(AddRateMutation);
  const [addPromo, a2] = useMutation(AddPromoCodeMutation);
  const [addIncentive, a3] = useMutation(AddIncentiveMutation);
  const busy = a1.loading || a2.loading || a3.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = kind === 'rate' ? validateRate(rate) : kind === 'promo' ? validatePromo(promo) : validateIncentive(incentive);
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      if (kind === 'rate') {
        await addRate({ variables: { productId, input: toRateInput(rate) } });
        setRate(emptyRate());
      } else if (kind === 'promo') {
        await addPromo({ variables: { productId, input: toPromoInput(promo) } });
        setPromo(emptyPromo());
      } else {
        await addIncentive({ variables: { productId, input: toIncentiveInput(incentive) } });
        setIncentive(emptyIncentive());
      }
      toast({ title: kind === 'rate' ? 'Rate added' : kind === 'promo' ? 'Promo code added' : 'Incentive added', tone: 'success' });
      onAdded();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  const label = kind === 'rate' ? 'Add rate' : kind === 'promo' ? 'Add promo code' : 'Add incentive';
  return (
    <form className="add-part" onSubmit={submit} onChange={onEdit} noValidate aria-label={label}>
      {kind === 'rate' && <RateFields label="New rate" value={rate} onChange={setRate} errors={errors} prefix="" />}
      {kind === 'promo' && <PromoFields label="New promo code" value={promo} onChange={setPromo} errors={errors} prefix="" />}
      {kind === 'incentive' && (
        <IncentiveFields label="New incentive" value={incentive} onChange={setIncentive} errors={errors} prefix="" />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {busy ? 'Adding…' : label}
        </button>
      </div>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
