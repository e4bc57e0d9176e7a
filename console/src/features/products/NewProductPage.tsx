import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Link, navigate } from '../../app/router';
import { Field } from '../../shared/components/Field';
import { Card, PageHeader } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { IncentiveFields, PromoFields, RateFields } from './DraftFields';
import {
  emptyIncentive,
  emptyProduct,
  emptyPromo,
  emptyRate,
  toCreateInput,
  validateProduct,
  type DraftErrors,
  type ProductDraft,
} from './product-form';

export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      code
      name
      status
      version
    }
  }
`);

export const PublishProductMutation = graphql(`
  mutation PublishProduct($id: ID!, $salesStart: Date) {
    publishProduct(id: $id, salesStart: $salesStart) {
      id
      ...ProductForProductPage
    }
  }
`);

type Launch = 'draft' | 'now' | 'date';

/** A new product with its rates, promo codes and incentives; launched now, on a date, or kept as a draft. */
export function NewProductPage() {
  const { toast } = useToast();
  const [draft, setDraft] = useState<ProductDraft>(emptyProduct);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [launch, setLaunch] = useState<Launch>('now');
  const [launchDate, setLaunchDate] = useState(todayIso());
  const [problem, setProblem, onEdit] = useFormProblem();
  const [create, creating] = useMutation(CreateProductMutation);
  const [publish, publishing] = useMutation(PublishProductMutation);
  const set = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = validateProduct(draft);
    if (launch === 'date' && !launchDate) found.launchDate = 'Choose the launch day.';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem('Some fields need attention before the product can be created.');
      return;
    }
    let createdId: string | null = null;
    try {
      const { data } = await create({ variables: { input: toCreateInput(draft) } });
      createdId = data?.createProduct.id ?? null;
      if (createdId && launch !== 'draft') {
        await publish({ variables: { id: createdId, salesStart: launch === 'date' ? launchDate : null } });
      }
      toast({
        title: `Product ${draft.code} created`,
        detail: launch === 'draft' ? 'Kept as a draft.' : launch === 'now' ? 'On sale from today.' : `Launches on ${launchDate}.`,
        tone: 'success',
      });
      if (createdId) navigate(`/products/${createdId}`);
    } catch (e) {
      const { message } = describeError(e);
      // Created but not published: say so and open it, rather than inviting a second create.
      if (createdId) {
        toast({ title: `Product ${draft.code} created as a draft`, detail: `Publishing failed: ${message}`, tone: 'danger' });
        navigate(`/products/${createdId}`);
      } else setProblem(message);
    }
  };

  const busy = creating.loading || publishing.loading;

  return (
    <form onSubmit={submit} onChange={onEdit} noValidate>
      <PageHeader
        back={<Link to="/products">← Products</Link>}
        title="New product"
        subtitle="Rates of one product never overlap; a gap blocks billing of the days it leaves uncovered."
        actions={
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : launch === 'draft' ? 'Create draft' : launch === 'now' ? 'Create and publish' : 'Create and schedule'}
          </button>
        }
      />
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
      <div className="stack">
        <Card title="Product">
          <div className="form-grid">
            <Field label="Code" hint="How partners and enrollments name it." error={errors.code}>
              <input value={draft.code} onChange={(e) => set('code', e.target.value.toUpperCase())} placeholder="GREEN-12" autoFocus />
            </Field>
            <Field label="Name" error={errors.name}>
              <input value={draft.name} onChange={(e) => set('name', e.target.value)} placeholder="Green Saver 12" />
            </Field>
            <Field label="Unit" error={errors.unit}>
              <input value={draft.unit} onChange={(e) => set('unit', e.target.value)} />
            </Field>
            <Field label="Fixed charge per invoice" error={errors.fixedCharge}>
              <input inputMode="decimal" value={draft.fixedCharge} onChange={(e) => set('fixedCharge', e.target.value)} />
            </Field>
            <Field label="Term (months)" hint="Empty for no term." error={errors.termMonths}>
              <input inputMode="numeric" value={draft.termMonths} onChange={(e) => set('termMonths', e.target.value)} />
            </Field>
            <Field label="Description" className="field-span">
              <textarea rows={2} value={draft.description} onChange={(e) => set('description', e.target.value)} />
            </Field>
          </div>
        </Card>

        <Card
          title="Rates"
          actions={
            <button type="button" className="button button-small" onClick={() => set('rates', [...draft.rates, emptyRate()])}>
              Add rate
            </button>
          }
        >
          {draft.rates.length === 0 && (
            <p className="muted small">Without rates nothing can be billed: add at least one before customers use the product.</p>
          )}
          {draft.rates.map((r, i) => (
            <div key={i} className="draft-row">
              <RateFields
                label={`Rate ${i + 1}`}
                value={r}
                prefix={`rates.${i}.`}
                errors={errors}
                onChange={(next) =>
                  set(
                    'rates',
                    draft.rates.map((x, j) => (j === i ? next : x)),
                  )
                }
              />
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Remove rate ${i + 1}`}
                onClick={() =>
                  set(
                    'rates',
                    draft.rates.filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
        </Card>

        <Card
          title="Promo codes"
          actions={
            <button type="button" className="button button-small" onClick={() => set('promoCodes', [...draft.promoCodes, emptyPromo()])}>
              Add promo code
            </button>
          }
        >
          {draft.promoCodes.length === 0 && <p className="muted small">None.</p>}
          {draft.promoCodes.map((p, i) => (
            <div key={i} className="draft-row">
              <PromoFields
                label={`Promo code ${i + 1}`}
                value={p}
                prefix={`promoCodes.${i}.`}
                errors={errors}
                onChange={(next) =>
                  set(
                    'promoCodes',
                    draft.promoCodes.map((x, j) => (j === i ? next : x)),
                  )
                }
              />
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Remove promo code ${i + 1}`}
                onClick={() =>
                  set(
                    'promoCodes',
                    draft.promoCodes.filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
        </Card>

        <Card
          title="Incentives"
          actions={
            <button
              type="button"
              className="button button-small"
              onClick={() => set('incentives', [...draft.incentives, emptyIncentive()])}
            >
              Add incentive
            </button>
          }
        >
          {draft.incentives.length === 0 && <p className="muted small">None.</p>}
          {draft.incentives.map((x, i) => (
            <div key={i} className="draft-row">
              <IncentiveFields
                label={`Incentive ${i + 1}`}
                value={x}
                prefix={`incentives.${i}.`}
                errors={errors}
                onChange={(next) =>
                  set(
                    'incentives',
                    draft.incentives.map((y, j) => (j === i ? next : y)),
                  )
                }
              />
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Remove incentive ${i + 1}`}
                onClick={() =>
                  set(
                    'incentives',
                    draft.incentives.filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
        </Card>

        <Card title="Launch">
          <fieldset className="radio-group">
            <legend className="sr-only">When it goes on sale</legend>
            <label className="radio">
              <input type="radio" name="launch" checked={launch === 'now'} onChange={() => setLaunch('now')} /> Publish now (on sale from
              today)
            </label>
            <label className="radio">
              <input type="radio" name="launch" checked={launch === 'date'} onChange={() => setLaunch('date')} /> Publish on a date
            </label>
            {launch === 'date' && (
              <Field label="Launch day" hint="A past day is allowed for customers migrated from another system." error={errors.launchDate}>
                <input type="date" value={launchDate} onChange={(e) => setLaunchDate(e.target.value)} />
              </Field>
            )}
            <label className="radio">
              <input type="radio" name="launch" checked={launch === 'draft'} onChange={() => setLaunch('draft')} /> Keep as a draft
            </label>
          </fieldset>
        </Card>
      </div>
    </form>
  );
}
