import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Icon } from '../../shared/components/Icon';
import { Money } from '../../shared/components/Money';
import { Card, PageHeader } from '../../shared/components/Page';
import { CollectionsRunControl } from '../runs/RunControls';
import { BlackoutDates } from './BlackoutDates';
import { draftFromPath, emptyPath } from './path-form';
import { CollectionsPathForPathEditor, PathEditor } from './PathEditor';
import { enumWords } from '../../shared/labels';

export const CollectionsPathsQuery = graphql(`
  query CollectionsPaths {
    collectionsPaths {
      id
      ...CollectionsPathForPathEditor
    }
    workQueues {
      id
      ...WorkQueueForPathEditor
    }
  }
`);

export { CreateCollectionsPathMutation, UpdateCollectionsPathMutation } from './PathEditor';

/** Collections paths and their steps, and running collections for a day. */
export function CollectionsPage() {
  const { data, loading, error, refetch } = useQuery(CollectionsPathsQuery, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const paths = getFragmentData(CollectionsPathForPathEditor, data?.collectionsPaths ?? []);
  const queues = data?.workQueues ?? [];
  const editedPath = editing && editing !== 'new' ? paths.find((p) => p.id === editing) : null;

  return (
    <>
      <PageHeader
        title="Collections"
        subtitle="Each segment follows its own path: reminders, letters, calls, fees, dialer exports and market drops as an account gets later."
        actions={
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            <Icon name="plus" /> New path
          </button>
        }
      />
      <Card title="Run collections">
        <CollectionsRunControl />
      </Card>
      <Card title="Blackout dates">
        <BlackoutDates />
      </Card>
      <ErrorNotice error={error} title="Could not load collections paths" onRetry={() => void refetch()} />
      {loading && !data && <Loading label="Loading paths…" />}

      {editing && (
        <Card title={editing === 'new' ? 'New path' : `Edit ${editedPath?.name ?? 'path'}`}>
          <PathEditor
            key={editing}
            pathId={editing === 'new' ? null : editing}
            initial={editedPath ? draftFromPath(editedPath) : emptyPath()}
            queues={queues}
            onSaved={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        </Card>
      )}

      {data && paths.length === 0 && (
        <EmptyState title="No collections paths">Create one so that past-due accounts get reminders and calls.</EmptyState>
      )}
      <div className="path-list">
        {paths.map((p) => (
          <section key={p.id} className="card path-card" aria-labelledby={`path-${p.id}`}>
            <header className="card-header">
              <div>
                <h2 id={`path-${p.id}`}>
                  {p.name} {p.isDefault && <span className="chip chip-accent">default</span>}{' '}
                  {!p.active && <span className="chip chip-neutral">inactive</span>}
                </h2>
                <div className="muted small">{p.segments.length ? `Segments: ${p.segments.join(', ')}` : 'No segments'}</div>
              </div>
              <button type="button" className="button button-small" onClick={() => setEditing(p.id)} aria-label={`Edit path ${p.name}`}>
                Edit
              </button>
            </header>
            <ol className="steps-line">
              {p.steps.map((s) => (
                <li key={s.id}>
                  <span className="steps-day">day {s.daysPastDue}</span>
                  <span className="steps-name">{s.name}</span>
                  <span className="chip chip-warning">{enumWords(s.action)}</span>
                  {s.minPastDue !== '0.00' && (
                    <span className="muted small">
                      from <Money value={s.minPastDue} />
                    </span>
                  )}
                  {s.queueKey && <span className="muted small">→ {s.queueKey}</span>}
                  {s.feeAmount && (
                    <span className="muted small">
                      fee <Money value={s.feeAmount} />
                    </span>
                  )}
                  {s.feePercent && <span className="muted small">fee {s.feePercent}%</span>}
                  {s.noticeStep && (
                    <span className="muted small">
                      {s.noticeDays} days after “{s.noticeStep.name}”
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </>
  );
}
