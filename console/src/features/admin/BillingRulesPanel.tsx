import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { addToList } from '../../app/apollo/list-updates';
import { ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Money } from '../../shared/components/Money';
import { Card } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { formatDecimal, isDecimalInput, isMoneyInput } from '../../shared/money';

/** A segment's rules as the panel shows them; saving answers with them. */
export const BillingRulesForBillingRulesPanel = graphql(`
  fragment BillingRulesForBillingRulesPanel on BillingRules {
    segment
    highConsumptionFactor
    swingPercent
    maxInvoiceAmount
    paymentTermsDays
  }
`);

export const BillingRulesQuery = graphql(`
  query BillingRules {
    billingRules {
      segment
      ...BillingRulesForBillingRulesPanel
    }
  }
`);

export const SetBillingRulesMutation = graphql(`
  mutation SetBillingRules($input: BillingRulesInput!) {
    setBillingRules(input: $input) {
      segment
      ...BillingRulesForBillingRulesPanel
    }
  }
`);

interface RulesDraft {
  segment: string;
  highConsumptionFactor: string;
  swingPercent: string;
  maxInvoiceAmount: string;
  paymentTermsDays: string;
}

function RulesDialog({ initial, isNew, onClose }: { initial: RulesDraft; isNew: boolean; onClose(): void }) {
  const { toast } = useToast();
  const [d, setD] = useState(initial);
  const [problem, setProblem, onEdit] = useFormProblem();
  // The answer updates a segment's rules in the cache (they are keyed by segment); a new segment's joins the list, which the panel orders.
  const [save, { loading }] = useMutation(SetBillingRulesMutation, {
    update: (cache, { data }) => {
      if (data) addToList(cache, { fieldName: 'billingRules' }, data.setBillingRules);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (isNew && !d.segment.trim()) return setProblem('Name the segment these rules apply to.');
    if (!isDecimalInput(d.highConsumptionFactor)) return setProblem('High consumption factor: a number such as 2 or 2.5.');
    if (!isDecimalInput(d.swingPercent)) return setProblem('Bill swing: a percentage such as 50.');
    if (d.maxInvoiceAmount && !isMoneyInput(d.maxInvoiceAmount))
      return setProblem('Maximum invoice: an amount such as 5000, or empty for no limit.');
    if (!/^\d+$/.test(d.paymentTermsDays)) return setProblem('Payment terms: whole days.');
    try {
      await save({
        variables: {
          input: {
            segment: d.segment.trim() || null,
            highConsumptionFactor: d.highConsumptionFactor.trim(),
            swingPercent: d.swingPercent.trim(),
            maxInvoiceAmount: d.maxInvoiceAmount.trim() || null,
            paymentTermsDays: Number(d.paymentTermsDays),
          },
        },
      });
      toast({
        title: `Billing rules for ${d.segment.trim() || 'every other segment'} saved`,
        detail: 'They apply from the next bill run.',
        tone: 'success',
      });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={isNew ? 'Billing rules for a segment' : `Billing rules: ${initial.segment || 'default'}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="rules-form" className="button button-primary" disabled={loading}>
            {loading ? 'Saving…' : 'Save rules'}
          </button>
        </>
      }
    >
      <form id="rules-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        {isNew && (
          <Field label="Segment">
            <input value={d.segment} onChange={(e) => setD({ ...d, segment: e.target.value.toUpperCase() })} />
          </Field>
        )}
        <Field label="High consumption factor" hint="Held when daily usage exceeds this many times the recent average.">
          <input
            inputMode="decimal"
            value={d.highConsumptionFactor}
            onChange={(e) => setD({ ...d, highConsumptionFactor: e.target.value })}
          />
        </Field>
        <Field label="Bill swing (%)" hint="Held when the total moves more than this from the previous bill.">
          <input inputMode="decimal" value={d.swingPercent} onChange={(e) => setD({ ...d, swingPercent: e.target.value })} />
        </Field>
        <Field label="Maximum invoice" hint="Empty: no limit.">
          <input inputMode="decimal" value={d.maxInvoiceAmount} onChange={(e) => setD({ ...d, maxInvoiceAmount: e.target.value })} />
        </Field>
        <Field label="Payment terms (days)">
          <input inputMode="numeric" value={d.paymentTermsDays} onChange={(e) => setD({ ...d, paymentTermsDays: e.target.value })} />
        </Field>
        {problem && (
          <p className="notice notice-danger form-span" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}

/** The threshold tests every computed invoice passes, per segment. */
export function BillingRulesPanel() {
  const { data, loading, error, refetch } = useQuery(BillingRulesQuery, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<{ draft: RulesDraft; isNew: boolean } | null>(null);
  const rules = [...getFragmentData(BillingRulesForBillingRulesPanel, data?.billingRules ?? [])].sort((a, b) =>
    a.segment === null ? -1 : b.segment === null ? 1 : a.segment.localeCompare(b.segment),
  );
  const defaults = rules.find((r) => r.segment === null);

  return (
    <Card
      title="Billing rules"
      actions={
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setEditing({
              isNew: true,
              draft: {
                segment: '',
                highConsumptionFactor: defaults?.highConsumptionFactor ?? '2',
                swingPercent: defaults?.swingPercent ?? '50',
                maxInvoiceAmount: defaults?.maxInvoiceAmount ?? '',
                paymentTermsDays: String(defaults?.paymentTermsDays ?? 21),
              },
            })
          }
        >
          Rules for a segment
        </button>
      }
    >
      <ErrorNotice error={error} title="Could not load billing rules" onRetry={() => void refetch()} />
      <table className="table">
        <caption className="sr-only">Billing rules per segment</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col" className="num">
              High consumption ×
            </th>
            <th scope="col" className="num">
              Bill swing
            </th>
            <th scope="col" className="num">
              Maximum invoice
            </th>
            <th scope="col" className="num">
              Terms
            </th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {loading && !data ? (
          <TableSkeleton columns={6} rows={2} />
        ) : (
          <tbody>
            {rules.map((r) => (
              <tr key={r.segment ?? 'default'}>
                <td>{r.segment ?? <span className="strong">Default (every other segment)</span>}</td>
                <td className="num">{formatDecimal(r.highConsumptionFactor)}×</td>
                <td className="num">{formatDecimal(r.swingPercent)}%</td>
                <td className="num">
                  {r.maxInvoiceAmount ? <Money value={r.maxInvoiceAmount} /> : <span className="muted">no limit</span>}
                </td>
                <td className="num">{r.paymentTermsDays} days</td>
                <td className="num">
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    aria-label={`Edit rules for ${r.segment ?? 'default'}`}
                    onClick={() =>
                      setEditing({
                        isNew: false,
                        draft: {
                          segment: r.segment ?? '',
                          highConsumptionFactor: r.highConsumptionFactor,
                          swingPercent: r.swingPercent,
                          maxInvoiceAmount: r.maxInvoiceAmount ?? '',
                          paymentTermsDays: String(r.paymentTermsDays),
                        },
                      })
                    }
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        )}
      </table>
      {editing && <RulesDialog initial={editing.draft} isNew={editing.isNew} onClose={() => setEditing(null)} />}
    </Card>
  );
}
