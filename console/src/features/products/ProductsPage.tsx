import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { ProductStatus } from '../../generated/graphql';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Icon } from '../../shared/components/Icon';
import { Money } from '../../shared/components/Money';
import { PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDate } from '../../shared/dates';
import { formatDecimal } from '../../shared/money';
import { humanizeStatus } from '../../shared/labels';

/** A product as the catalog's row shows it: its terms, the rate in effect and how many promo codes it has. */
export const ProductForProductsPage = graphql(`
  fragment ProductForProductsPage on Product {
    id
    code
    name
    unit
    status
    salesStart
    salesEnd
    fixedCharge
    version
    updatedAt
    rates {
      id
      effectiveFrom
      effectiveTo
      unitPrice
    }
    promoCodes {
      id
    }
  }
`);

export const ProductListQuery = graphql(`
  query ProductList($status: ProductStatus) {
    products(status: $status, first: 500) {
      totalCount
      nodes {
        id
        ...ProductForProductsPage
      }
    }
  }
`);

/** The rate in effect on `day` (rates never overlap), for the list's "current rate" column. */
export function rateOn<R extends { effectiveFrom: string; effectiveTo: string | null }>(rates: readonly R[], day: string): R | null {
  return rates.find((r) => r.effectiveFrom <= day && (r.effectiveTo === null || day < r.effectiveTo)) ?? null;
}

/** The catalog: drafts, products on sale and retired ones. */
export function ProductsPage() {
  const [status, setStatus] = useState<ProductStatus | ''>('');
  const { data, loading, error, refetch } = useQuery(ProductListQuery, {
    variables: { status: status || null },
    fetchPolicy: 'cache-and-network',
  });
  const products = getFragmentData(ProductForProductsPage, data?.products.nodes ?? []);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title="Products"
        subtitle="What partners can sell, at which rates, with which promo codes and incentives."
        actions={
          <Link to="/products/new" className="button button-primary">
            <Icon name="plus" /> New product
          </Link>
        }
      />
      <div className="card">
        <div className="toolbar" role="group" aria-label="Status">
          {(['', 'DRAFT', 'ACTIVE', 'RETIRED'] as Array<ProductStatus | ''>).map((s) => (
            <button
              key={s || 'all'}
              type="button"
              className={`segment${status === s ? ' active' : ''}`}
              aria-pressed={status === s}
              onClick={() => setStatus(s)}
            >
              {s ? humanizeStatus(s) : 'All'}
            </button>
          ))}
        </div>
        <ErrorNotice error={error} title="Could not load products" onRetry={() => void refetch()} />
        <table className="table">
          <caption className="sr-only">Products</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Status</th>
              <th scope="col">On sale</th>
              <th scope="col" className="num">
                Rate today
              </th>
              <th scope="col" className="num">
                Fixed charge
              </th>
              <th scope="col" className="num">
                Promo codes
              </th>
              <th scope="col" className="num">
                Version
              </th>
            </tr>
          </thead>
          {loading && !data ? (
            <TableSkeleton columns={7} />
          ) : (
            <tbody>
              {products.map((p) => {
                const rate = rateOn(p.rates, today);
                return (
                  <tr key={p.id} className="row-link">
                    <td>
                      <Link to={`/products/${p.id}`} className="strong">
                        {p.name}
                      </Link>
                      <div className="muted small">
                        <code>{p.code}</code> · per {p.unit}
                      </div>
                    </td>
                    <td>
                      <StatusChip status={p.status} />
                    </td>
                    <td className="nowrap small">
                      {p.salesStart ? (
                        `${formatDate(p.salesStart)}${p.salesEnd ? ` – ${formatDate(p.salesEnd)}` : ' →'}`
                      ) : (
                        <span className="muted">not published</span>
                      )}
                    </td>
                    <td className="num">
                      {rate ? formatDecimal(rate.unitPrice) : <span className="text-warning small">no rate today</span>}
                    </td>
                    <td className="num">
                      <Money value={p.fixedCharge} />
                    </td>
                    <td className="num">{p.promoCodes.length}</td>
                    <td className="num muted">v{p.version}</td>
                  </tr>
                );
              })}
            </tbody>
          )}
        </table>
        {data && products.length === 0 && (
          <EmptyState title="No products">
            <Link to="/products/new">Create the first product</Link>
          </EmptyState>
        )}
      </div>
    </>
  );
}
