import type { ReactNode } from 'react';
import { AccountByNumberPage } from '../features/accounts/AccountByNumberPage';
import { AccountPage } from '../features/accounts/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AccountImportPage } from '../features/accounts/import/AccountImportPage';
import { AdminPage } from '../features/admin/AdminPage';
import { CollectionsPage } from '../features/collections/CollectionsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { NewProductPage } from '../features/products/NewProductPage';
import { ProductPage } from '../features/products/ProductPage';
import { ProductsPage } from '../features/products/ProductsPage';
import { MyAccountPage } from '../features/me/MyAccountPage';
import { InvoicePage } from '../features/review/InvoicePage';
import { ReviewPage } from '../features/review/ReviewPage';
import { RunsPage } from '../features/runs/RunsPage';
import { RemittancesPage } from '../features/remittances/RemittancesPage';
import { QueuePage } from '../features/work-queues/QueuePage';
import { QueuesPage } from '../features/work-queues/QueuesPage';
import { EmptyState } from '../shared/components/feedback';
import { Link, matchPath, useLocation } from './router';

type Route = [pattern: string, render: (params: Record<string, string>) => ReactNode];

const ROUTES: Route[] = [
  ['/', () => <DashboardPage />],
  ['/queues', () => <QueuesPage />],
  ['/queues/:key', (p) => <QueuePage queueKey={p.key} />],
  ['/review', () => <ReviewPage />],
  ['/invoices/:id', (p) => <InvoicePage id={p.id} />],
  ['/accounts', () => <AccountsPage />],
  ['/accounts/import', () => <AccountImportPage />],
  ['/accounts/by-number/:number', (p) => <AccountByNumberPage number={p.number} />],
  ['/accounts/:id', (p) => <AccountPage id={p.id} />],
  ['/products', () => <ProductsPage />],
  ['/products/new', () => <NewProductPage />],
  ['/products/:id', (p) => <ProductPage id={p.id} />],
  ['/collections', () => <CollectionsPage />],
  ['/runs', () => <RunsPage />],
  ['/remittances', () => <RemittancesPage />],
  ['/admin', () => <AdminPage />],
  ['/me', () => <MyAccountPage />],
];

export function Routes() {
  const { pathname } = useLocation();
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    // The key remounts a screen when its subject changes (another account, another queue).
    if (params) return <div key={pathname}>{render(params)}</div>;
  }
  return (
    <EmptyState title="Nothing here">
      This address is not a screen of the console. <Link to="/">Go to the dashboard</Link>.
    </EmptyState>
  );
}
