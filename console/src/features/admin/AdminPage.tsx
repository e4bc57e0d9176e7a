import { useState } from 'react';
import { navigate, useLocation } from '../../app/router';
import { useCurrentUser } from '../../app/session';
import { EmptyState } from '../../shared/components/feedback';
import { PageHeader } from '../../shared/components/Page';
import { Tabs } from '../../shared/components/Tabs';
import { ApiKeysPanel } from './ApiKeysPanel';
import { BillingRulesPanel } from './BillingRulesPanel';
import { BrandingPanel } from './BrandingPanel';
import { PrintBatchesPanel } from './PrintBatchesPanel';
import { QueuesPanel } from './QueuesPanel';
import { TaxRatesPanel } from './TaxRatesPanel';
import { UsersPanel } from './UsersPanel';
import { WebhooksPanel } from '../webhooks/WebhooksPanel';

type TabId = 'users' | 'keys' | 'webhooks' | 'rules' | 'taxes' | 'queues' | 'branding';
const TABS: TabId[] = ['users', 'keys', 'webhooks', 'rules', 'taxes', 'queues', 'branding'];

/** Users, API keys, webhooks, billing rules, tax rates and work queues: the hub's settings. */
export function AdminPage() {
  const user = useCurrentUser();
  const { search } = useLocation();
  const requested = search.get('tab') as TabId | null;
  const [tab, setTab] = useState<TabId>(requested && TABS.includes(requested) ? requested : 'users');
  if (user.role !== 'ADMIN')
    return (
      <EmptyState title="Admins only">Ask an admin to change users, API keys, billing rules, tax rates, queues or branding.</EmptyState>
    );
  return (
    <>
      <PageHeader title="Admin" subtitle="Who can use the hub, how bills are checked, and where work goes." />
      <Tabs
        label="Admin"
        active={tab}
        onChange={(t) => {
          setTab(t as TabId);
          navigate(`/admin?tab=${t}`, { replace: true });
        }}
        tabs={[
          { id: 'users', label: 'Users' },
          { id: 'keys', label: 'API keys' },
          { id: 'webhooks', label: 'Webhooks' },
          { id: 'rules', label: 'Billing rules' },
          { id: 'taxes', label: 'Tax rates' },
          { id: 'queues', label: 'Work queues' },
          { id: 'branding', label: 'Branding' },
        ]}
      >
        {tab === 'users' && <UsersPanel />}
        {tab === 'keys' && <ApiKeysPanel />}
        {tab === 'webhooks' && <WebhooksPanel />}
        {tab === 'rules' && <BillingRulesPanel />}
        {tab === 'taxes' && <TaxRatesPanel />}
        {tab === 'queues' && <QueuesPanel />}
        {tab === 'branding' && <BrandingPanel />}
        {tab === 'branding' && <PrintBatchesPanel />}
      </Tabs>
    </>
  );
}
