import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { Link, useLocation } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { Card, Facts, PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, formatDateTime, todayIso } from '../../shared/dates';
import { formatDecimal } from '../../shared/money';
import { RatePrices } from './RatePrices';
import { PromoActions, RateActions, RemoveIncentive, type EditedProduct } from './PartActions';
import { PublishProductMutation } from './NewProductPage';
import { AddPart, DateActionDialog, EditProduct, RetireProductMutation, type AddKind } from './ProductEditing';
import { enumWords } from '../../shared/labels';

export {
  AddIncentiveMutation,
  AddPromoCodeMutation,
  AddRateMutation,
  RetireProductMutation,
  UpdateProductMutation,
} from './ProductEditing';

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

/** What the page's header and terms show of a product; editing, publishing and retiring it answer with it. */
export const ProductForProductPage = graphql(`
  fragment ProductForProductPage on Product {
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
  }
`);

export const ProductDetailQuery = graphql(`
  query ProductDetail($id: ID!) {
    product(id: $id) {
      id
      ...ProductForProductPage
      ...ProductRatesForProductPage
      ...ProductPromoCodesForProductPage
      ...ProductIncentivesForProductPage
    }
  }
`);

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
  const ref = data?.product;
  if (!ref) {
    return (
      <EmptyState title={`Product ${id} not found`}>
        <Link to="/products">All products</Link>
      </EmptyState>
    );
  }
  const product = getFragmentData(ProductForProductPage, ref);
  const rates = [...getFragmentData(ProductRatesForProductPage, ref).rates].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const { promoCodes } = getFragmentData(ProductPromoCodesForProductPage, ref);
  const { incentives } = getFragmentData(ProductIncentivesForProductPage, ref);
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
                      <span className="chip chip-accent">{enumWords(x.kind)}</span> {x.description}
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
            // A later end keeps it ACTIVE and on sale until then; the hub retires it that day.
            const later = date !== null && date > todayIso();
            toast({
              title: later ? `${product.name} leaves sale on ${formatDate(date)}` : `${product.name} retired`,
              detail: later ? 'It stays on sale until then, and is retired that day.' : undefined,
              tone: 'info',
            });
          }}
        />
      )}
    </>
  );
}
