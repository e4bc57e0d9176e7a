import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import type { WebhookEndpointForListFragment } from '../../generated/graphql';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Card, Facts } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDateTime } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import {
  DeleteWebhookEndpointMutation,
  DisableWebhookEndpointMutation,
  EnableWebhookEndpointMutation,
  ReplayWebhookEndpointMutation,
  RotateWebhookSecretMutation,
  SendTestWebhookMutation,
} from './webhook-operations';
import { removeEverywhere } from '../../app/apollo/list-updates';

type Endpoint = WebhookEndpointForListFragment;

/** Asks before deleting: the endpoint and its delivery log go, and its receiver gets nothing more. */
function DeleteDialog({ endpoint, onClose }: { endpoint: Endpoint; onClose(): void }) {
  const { toast } = useToast();
  const [problem, setProblem] = useState<string | null>(null);
  // The endpoint leaves the cache, and with it the list: nothing to read again.
  const [remove, { loading }] = useMutation(DeleteWebhookEndpointMutation, {
    update: (cache) => removeEverywhere(cache, { __typename: 'WebhookEndpoint', id: endpoint.id }),
  });
  const confirm = async () => {
    try {
      await remove({ variables: { id: endpoint.id } });
      toast({ title: `Endpoint ${endpoint.url} deleted`, tone: 'info' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  return (
    <Modal
      title={`Delete the endpoint ${endpoint.url}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={loading}>
            {loading ? 'Deleting…' : 'Delete endpoint'}
          </button>
        </>
      }
    >
      <p>Its receiver gets no more events and its delivery log is removed. To pause delivery instead, disable it.</p>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}

/** One endpoint: its state, cursor lag, last attempts, and what an admin can do with it. */
export function EndpointCard({ endpoint, onSecret }: { endpoint: Endpoint; onSecret(secret: string): void }) {
  const { toast } = useToast();
  const [problem, setProblem, onEdit] = useFormProblem();
  const [replayFrom, setReplayFrom] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [test, setTest] = useState<string | null>(null);
  const [enable, enabling] = useMutation(EnableWebhookEndpointMutation);
  const [disable, disabling] = useMutation(DisableWebhookEndpointMutation);
  const [rotate, rotating] = useMutation(RotateWebhookSecretMutation);
  const [replay, replaying] = useMutation(ReplayWebhookEndpointMutation);
  const [sendTest, testing] = useMutation(SendTestWebhookMutation);
  const variables = { id: endpoint.id };

  const attempt = async (what: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await what();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  const runTest = () =>
    attempt(async () => {
      const { data } = await sendTest({ variables });
      const r = data?.sendTestWebhook;
      if (!r) return;
      setTest(
        r.succeeded
          ? `Test message ${r.messageId} answered HTTP ${r.statusCode} in ${r.durationMs} ms.`
          : `Test message ${r.messageId} failed after ${r.durationMs} ms: ${r.error ?? 'no answer'}.`,
      );
    });
  const submitReplay = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => {
      if (!/^\d+$/.test(replayFrom.trim())) throw new Error('Give an event id such as 1234, or 0 for every event kept.');
      await replay({ variables: { id: endpoint.id, after: replayFrom.trim() } });
      toast({ title: `Replaying events after ${replayFrom.trim()}`, tone: 'info' });
      setReplayFrom('');
    });
  };

  const enabled = endpoint.status === 'ENABLED';
  return (
    <Card
      title={endpoint.url}
      actions={<StatusChip status={endpoint.status} tone={enabled ? 'success' : 'danger'} />}
      className="webhook-endpoint"
    >
      <div className="stack">
        <Facts
          items={[
            ['API key', `${endpoint.apiKey.name} (${endpoint.apiKey.role.toLowerCase()})`],
            ['Events', endpoint.eventTypes.length ? endpoint.eventTypes.join(', ') : 'Every type the key may see'],
            ['Cursor', `event ${endpoint.cursor}`],
            ['Behind', endpoint.eventsBehind === 0 ? 'Caught up' : `${endpoint.eventsBehind.toLocaleString()} events to deliver`],
            ['Registered', formatDateTime(endpoint.createdAt)],
            ...(endpoint.description ? ([['Note', endpoint.description]] as Array<[string, string]>) : []),
            ...(endpoint.disabledReason ? ([['Disabled because', endpoint.disabledReason]] as Array<[string, string]>) : []),
            ...(endpoint.disabledAt ? ([['Disabled since', formatDateTime(endpoint.disabledAt)]] as Array<[string, string]>) : []),
          ]}
        />
        <div className="button-row">
          <button type="button" className="button button-small" onClick={() => void runTest()} disabled={testing.loading}>
            {testing.loading ? 'Sending…' : 'Send test event'}
          </button>
          {enabled ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => void attempt(() => disable({ variables }))}
              disabled={disabling.loading}
            >
              Disable
            </button>
          ) : (
            <button
              type="button"
              className="button button-small"
              onClick={() => void attempt(() => enable({ variables }))}
              disabled={enabling.loading}
            >
              Enable
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            disabled={rotating.loading}
            onClick={() =>
              void attempt(async () => {
                const { data } = await rotate({ variables });
                if (data) onSecret(data.rotateWebhookSecret.secret);
              })
            }
          >
            Rotate secret
          </button>
          <button type="button" className="button button-small button-danger-outline" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
        <form className="inline-form" onSubmit={submitReplay} onChange={onEdit} noValidate>
          <Field label="Replay after event" hint="Every kept event after this id is delivered again, in order; 0 for all.">
            <input value={replayFrom} onChange={(e) => setReplayFrom(e.target.value)} placeholder="0" inputMode="numeric" />
          </Field>
          <button type="submit" className="button button-small" disabled={replaying.loading}>
            Replay
          </button>
        </form>
        {test && (
          <p className="notice" role="status">
            {test}
          </p>
        )}
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
        <table className="table">
          <caption>Last attempts ({endpoint.deliveries.totalCount} in all)</caption>
          <thead>
            <tr>
              <th scope="col">At</th>
              <th scope="col">Event</th>
              <th scope="col">Attempt</th>
              <th scope="col">Answer</th>
              <th scope="col" className="num">
                Duration
              </th>
            </tr>
          </thead>
          <tbody>
            {endpoint.deliveries.nodes.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">{formatDateTime(d.at)}</td>
                <td>{d.eventId}</td>
                <td>{d.attempt}</td>
                <td>
                  <StatusChip
                    status={d.succeeded ? 'DELIVERED' : 'FAILED'}
                    tone={d.succeeded ? 'success' : 'danger'}
                    label={d.statusCode ? `HTTP ${d.statusCode}` : 'No answer'}
                  />
                  {d.error && <div className="muted small">{d.error}</div>}
                </td>
                <td className="num">{d.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deleting && <DeleteDialog endpoint={endpoint} onClose={() => setDeleting(false)} />}
    </Card>
  );
}
