import { useEffect, useState } from 'react';
import { useApolloClient, useMutation, useSubscription } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../generated';
import { useSession } from '../../app/session';
import { Link } from '../../app/router';
import { Icon } from '../../shared/components/Icon';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDate } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { downloadDialerCsv } from './dialer';
import { PreviewBillingQuery, PreviewCollectionsQuery } from './RunPreviewPanel';
import { RunForm, useRunStarter } from './RunStarter';

export const RunBillingMutation = graphql(`
  mutation RunBilling($asOf: Date!) {
    runBilling(asOf: $asOf, wait: false) {
      id
      ...BillRunForRunProgress
    }
  }
`);

export const BillRunForRunProgress = graphql(`
  fragment BillRunForRunProgress on BillRun {
    id
    asOf
    status
    accountsConsidered
    accountsProcessed
    invoicesIssued
    invoicesHeld
    accountsBlocked
    accountsFailed
    startedAt
    finishedAt
  }
`);

export const BillRunProgressSubscription = graphql(`
  subscription BillRunProgress($id: ID!) {
    billRunProgress(id: $id) {
      id
      ...BillRunForRunProgress
    }
  }
`);

export const RunCollectionsMutation = graphql(`
  mutation RunCollections($asOf: Date!) {
    runCollections(asOf: $asOf, wait: false) {
      id
      ...CollectionsRunForRunProgress
    }
  }
`);

export const CollectionsRunForRunProgress = graphql(`
  fragment CollectionsRunForRunProgress on CollectionsRun {
    id
    asOf
    status
    accountsEvaluated
    accountsFailed
    actionsTaken
    startedAt
    finishedAt
  }
`);

export const CollectionsRunStatusQuery = graphql(`
  query CollectionsRunStatus($id: ID!) {
    collectionsRun(id: $id) {
      id
      ...CollectionsRunForRunProgress
    }
  }
`);

interface BillRunView {
  id: string;
  asOf: string;
  status: string;
  accountsConsidered: number;
  accountsProcessed: number;
  invoicesIssued: number;
  invoicesHeld: number;
  accountsBlocked: number;
  accountsFailed: number;
}

export function ProgressBar({ value, max, label, indeterminate }: { value: number; max: number; label: string; indeterminate?: boolean }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className={`progress${indeterminate ? ' progress-indeterminate' : ''}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={indeterminate ? undefined : max}
        aria-valuenow={indeterminate ? undefined : value}
      >
        <span style={{ width: indeterminate ? undefined : `${pct}%` }} />
      </div>
      {!indeterminate && (
        <span className="progress-text">
          {value} / {max} accounts · {pct}%
        </span>
      )}
    </div>
  );
}

function Counter({ label, value, tone, to }: { label: string; value: number; tone?: 'warning' | 'danger' | 'success'; to?: string }) {
  const body = (
    <>
      <span className="counter-value">{value}</span>
      <span className="counter-label">{label}</span>
    </>
  );
  return (
    <div className={`counter${tone && value > 0 ? ` counter-${tone}` : ''}`}>{to && value > 0 ? <Link to={to}>{body}</Link> : body}</div>
  );
}

function BillRunWatch({ runId, initial, onEnd }: { runId: string; initial: BillRunView; onEnd: (run: BillRunView) => void }) {
  const [run, setRun] = useState<BillRunView>(initial);
  useSubscription(BillRunProgressSubscription, {
    variables: { id: runId },
    onData: ({ data }) => {
      const next = data.data?.billRunProgress;
      if (!next) return;
      const view = getFragmentData(BillRunForRunProgress, next);
      setRun(view);
      if (view.status !== 'RUNNING') onEnd(view);
    },
  });
  const running = run.status === 'RUNNING';
  return (
    <div className="run-result" aria-live="polite">
      <div className="run-result-head">
        <strong>Bill run #{run.id}</strong> as of {formatDate(run.asOf)} <StatusChip status={run.status} />
      </div>
      <ProgressBar
        value={run.accountsProcessed}
        max={run.accountsConsidered}
        label="Bill run progress"
        indeterminate={running && run.accountsConsidered === 0}
      />
      {!running && (
        <div className="counters">
          <Counter label="accounts" value={run.accountsConsidered} />
          <Counter label="issued" value={run.invoicesIssued} tone="success" />
          <Counter label="held" value={run.invoicesHeld} tone="warning" to="/review" />
          <Counter label="blocked" value={run.accountsBlocked} tone="danger" to="/review?tab=blocked" />
          <Counter label="failed" value={run.accountsFailed} tone="danger" />
        </div>
      )}
    </div>
  );
}

/** Runs billing for a chosen day, once its preview was seen, and follows it live. */
export function BillRunControl({ onChange }: { onChange?: () => void }) {
  const client = useApolloClient();
  const [runBilling, { loading }] = useMutation(RunBillingMutation);
  const starter = useRunStarter<BillRunView>({
    preview: async (asOf) => {
      const { data } = await client.query({ query: PreviewBillingQuery, variables: { asOf }, fetchPolicy: 'network-only' });
      return data?.previewBilling ?? null;
    },
    start: async (asOf) => {
      const { data } = await runBilling({ variables: { asOf } });
      return data ? getFragmentData(BillRunForRunProgress, data.runBilling) : null;
    },
    onChange,
  });
  const { run } = starter;

  return (
    <RunForm
      starter={starter}
      formLabel="Run billing"
      dayLabel="Bill usage up to"
      previewLabel="Preview billing"
      runLabel="Run billing"
      starting={loading}
      help={
        <>
          Bills every active account&apos;s unbilled usage that ends on or before this day. The preview shows what the run would do; a
          re-run never bills a read twice.
        </>
      }
    >
      {run && <BillRunWatch key={run.id} runId={run.id} initial={run} onEnd={starter.ended} />}
    </RunForm>
  );
}

interface CollectionsRunView {
  id: string;
  asOf: string;
  status: string;
  accountsEvaluated: number;
  accountsFailed: number;
  actionsTaken: number;
}

function CollectionsRunWatch({ initial, onEnd }: { initial: CollectionsRunView; onEnd: (run: CollectionsRunView) => void }) {
  const client = useApolloClient();
  const { session } = useSession();
  const { toast } = useToast();
  const [run, setRun] = useState(initial);
  const running = run.status === 'RUNNING';

  // Collections runs have no progress subscription: ask every second until it ends.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void client
        .query({ query: CollectionsRunStatusQuery, variables: { id: run.id }, fetchPolicy: 'network-only' })
        .then(({ data }) => {
          const next = data?.collectionsRun;
          if (!next) return;
          const view = getFragmentData(CollectionsRunForRunProgress, next);
          setRun(view);
          if (view.status !== 'RUNNING') onEnd(view);
        })
        .catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [client, run.id, running, onEnd]);

  const download = async () => {
    if (!session) return;
    try {
      await downloadDialerCsv(run.id, session.token);
    } catch (e) {
      toast({ title: 'Could not download the dialer file', detail: describeError(e).message, tone: 'danger' });
    }
  };

  return (
    <div className="run-result" aria-live="polite">
      <div className="run-result-head">
        <strong>Collections run #{run.id}</strong> as of {formatDate(run.asOf)} <StatusChip status={run.status} />
      </div>
      {running ? (
        <ProgressBar value={0} max={0} label="Collections run progress" indeterminate />
      ) : (
        <>
          <div className="counters">
            <Counter label="accounts evaluated" value={run.accountsEvaluated} />
            <Counter label="actions taken" value={run.actionsTaken} tone="warning" />
            <Counter label="failed" value={run.accountsFailed} tone="danger" />
          </div>
          <button type="button" className="button button-small" onClick={download}>
            <Icon name="download" size={14} /> Dialer CSV
          </button>
        </>
      )}
    </div>
  );
}

/** Runs collections for a chosen day, once its preview was seen; shows what it did and offers the dialer file. */
export function CollectionsRunControl({ onChange }: { onChange?: () => void }) {
  const client = useApolloClient();
  const [runCollections, { loading }] = useMutation(RunCollectionsMutation);
  const starter = useRunStarter<CollectionsRunView>({
    preview: async (asOf) => {
      const { data } = await client.query({ query: PreviewCollectionsQuery, variables: { asOf }, fetchPolicy: 'network-only' });
      return data?.previewCollections ?? null;
    },
    start: async (asOf) => {
      const { data } = await runCollections({ variables: { asOf } });
      return data ? getFragmentData(CollectionsRunForRunProgress, data.runCollections) : null;
    },
    onChange,
  });
  const { run } = starter;

  return (
    <RunForm
      starter={starter}
      formLabel="Run collections"
      dayLabel="Collect as of"
      previewLabel="Preview collections"
      runLabel="Run collections"
      starting={loading}
      help={
        <>
          Runs each past-due account&apos;s path: every step now due that has not run in this delinquency. The preview shows the actions
          first.
        </>
      }
    >
      {run && <CollectionsRunWatch key={run.id} initial={run} onEnd={starter.ended} />}
    </RunForm>
  );
}
