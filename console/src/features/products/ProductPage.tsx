import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { UpdateProductInput } from '../../generated/graphql';
import { Link, useLocation } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Money } from '../../shared/components/Money';
import { Card, Facts, PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, formatDateTime, todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { formatDecimal, isMoneyInput } from '../../shared/money';
import { RatePrices } from './RatePrices';
import { IncentiveFields, PromoFields, RateFields } from './DraftFields';
import { PromoActions, RateActions, RemoveIncentive, type EditedProduct } from './PartActions';
import { PublishProductMutation } from './NewProductPage';
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

/** What the page shows of a product's rates, promo codes and incentives; the mutations that add one return it, so the page updates. */
export const ProductRatesForProductPage = graphql(`
  fragment ProductRatesForProductPage on Product {
    rates {
      id
      effectiveFrom
      effectiveTo
      unitPrice
      tiers {
        upTo
        unitPrice
      }
      registerPrices {
        register
        unitPrice
      }
      billed
    }
  }
`);

export const ProductPromoCodesForProductPage = graphql(`
  fragment ProductPromoCodesForProductPage on Product {
    promoCodes {
      id
      code
      description
      percentOff
      amountOff
      validFrom
      validTo
      maxRedemptions
      redemptions
      active
    }
  }
`);

export const ProductIncentivesForProductPage = graphql(`
  fragment ProductIncentivesForProductPage on Product {
    incentives {
      id
      kind
      description
      value
    }
  }
`);

export const ProductDetailQuery = graphql(`
  query ProductDetail($id: ID!) {
    product(id: $id) {
      id
      code
      name
      description
      unit
      status
      salesStart
      salesEnd
      termMonths
      fixedCharge
      version
      createdAt
      updatedAt
      ...ProductRatesForProductPage
      ...ProductPromoCodesForProductPage
      ...ProductIncentivesForProductPage
    }
  }
`);

export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {
    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      name
      description
      fixedCharge
      termMonths
      salesStart
      salesEnd
      version
      updatedAt
    }
  }
`);

export const AddRateMutation = graphql(`
  mutation AddRate($productId: ID!, $input: RateInput!) {
    addRate(productId: $productId, input: $input) {
      id
      version
      ...ProductRatesForProductPage
    }
  }
`);

export const AddPromoCodeMutation = graphql(`
  mutation AddPromoCode($productId: ID!, $input: PromoCodeInput!) {
    addPromoCode(productId: $productId, input: $input) {
      id
      version
      ...ProductPromoCodesForProductPage
    }
  }
`);

export const AddIncentiveMutation = graphql(`
  mutation AddIncentive($productId: ID!, $input: IncentiveInput!) {
    addIncentive(productId: $productId, input: $input) {
      id
      version
      ...ProductIncentivesForProductPage
    }
  }
`);

export const RetireProductMutation = graphql(`
  mutation RetireProduct($id: ID!, $salesEnd: Date) {
    retireProduct(id: $id, salesEnd: $salesEnd) {
      id
      status
      salesEnd
      version
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
function EditProduct({
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
  const [problem, setProblem] = useState<string | null>(null);
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
    <form className="stack" onSubmit={submit} noValidate aria-label="Edit product">
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

function DateActionDialog({
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
  const [problem, setProblem] = useState<string | null>(null);
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
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="date-action-form" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={busy}>
            {busy ? 'Working…' : confirm}
          </button>
        </>
      }
    >
      <form id="date-action-form" className="stack" onSubmit={submit}>
        <p className="muted">{explain}</p>
        <Field label={label} error={problem}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} autoFocus />
        </Field>
      </form>
    </Modal>
  );
}

type AddKind = 'rate' | 'promo' | 'incentive';

function AddPart({ kind, productId, onAdded }: { kind: AddKind; productId: string; onAdded(): void }) {
  const { toast } = useToast();
  const [rate, setRate] = useState(emptyRate);
  const [promo, setPromo] = useState(emptyPromo);
  const [incentive, setIncentive] = useState(emptyIncentive);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
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
    <form className="add-part" onSubmit={submit} noValidate aria-label={label}>
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

/** One product: its terms, rates, promo codes and incentives; edit, publish and retire. */
export function ProductPage({ id }: { id: string }) {
  const { search } = useLocation();
  const fixRates = search.get('fix') === 'rates';
  const { toast } = useToast();
  const { data, loading, error, refetch } = useQuery(ProductDetailQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'publish' | 'retire' | null>(null);
  const [adding, setAdding] = useState<AddKind | null>(fixRates ? 'rate' : null);
  const [publish] = useMutation(PublishProductMutation);
  const [retire] = useMutation(RetireProductMutation);
  const ratesRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (fixRates && data) ratesRef.current?.scrollIntoView?.({ block: 'center' });
  }, [fixRates, data]);

  if (loading && !data) return <Loading label="Loading the product…" />;
  if (error && !data) return <ErrorNotice error={error} title="Could not load the product" onRetry={() => void refetch()} />;
  const product = data?.product;
  if (!product) {
    return (
      <EmptyState title={`Product ${id} not found`}>
        <Link to="/products">All products</Link>
      </EmptyState>
    );
  }
  const rates = [...getFragmentData(ProductRatesForProductPage, product).rates].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : 1,
  );
  const { promoCodes } = getFragmentData(ProductPromoCodesForProductPage, product);
  const { incentives } = getFragmentData(ProductIncentivesForProductPage, product);
  const edited: EditedProduct = { version: product.version, unit: product.unit, reload: () => void refetch() };

  return (
    <>
      <PageHeader
        back={<Link to="/products">← Products</Link>}
        title={
          <>
            {product.name} <StatusChip status={product.status} />
          </>
        }
        subtitle={
          <>
            <code>{product.code}</code> · per {product.unit} · version {product.version} · updated {formatDateTime(product.updatedAt)}
          </>
        }
        actions={
          <>
            {!editing && (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
            {product.status === 'DRAFT' && (
              <button type="button" className="button button-primary" onClick={() => setDialog('publish')}>
                Publish
              </button>
            )}
            {product.status === 'ACTIVE' && (
              <button type="button" className="button button-danger-outline" onClick={() => setDialog('retire')}>
                Retire
              </button>
            )}
          </>
        }
      />

      {fixRates && (
        <div className="explain explain-danger">
          <strong>Billing is blocked for days without a rate.</strong>
          <p>
            Add a rate that covers the missing days (see the blocked account&apos;s period). The next bill run bills the usage and resolves
            the exception.
          </p>
        </div>
      )}

      <div className="grid grid-main-side">
        <div className="stack">
          {editing && (
            <Card title="Edit product">
              <EditProduct product={product} onDone={() => setEditing(false)} onConflict={() => void refetch()} />
            </Card>
          )}
          <div ref={ratesRef}>
            <Card
              title="Rates"
              actions={
                adding !== 'rate' && (
                  <button type="button" className="button button-small" onClick={() => setAdding('rate')}>
                    Add rate
                  </button>
                )
              }
            >
              {rates.length === 0 ? (
                <p className="muted">No rates: usage of this product cannot be billed.</p>
              ) : (
                <table className="table table-compact">
                  <caption className="sr-only">Rates</caption>
                  <thead>
                    <tr>
                      <th scope="col">From</th>
                      <th scope="col">Until</th>
                      <th scope="col" className="num">
                        Price per {product.unit}
                      </th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rates.map((r) => (
                      <tr key={r.id}>
                        <td>{formatDate(r.effectiveFrom)}</td>
                        <td>{r.effectiveTo ? formatDate(r.effectiveTo) : <span className="muted">open-ended</span>}</td>
                        <td className="num">
                          <RatePrices rate={r} unit={product.unit} />
                        </td>
                        <td>
                          <RateActions rate={r} product={edited} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {adding === 'rate' && <AddPart kind="rate" productId={product.id} onAdded={() => setAdding(null)} />}
            </Card>
          </div>
          <Card
            title="Promo codes"
            actions={
              adding !== 'promo' && (
                <button type="button" className="button button-small" onClick={() => setAdding('promo')}>
                  Add promo code
                </button>
              )
            }
          >
            {promoCodes.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <table className="table table-compact">
                <caption className="sr-only">Promo codes</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Discount</th>
                    <th scope="col">Valid</th>
                    <th scope="col" className="num">
                      Redeemed
                    </th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {promoCodes.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <code>{p.code}</code>
                        {p.description && <div className="muted small">{p.description}</div>}
                      </td>
                      <td>
                        {p.percentOff ? (
                          `${formatDecimal(p.percentOff)}% off usage`
                        ) : p.amountOff ? (
                          <>
                            <Money value={p.amountOff} /> off once
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="small">
                        {p.validFrom ? formatDate(p.validFrom) : 'any time'}
                        {p.validTo ? ` – ${formatDate(p.validTo)}` : ''}
                      </td>
                      <td className="num">
                        {p.redemptions}
                        {p.maxRedemptions ? ` / ${p.maxRedemptions}` : ''}
                      </td>
                      <td>
                        <PromoActions promo={p} product={edited} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {adding === 'promo' && <AddPart kind="promo" productId={product.id} onAdded={() => setAdding(null)} />}
          </Card>
          <Card
            title="Incentives"
            actions={
              adding !== 'incentive' && (
                <button type="button" className="button button-small" onClick={() => setAdding('incentive')}>
                  Add incentive
                </button>
              )
            }
          >
            {incentives.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="list">
                {incentives.map((x) => (
                  <li key={x.id} className="list-row">
                    <span>
                      <span className="chip chip-accent">{x.kind.replace('_', ' ').toLowerCase()}</span> {x.description}
                    </span>
                    <span className="button-row">
                      <Money value={x.value} />
                      <RemoveIncentive incentive={x} product={edited} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {adding === 'incentive' && <AddPart kind="incentive" productId={product.id} onAdded={() => setAdding(null)} />}
          </Card>
        </div>
        <Card title="Terms">
          <Facts
            items={[
              ['Status', <StatusChip key="s" status={product.status} />],
              ['On sale from', formatDate(product.salesStart)],
              ['On sale until', product.salesEnd ? formatDate(product.salesEnd) : product.salesStart ? 'no end' : '—'],
              ['Fixed charge', <Money key="f" value={product.fixedCharge} />],
              ['Term', product.termMonths ? `${product.termMonths} months` : 'none'],
              ['Description', product.description ?? '—'],
              ['Created', formatDateTime(product.createdAt)],
            ]}
          />
        </Card>
      </div>

      {dialog === 'publish' && (
        <DateActionDialog
          title={`Publish ${product.name}`}
          explain="It goes on sale on this day: today puts it on sale now, a future day schedules the launch, a past day serves customers migrated from another system."
          label="On sale from"
          confirm="Publish"
          onClose={() => setDialog(null)}
          onSubmit={async (date) => {
            await publish({ variables: { id: product.id, salesStart: date } });
            toast({ title: `${product.name} published`, detail: date ? `On sale from ${formatDate(date)}.` : undefined, tone: 'success' });
          }}
        />
      )}
      {dialog === 'retire' && (
        <DateActionDialog
          title={`Retire ${product.name}`}
          explain="Sales end on this day: partners stop seeing it from then. Customers already enrolled keep it."
          label="Last day on sale is the day before"
          confirm="Retire"
          danger
          onClose={() => setDialog(null)}
          onSubmit={async (date) => {
            await retire({ variables: { id: product.id, salesEnd: date } });
            toast({ title: `${product.name} retired`, tone: 'info' });
          }}
        />
      )}
    </>
  );
}
