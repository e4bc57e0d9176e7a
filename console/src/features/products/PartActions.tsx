import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@apollo/client/react';
import { Field } from '../../shared/components/Field';
import { ActionFooter, Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { formatDate } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { formatDecimal } from '../../shared/money';
import { PromoFields, RateFields } from './DraftFields';
import {
  DeactivatePromoCodeMutation,
  EndRateMutation,
  RemoveIncentiveMutation,
  RemoveRateMutation,
  UpdatePromoCodeMutation,
  UpdateRateMutation,
} from './part-operations';
import { promoDraftOf, rateDraftOf, toPromoInput, toRateInput, validatePromo, validateRate, type DraftErrors } from './product-form';

/** The product the edits apply to: they are made from this version, and a CONFLICT reloads it. */
export interface EditedProduct {
  version: number;
  unit: string;
  /** Reads the product again, after someone else changed it. */
  reload(): void;
}

interface RateRow {
  id: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  unitPrice: string;
  tiers?: ReadonlyArray<{ upTo?: string | null; unitPrice: string }>;
  registerPrices?: ReadonlyArray<{ register: string; unitPrice: string }>;
  billed: boolean;
}

interface PromoRow {
  id: string;
  code: string;
  description?: string | null;
  percentOff?: string | null;
  amountOff?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  maxRedemptions?: number | null;
  redemptions: number;
  active: boolean;
}

/**
 * A dialog running one edit. The hub's refusal is shown in place, in its words
 * (it says what to do instead); a CONFLICT also reloads the product, so the
 * operator decides again on what it is now.
 */
function EditDialog({
  title,
  confirm,
  danger,
  product,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  confirm: string;
  danger?: boolean;
  product: EditedProduct;
  /** Runs the edit; returns the toast to show, or a problem found before asking the hub. */
  onSubmit(): Promise<{ done: string } | { problem: string } | null>;
  onClose(): void;
  children: ReactNode;
}) {
  const formId = useId();
  const { toast } = useToast();
  const [problem, setProblem, onEdit] = useFormProblem();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await onSubmit();
      if (outcome && 'problem' in outcome) return setProblem(outcome.problem);
      if (outcome) toast({ title: outcome.done, tone: 'success' });
      onClose();
    } catch (e) {
      const { message, code } = describeError(e);
      setProblem(code === 'CONFLICT' ? `${message}. The product has been reloaded: check it and try again.` : message);
      if (code === 'CONFLICT') product.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={<ActionFooter back="Cancel" action={confirm} busy={busy} danger={danger} form={formId} onBack={onClose} />}
    >
      <form id={formId} className="stack" onSubmit={submit} onChange={onEdit} noValidate aria-label={title}>
        {children}
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}

const period = (from: string, to?: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'open-ended'}`;

/** A rate no invoice used can be changed or removed; a billed one can only be ended. */
export function RateActions({ rate, product }: { rate: RateRow; product: EditedProduct }) {
  const [dialog, setDialog] = useState<'edit' | 'remove' | 'end' | null>(null);
  const [draft, setDraft] = useState(() => rateDraftOf(rate));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [endOn, setEndOn] = useState(rate.effectiveTo ?? '');
  const [update] = useMutation(UpdateRateMutation);
  const [remove] = useMutation(RemoveRateMutation);
  const [end] = useMutation(EndRateMutation);
  const expectedVersion = product.version;
  const label = `${period(rate.effectiveFrom, rate.effectiveTo)} at ${formatDecimal(rate.unitPrice)}`;
  const close = () => setDialog(null);

  return (
    <span className="button-row">
      {rate.billed ? (
        <>
          <span className="chip chip-neutral" title="An invoice used this rate: it can only be ended">
            billed
          </span>
          <button type="button" className="button button-small" onClick={() => setDialog('end')} aria-label={`End rate ${label}`}>
            End…
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="button button-small"
            aria-label={`Edit rate ${label}`}
            onClick={() => {
              setDraft(rateDraftOf(rate));
              setErrors({});
              setDialog('edit');
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-small button-danger-outline"
            aria-label={`Remove rate ${label}`}
            onClick={() => setDialog('remove')}
          >
            Remove
          </button>
        </>
      )}
      {dialog === 'edit' && (
        <EditDialog
          title="Edit rate"
          confirm="Save rate"
          product={product}
          onClose={close}
          onSubmit={async () => {
            const found = validateRate(draft);
            setErrors(found);
            if (Object.keys(found).length) return { problem: 'Some fields need attention.' };
            await update({ variables: { id: rate.id, input: toRateInput(draft), expectedVersion } });
            return { done: 'Rate saved' };
          }}
        >
          <p className="muted">No invoice used this rate yet, so it can still be changed.</p>
          <RateFields label="Rate" value={draft} onChange={setDraft} errors={errors} prefix="" />
        </EditDialog>
      )}
      {dialog === 'remove' && (
        <EditDialog
          title="Remove rate"
          confirm="Remove rate"
          danger
          product={product}
          onClose={close}
          onSubmit={async () => {
            await remove({ variables: { id: rate.id, expectedVersion } });
            return { done: 'Rate removed' };
          }}
        >
          <p>
            Remove the rate {label} per {product.unit}? Days it leaves without a rate cannot be billed until another rate covers them.
          </p>
        </EditDialog>
      )}
      {dialog === 'end' && (
        <EditDialog
          title="End rate"
          confirm="End rate"
          product={product}
          onClose={close}
          onSubmit={async () => {
            if (!endOn) return { problem: 'Choose the first day the rate no longer covers.' };
            await end({ variables: { id: rate.id, effectiveTo: endOn, expectedVersion } });
            return { done: `Rate ends on ${formatDate(endOn)}` };
          }}
        >
          <p className="muted">
            Invoices used the rate {label}, so it stays as billed. It can end on a day after its last billed day; add the new rate from that
            same day.
          </p>
          <Field label="Ends on (first day not covered)">
            <input type="date" value={endOn} min={rate.effectiveFrom} onChange={(e) => setEndOn(e.target.value)} autoFocus />
          </Field>
        </EditDialog>
      )}
    </span>
  );
}

/** A promo code no enrollment redeemed can be changed; any active code can be deactivated. */
export function PromoActions({ promo, product }: { promo: PromoRow; product: EditedProduct }) {
  const [dialog, setDialog] = useState<'edit' | 'deactivate' | null>(null);
  const [draft, setDraft] = useState(() => promoDraftOf(promo));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [update] = useMutation(UpdatePromoCodeMutation);
  const [deactivate] = useMutation(DeactivatePromoCodeMutation);
  const expectedVersion = product.version;
  const one = promo.redemptions === 1;
  const kept =
    promo.redemptions === 0
      ? 'No customer has redeemed it yet.'
      : `The ${promo.redemptions} customer${one ? '' : 's'} who redeemed it keep${one ? 's' : ''} the discount.`;
  const close = () => setDialog(null);

  return (
    <span className="button-row">
      {!promo.active && <span className="chip chip-neutral">deactivated</span>}
      {promo.redemptions === 0 && (
        <button
          type="button"
          className="button button-small"
          aria-label={`Edit promo code ${promo.code}`}
          onClick={() => {
            setDraft(promoDraftOf(promo));
            setErrors({});
            setDialog('edit');
          }}
        >
          Edit
        </button>
      )}
      {promo.active && (
        <button
          type="button"
          className="button button-small button-danger-outline"
          aria-label={`Deactivate promo code ${promo.code}`}
          onClick={() => setDialog('deactivate')}
        >
          Deactivate
        </button>
      )}
      {dialog === 'edit' && (
        <EditDialog
          title={`Edit promo code ${promo.code}`}
          confirm="Save promo code"
          product={product}
          onClose={close}
          onSubmit={async () => {
            const found = validatePromo(draft);
            setErrors(found);
            if (Object.keys(found).length) return { problem: 'Some fields need attention.' };
            await update({ variables: { id: promo.id, input: toPromoInput(draft), expectedVersion } });
            return { done: 'Promo code saved' };
          }}
        >
          <p className="muted">No enrollment has redeemed this code yet, so its terms can still change.</p>
          <PromoFields label="Promo code" value={draft} onChange={setDraft} errors={errors} prefix="" />
        </EditDialog>
      )}
      {dialog === 'deactivate' && (
        <EditDialog
          title={`Deactivate promo code ${promo.code}`}
          confirm="Deactivate"
          danger
          product={product}
          onClose={close}
          onSubmit={async () => {
            await deactivate({ variables: { id: promo.id, expectedVersion } });
            return { done: `${promo.code} deactivated` };
          }}
        >
          <p>
            No new enrollment will be able to use {promo.code}. {kept} This cannot be undone.
          </p>
        </EditDialog>
      )}
    </span>
  );
}

/** Removing an incentive stops it for first invoices still to come; invoices that granted it keep it. */
export function RemoveIncentive({ incentive, product }: { incentive: { id: string; description: string }; product: EditedProduct }) {
  const [confirming, setConfirming] = useState(false);
  const [remove] = useMutation(RemoveIncentiveMutation);
  return (
    <>
      <button
        type="button"
        className="button button-small button-danger-outline"
        aria-label={`Remove incentive ${incentive.description}`}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
      {confirming && (
        <EditDialog
          title="Remove incentive"
          confirm="Remove incentive"
          danger
          product={product}
          onClose={() => setConfirming(false)}
          onSubmit={async () => {
            await remove({ variables: { id: incentive.id, expectedVersion: product.version } });
            return { done: 'Incentive removed' };
          }}
        >
          <p>
            Remove “{incentive.description}”? New customers no longer get it on their first invoice; invoices that already granted it keep
            it.
          </p>
        </EditDialog>
      )}
    </>
  );
}
