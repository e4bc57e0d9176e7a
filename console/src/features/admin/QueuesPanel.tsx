import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { addToList } from '../../app/apollo/list-updates';
import { ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Card } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { formatSla } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

/** A queue as its row shows it; creating and saving a queue answer with it. */
export const WorkQueueForQueuesPanel = graphql(`
  fragment WorkQueueForQueuesPanel on WorkQueue {
    id
    key
    name
    slaMinutes
    openCount
  }
`);

export const AdminQueuesQuery = graphql(`
  query AdminQueues {
    workQueues {
      id
      ...WorkQueueForQueuesPanel
    }
  }
`);

export const CreateWorkQueueMutation = graphql(`
  mutation CreateWorkQueue($input: CreateWorkQueueInput!) {
    createWorkQueue(input: $input) {
      id
      overdueCount
      ...WorkQueueForQueuesPanel
    }
  }
`);

export const UpdateWorkQueueMutation = graphql(`
  mutation UpdateWorkQueue($key: String!, $name: String, $slaMinutes: Int) {
    updateWorkQueue(key: $key, name: $name, slaMinutes: $slaMinutes) {
      id
      ...WorkQueueForQueuesPanel
    }
  }
`);

function QueueRow({ queue: ref }: { queue: FragmentType<typeof WorkQueueForQueuesPanel> }) {
  const queue = getFragmentData(WorkQueueForQueuesPanel, ref);
  const { toast } = useToast();
  const [name, setName] = useState(queue.name);
  const [sla, setSla] = useState(String(queue.slaMinutes));
  const [problem, setProblem, onEdit] = useFormProblem();
  const [update, { loading }] = useMutation(UpdateWorkQueueMutation);
  const dirty = name !== queue.name || sla !== String(queue.slaMinutes);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!/^\d+$/.test(sla) || Number(sla) < 1 || Number(sla) > 525_600) return setProblem('SLA: whole minutes, 1 to 525,600 (a year).');
    try {
      await update({ variables: { key: queue.key, name: name.trim(), slaMinutes: Number(sla) } });
      toast({ title: `Queue ${queue.key} saved`, detail: 'Items already in it keep their due time.', tone: 'success' });
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <tr>
      <td>
        <code>{queue.key}</code>
      </td>
      <td colSpan={3}>
        <form className="inline-form" onSubmit={save} onChange={onEdit} aria-label={`Queue ${queue.key}`}>
          <Field label="Name">
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="SLA (minutes)" hint={/^\d+$/.test(sla) ? formatSla(Number(sla)) : undefined}>
            <input inputMode="numeric" value={sla} onChange={(e) => setSla(e.target.value)} />
          </Field>
          <span className="muted small">{queue.openCount} open</span>
          <button type="submit" className="button button-small" disabled={!dirty || loading}>
            {loading ? 'Saving…' : 'Save'}
          </button>
          {problem && (
            <span className="field-error" role="alert">
              {problem}
            </span>
          )}
        </form>
      </td>
    </tr>
  );
}

/** Work queues: rename, change SLAs, add new ones. */
export function QueuesPanel() {
  const { toast } = useToast();
  const { data, loading, error, refetch } = useQuery(AdminQueuesQuery, { fetchPolicy: 'cache-and-network' });
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [sla, setSla] = useState('480');
  const [problem, setProblem, onEdit] = useFormProblem();
  // The new queue joins the list (by key) from the answer.
  const [create, creating] = useMutation(CreateWorkQueueMutation, {
    update: (cache, { data }) => {
      if (data) addToList(cache, { fieldName: 'workQueues', orderBy: 'key' }, data.createWorkQueue);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!/^[A-Z0-9_]{1,32}$/.test(key)) return setProblem('Key: upper-case letters, digits and _, at most 32.');
    if (!name.trim()) return setProblem('Name the queue.');
    if (!/^\d+$/.test(sla) || Number(sla) < 1 || Number(sla) > 525_600) return setProblem('SLA: whole minutes, 1 to 525,600 (a year).');
    try {
      await create({ variables: { input: { key, name: name.trim(), slaMinutes: Number(sla) } } });
      toast({ title: `Queue ${key} created`, tone: 'success' });
      setKey('');
      setName('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div className="stack">
      <Card title="Work queues">
        <ErrorNotice error={error} title="Could not load queues" onRetry={() => void refetch()} />
        <table className="table">
          <caption className="sr-only">Work queues</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col" colSpan={3}>
                Settings
              </th>
            </tr>
          </thead>
          {loading && !data ? (
            <TableSkeleton columns={2} rows={4} />
          ) : (
            <tbody>
              {data?.workQueues.map((q) => (
                <QueueRow key={q.id} queue={q} />
              ))}
            </tbody>
          )}
        </table>
      </Card>
      <Card title="New queue">
        <form className="inline-form" onSubmit={submit} onChange={onEdit} noValidate>
          <Field label="Key">
            <input value={key} placeholder="VIP_CALLS" onChange={(e) => setKey(e.target.value.toUpperCase())} />
          </Field>
          <Field label="Name">
            <input value={name} placeholder="White-glove calls" onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="SLA (minutes)" hint={/^\d+$/.test(sla) ? formatSla(Number(sla)) : undefined}>
            <input inputMode="numeric" value={sla} onChange={(e) => setSla(e.target.value)} />
          </Field>
          <button type="submit" className="button button-primary" disabled={creating.loading}>
            {creating.loading ? 'Creating…' : 'Create queue'}
          </button>
          {problem && (
            <p className="notice notice-danger form-span" role="alert">
              {problem}
            </p>
          )}
        </form>
      </Card>
    </div>
  );
}
