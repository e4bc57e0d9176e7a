import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../generated';
import type { EventType } from '../../generated/graphql';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Card } from '../../shared/components/Page';
import { SecretNotice } from '../../shared/components/SecretNotice';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { EndpointCard } from './EndpointCard';
import { CreateWebhookEndpointMutation, WebhookEndpointForList, WebhookEndpointsQuery } from './webhook-operations';

/** "A, b ,c" as event type names; the server says which ones a key may not receive. */
function eventTypesOf(text: string): EventType[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean) as EventType[];
}

/** Webhook endpoints: where each API key's events are posted, how far behind each is, and what its receiver answered. */
export function WebhooksPanel() {
  const { data, loading, error, refetch } = useQuery(WebhookEndpointsQuery, { fetchPolicy: 'cache-and-network' });
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [apiKeyId, setApiKeyId] = useState('');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [create, creating] = useMutation(CreateWebhookEndpointMutation, {
    update: (cache, { data: created }) => {
      if (!created) return;
      cache.updateQuery({ query: WebhookEndpointsQuery }, (list) =>
        list ? { ...list, webhookEndpoints: [...list.webhookEndpoints, created.createWebhookEndpoint.endpoint] } : list,
      );
    },
  });
  const endpoints = getFragmentData(WebhookEndpointForList, data?.webhookEndpoints ?? []);
  const keys = (data?.apiKeys ?? []).filter((k) => !k.revokedAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!apiKeyId) return setProblem('Choose the API key whose events the endpoint receives.');
    if (!url.trim()) return setProblem('Give the URL the events are posted to, e.g. https://partner.example.com/hooks.');
    try {
      const { data: created } = await create({
        variables: { input: { apiKeyId, url: url.trim(), description: description.trim() || null, eventTypes: eventTypesOf(types) } },
      });
      if (created) setSecret({ url: url.trim(), value: created.createWebhookEndpoint.secret });
      setUrl('');
      setDescription('');
      setTypes('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div className="stack">
      {secret && (
        <SecretNotice
          title={`Signing secret for ${secret.url}: give it to the receiver now. It will not be shown again.`}
          label="Webhook signing secret"
          value={secret.value}
          onDone={() => setSecret(null)}
        />
      )}
      <div className="grid grid-main-side">
        <div className="stack">
          <ErrorNotice error={error} title="Could not load webhook endpoints" onRetry={() => void refetch()} />
          {loading && !data && <Loading label="Loading webhook endpoints…" />}
          {data && endpoints.length === 0 && (
            <EmptyState title="No webhook endpoints yet">
              Register one for each partner or integration that wants events posted to it.
            </EmptyState>
          )}
          {endpoints.map((e) => (
            <EndpointCard key={e.id} endpoint={e} onSecret={(value) => setSecret({ url: e.url, value })} />
          ))}
        </div>
        <Card title="New webhook endpoint">
          <form className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
            <Field label="API key" hint="The endpoint receives the events this key's role may see.">
              <select value={apiKeyId} onChange={(e) => setApiKeyId(e.target.value)}>
                <option value="">Choose a key…</option>
                {keys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name} ({k.role.toLowerCase()})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="URL">
              <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://partner.example.com/hooks" />
            </Field>
            <Field label="Note">
              <input value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
            <Field label="Event types" hint="Comma-separated, e.g. PRODUCT_CHANGED; blank for every type the key may see.">
              <input value={types} onChange={(e) => setTypes(e.target.value)} />
            </Field>
            {problem && (
              <p className="notice notice-danger form-span" role="alert">
                {problem}
              </p>
            )}
            <div className="form-span">
              <button type="submit" className="button button-primary" disabled={creating.loading}>
                {creating.loading ? 'Registering…' : 'Register endpoint'}
              </button>
            </div>
          </form>
        </Card>
      </div>
    </div>
  );
}
