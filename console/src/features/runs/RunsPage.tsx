import { useCallback, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
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

export const BillRunsListQuery = graphql(`
  query BillRunsList($first: Int) {
    billRuns(first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      nodes {
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
        asOf
        status
        startedBy
        startedAt
        accountsEvaluated
        actionsTaken
        accountsFailed
      }
    }
  }
`);

const PAGE = 20;

function BillRunsTable() {
  const [first, setFirst] = useState(PAGE);
  const { data, loading, error, refetch } = useQuery(BillRunsListQuery, {
    variables: { first },
    fetchPolicy: 'cache-and-network',
  });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data && loading) return <Loading />;
  const runs = data?.billRuns.nodes ?? [];
  return (
    <>
      <table className="table" aria-label="Bill runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">As of</th>
            <th scope="col">Status</th>
            <th scope="col">Started by</th>
            <th scope="col">Started</th>
            <th scope="col">Issued</th>
            <th scope="col">Held</th>
            <th scope="col">Blocked</th>
            <th scope="col">Failed</th>
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
              <td>{r.invoicesIssued}</td>
              <td>{r.invoicesHeld}</td>
              <td>{r.accountsBlocked}</td>
              <td>{r.accountsFailed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length === 0 && <p className="muted">No bill run yet.</p>}
      {data?.billRuns.pageInfo.hasNextPage && (
        <button type="button" className="button button-small" onClick={() => setFirst(first + PAGE)}>
          Show more ({data.billRuns.totalCount - runs.length} older)
        </button>
      )}
    </>
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
  if (!data && loading) return <Loading />;
  const runs = data?.collectionsRuns.nodes ?? [];
  const download = async (id: string) => {
    if (!session) return;
    try {
      await downloadDialerCsv(id, session.token);
    } catch (e) {
      toast({ title: 'Could not download the dialer file', detail: describeError(e).message, tone: 'danger' });
    }
  };
  return (
    <>
      <table className="table" aria-label="Collections runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">As of</th>
            <th scope="col">Status</th>
            <th scope="col">Started by</th>
            <th scope="col">Started</th>
            <th scope="col">Evaluated</th>
            <th scope="col">Actions</th>
            <th scope="col">Failed</th>
            <th scope="col">Files</th>
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
              <td>{r.accountsEvaluated}</td>
              <td>{r.actionsTaken}</td>
              <td>{r.accountsFailed}</td>
              <td>
                {r.status === 'RUNNING' ? (
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
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length === 0 && <p className="muted">No collections run yet.</p>}
      {data?.collectionsRuns.pageInfo.hasNextPage && (
        <button type="button" className="button button-small" onClick={() => setFirst(first + PAGE)}>
          Show more ({data.collectionsRuns.totalCount - runs.length} older)
        </button>
      )}
    </>
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
