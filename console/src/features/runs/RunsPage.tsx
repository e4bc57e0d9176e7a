import { useCallback, useState, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { BillRunForBillRunsTableFragment } from '../../generated/graphql';
import { useSession } from '../../app/session';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Icon } from '../../shared/components/Icon';
import { Card, PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, formatDateTime } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { downloadDialerCsv } from './dialer';
import { BillRunControl, CollectionsRunControl } from './RunControls';
import { RunSchedulesPanel } from './RunSchedulesPanel';

/** A bill run as its row shows it. */
export const BillRunForBillRunsTable = graphql(`
  fragment BillRunForBillRunsTable on BillRun {
    id
    asOf
    status
    startedBy
    startedAt
    invoicesIssued
    invoicesHeld
    accountsBlocked
    accountsFailed
  }
`);

/** A collections run as its row shows it. */
export const CollectionsRunForCollectionsRunsTable = graphql(`
  fragment CollectionsRunForCollectionsRunsTable on CollectionsRun {
    id
    asOf
    status
    startedBy
    startedAt
    accountsEvaluated
    actionsTaken
    accountsFailed
  }
`);

export const BillRunsListQuery = graphql(`
  query BillRunsList($first: Int) {
    billRuns(first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      nodes {
        id
        ...BillRunForBillRunsTable
      }
    }
  }
`);

export const CollectionsRunsListQuery = graphql(`
  query CollectionsRunsList($first: Int) {
    collectionsRuns(first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      nodes {
        id
        ...CollectionsRunForCollectionsRunsTable
      }
    }
  }
`);

const PAGE = 20;

interface RunRow {
  id: string;
  asOf: string;
  status: string;
  startedBy: string;
  startedAt: string;
}

/** The columns every run has, then the kind's own: what it did and its files. */
function RunsTable<R extends RunRow>({
  label,
  empty,
  columns,
  page,
  onMore,
}: {
  label: string;
  empty: string;
  columns: ReadonlyArray<{ header: string; cell(run: R): ReactNode }>;
  page: { nodes: readonly R[]; totalCount: number; pageInfo: { hasNextPage: boolean } };
  onMore(): void;
}) {
  const runs = page.nodes;
  return (
    <>
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {['Run', 'As of', 'Status', 'Started by', 'Started', ...columns.map((c) => c.header)].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>#{r.id}</td>
              <td>{formatDate(r.asOf)}</td>
              <td>
                <StatusChip status={r.status} />
              </td>
              <td>{r.startedBy}</td>
              <td>{formatDateTime(r.startedAt)}</td>
              {columns.map((c) => (
                <td key={c.header}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length === 0 && <p className="muted">{empty}</p>}
      {page.pageInfo.hasNextPage && (
        <button type="button" className="button button-small" onClick={onMore}>
          Show more ({page.totalCount - runs.length} older)
        </button>
      )}
    </>
  );
}

const BILL_RUN_COLUMNS: ReadonlyArray<{ header: string; cell(run: BillRunForBillRunsTableFragment): ReactNode }> = [
  { header: 'Issued', cell: (r) => r.invoicesIssued },
  { header: 'Held', cell: (r) => r.invoicesHeld },
  { header: 'Blocked', cell: (r) => r.accountsBlocked },
  { header: 'Failed', cell: (r) => r.accountsFailed },
];

function BillRunsTable() {
  const [first, setFirst] = useState(PAGE);
  const { data, loading, error, refetch } = useQuery(BillRunsListQuery, {
    variables: { first },
    fetchPolicy: 'cache-and-network',
  });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return loading ? <Loading /> : null;
  return (
    <RunsTable
      label="Bill runs"
      empty="No bill run yet."
      columns={BILL_RUN_COLUMNS}
      page={{ ...data.billRuns, nodes: getFragmentData(BillRunForBillRunsTable, data.billRuns.nodes) }}
      onMore={() => setFirst(first + PAGE)}
    />
  );
}

function CollectionsRunsTable() {
  const { session } = useSession();
  const { toast } = useToast();
  const [first, setFirst] = useState(PAGE);
  const { data, loading, error, refetch } = useQuery(CollectionsRunsListQuery, {
    variables: { first },
    fetchPolicy: 'cache-and-network',
  });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return loading ? <Loading /> : null;
  const download = async (id: string) => {
    if (!session) return;
    try {
      await downloadDialerCsv(id, session.token);
    } catch (e) {
      toast({ title: 'Could not download the dialer file', detail: describeError(e).message, tone: 'danger' });
    }
  };
  return (
    <RunsTable
      label="Collections runs"
      empty="No collections run yet."
      columns={[
        { header: 'Evaluated', cell: (r) => r.accountsEvaluated },
        { header: 'Actions', cell: (r) => r.actionsTaken },
        { header: 'Failed', cell: (r) => r.accountsFailed },
        {
          header: 'Files',
          cell: (r) =>
            r.status === 'RUNNING' ? (
              <span className="muted small">when it ends</span>
            ) : (
              <button
                type="button"
                className="button button-small"
                aria-label={`Dialer CSV of run ${r.id}`}
                onClick={() => void download(r.id)}
              >
                <Icon name="download" size={14} /> Dialer CSV
              </button>
            ),
        },
      ]}
      page={{ ...data.collectionsRuns, nodes: getFragmentData(CollectionsRunForCollectionsRunsTable, data.collectionsRuns.nodes) }}
      onMore={() => setFirst(first + PAGE)}
    />
  );
}

/** Every bill and collections run with who started it and its files; starting one after its preview; the daily schedules. */
export function RunsPage() {
  // Bumped when a run starts or ends here, so the lists read again.
  const [refresh, setRefresh] = useState(0);
  const changed = useCallback(() => setRefresh((n) => n + 1), []);
  return (
    <>
      <PageHeader
        title="Runs"
        subtitle="Bill and collections runs: who started them, what they did, their files, and the daily schedules."
      />
      <div className="grid grid-2">
        <Card title="Start a run">
          <div className="runs">
            <BillRunControl onChange={changed} />
            <CollectionsRunControl onChange={changed} />
          </div>
        </Card>
        <Card title="Schedules">
          <RunSchedulesPanel />
        </Card>
      </div>
      <div className="runs runs-lists">
        <Card title="Bill runs">
          <BillRunsTable key={refresh} />
        </Card>
        <Card title="Collections runs">
          <CollectionsRunsTable key={refresh} />
        </Card>
      </div>
    </>
  );
}
