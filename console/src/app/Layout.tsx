import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../generated';
import { Icon, type IconName } from '../shared/components/Icon';
import { SearchBox } from '../features/search/SearchBox';
import { Link, useLocation } from './router';
import { useLive } from './live/LiveProvider';
import { useSession } from './session';

export const NavCountsQuery = graphql(`
  query NavCounts {
    workQueues {
      id
      key
      openCount
      overdueCount
    }
    held: invoices(status: HELD, first: 1) {
      totalCount
    }
    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {
      totalCount
    }
  }
`);

interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  badge?: number;
  /** A badge that asks for attention (new or overdue work). */
  alert?: boolean;
  adminOnly?: boolean;
}

function ConnectionIndicator() {
  const { connection } = useLive();
  const label =
    connection === 'live'
      ? 'Live'
      : connection === 'reconnecting'
        ? 'Reconnecting…'
        : connection === 'connecting'
          ? 'Connecting…'
          : 'Offline';
  return (
    <span className={`connection connection-${connection}`} role="status" aria-live="polite" title="Realtime link to the hub">
      <span className="connection-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { pathname } = useLocation();
  const { unseenByQueue } = useLive();
  const { data } = useQuery(NavCountsQuery, { fetchPolicy: 'cache-and-network' });

  const openWork = data?.workQueues.reduce((n, q) => n + q.openCount, 0) ?? 0;
  const overdue = data?.workQueues.some((q) => q.overdueCount > 0) ?? false;
  const unseen = Object.values(unseenByQueue).reduce((n, c) => n + c, 0);
  const review = (data?.held.totalCount ?? 0) + (data?.blocked.totalCount ?? 0);

  const items: NavItem[] = [
    { to: '/', label: 'Dashboard', icon: 'dashboard' },
    { to: '/queues', label: 'Work queues', icon: 'queues', badge: openWork, alert: unseen > 0 || overdue },
    { to: '/review', label: 'Invoice review', icon: 'review', badge: review, alert: review > 0 },
    { to: '/accounts', label: 'Accounts', icon: 'accounts' },
    { to: '/products', label: 'Products', icon: 'products' },
    { to: '/collections', label: 'Collections', icon: 'collections' },
    { to: '/remittances', label: 'Cash application', icon: 'collections' },
    { to: '/runs', label: 'Runs', icon: 'clock' },
    { to: '/admin', label: 'Admin', icon: 'admin', adminOnly: true },
  ];
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const user = session?.user;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Billing hub</span>
        </Link>
        <ul className="nav">
          {items
            .filter((item) => !item.adminOnly || user?.role === 'ADMIN')
            .map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className={`nav-link${isActive(item.to) ? ' active' : ''}`}
                  aria-current={isActive(item.to) ? 'page' : undefined}
                >
                  <Icon name={item.icon} />
                  <span className="nav-label">{item.label}</span>
                  {item.badge ? (
                    <span className={`nav-badge${item.alert ? ' nav-badge-alert' : ''}`} aria-label={`${item.badge} open`}>
                      {item.badge}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
        </ul>
        <div className="sidebar-footer">
          <ConnectionIndicator />
          {user && (
            <div className="user">
              <span className="avatar" aria-hidden="true">
                {user.displayName.slice(0, 1).toUpperCase()}
              </span>
              <span className="user-text">
                <Link to="/me" className="user-name" aria-label="My account" title="My account: change my password">
                  {user.displayName}
                </Link>
                <span className="user-role">{user.role.toLowerCase()}</span>
              </span>
              <button type="button" className="icon-button" onClick={() => signOut()} aria-label="Sign out" title="Sign out">
                <Icon name="signout" />
              </button>
            </div>
          )}
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <header className="topbar">
          <SearchBox />
        </header>
        {children}
      </main>
    </div>
  );
}
