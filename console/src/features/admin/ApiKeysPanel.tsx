import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { Role } from '../../generated/graphql';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Card } from '../../shared/components/Page';
import { SecretNotice } from '../../shared/components/SecretNotice';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDateTime } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { ROLES } from './UsersPanel';

/** A key as the list shows it; creating and revoking a key answer with it. */
export const ApiKeyForApiKeysPanel = graphql(`
  fragment ApiKeyForApiKeysPanel on ApiKey {
    id
    name
    role
    createdAt
    revokedAt
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      ...ApiKeyForApiKeysPanel
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        ...ApiKeyForApiKeysPanel
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      ...ApiKeyForApiKeysPanel
    }
  }
`);

interface KeyRow {
  id: string;
  name: string;
  role: Role;
}

/** Asks before revoking: whoever uses the key is cut off at once, and a revoked key cannot be restored. */
function RevokeDialog({ apiKey, onClose, onStale }: { apiKey: KeyRow; onClose(): void; onStale(): void }) {
  const { toast } = useToast();
  const [problem, setProblem] = useState<string | null>(null);
  const [revokeKey, { loading }] = useMutation(RevokeApiKeyMutation);

  const revoke = async () => {
    setProblem(null);
    try {
      await revokeKey({ variables: { id: apiKey.id } });
      toast({ title: `API key ${apiKey.name} revoked`, detail: 'Connections using it are closed.', tone: 'info' });
      onClose();
    } catch (e) {
      const { message, code } = describeError(e);
      setProblem(message);
      // Someone else revoked it meanwhile: the list should say so.
      if (code === 'INVALID_STATE') onStale();
    }
  };

  return (
    <Modal
      title={`Revoke API key ${apiKey.name}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep the key
          </button>
          <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={loading}>
            {loading ? 'Revoking…' : 'Revoke key'}
          </button>
        </>
      }
    >
      <div className="stack">
        <p>
          Requests with this key ({apiKey.role.toLowerCase()}, id {apiKey.id}) are refused from now on, and its open connections are closed.
          A revoked key cannot be restored: whoever uses it needs a new one.
        </p>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </div>
    </Modal>
  );
}

/** API keys for partners and integrators: the secret is shown once, here, and never again. */
export function ApiKeysPanel() {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('INTEGRATOR');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const { data, loading, error, refetch } = useQuery(ApiKeysQuery, { fetchPolicy: 'cache-and-network' });
  const [createKey, creating] = useMutation(CreateApiKeyMutation, {
    // Newest first, as the server lists them: the new key goes on top without another request.
    update: (cache, { data: created }) => {
      if (!created) return;
      const key = created.createApiKey.apiKey;
      cache.updateQuery({ query: ApiKeysQuery }, (list) =>
        list ? { apiKeys: [key, ...list.apiKeys.filter((k) => k.id !== key.id)] } : list,
      );
    },
  });
  const keys = getFragmentData(ApiKeyForApiKeysPanel, data?.apiKeys ?? []);
  const active = keys.filter((k) => !k.revokedAt).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!name.trim()) return setProblem('Name the key after who uses it, e.g. "Partner portal".');
    try {
      const { data: created } = await createKey({ variables: { input: { name: name.trim(), role } } });
      if (created)
        setSecret({ name: getFragmentData(ApiKeyForApiKeysPanel, created.createApiKey.apiKey).name, value: created.createApiKey.secret });
      setName('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div className="stack">
      {secret && (
        <SecretNotice
          title={`Secret for ${secret.name}: copy it now. It is stored only as a hash and will not be shown again.`}
          label="API key secret"
          value={secret.value}
          onDone={() => setSecret(null)}
        />
      )}
      <div className="grid grid-main-side">
        <Card title={data ? `API keys (${active} active, ${keys.length - active} revoked)` : 'API keys'}>
          <ErrorNotice error={error} title="Could not load API keys" onRetry={() => void refetch()} />
          <table className="table">
            <caption className="sr-only">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            {loading && !data ? (
              <TableSkeleton columns={5} rows={3} />
            ) : (
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td>
                      <span className={k.revokedAt ? 'muted' : 'strong'}>{k.name}</span>
                      <div className="muted small">id {k.id}</div>
                    </td>
                    <td>{k.role.toLowerCase()}</td>
                    <td className="nowrap">{formatDateTime(k.createdAt)}</td>
                    <td>
                      {k.revokedAt ? (
                        <>
                          <StatusChip status="REVOKED" tone="danger" label="Revoked" />
                          <div className="muted small nowrap">{formatDateTime(k.revokedAt)}</div>
                        </>
                      ) : (
                        <StatusChip status="ACTIVE" />
                      )}
                    </td>
                    <td className="num">
                      {!k.revokedAt && (
                        <button
                          type="button"
                          className="button button-small button-danger-outline"
                          aria-label={`Revoke ${k.name}`}
                          onClick={() => setRevoking(k)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            )}
          </table>
          {data && keys.length === 0 && <EmptyState title="No API keys yet">Create one for each integration or partner.</EmptyState>}
        </Card>
        <Card title="New API key">
          <form className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
            <Field label="Name">
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label="Role">
              <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map(([r, label]) => (
                  <option key={r} value={r}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            {problem && (
              <p className="notice notice-danger form-span" role="alert">
                {problem}
              </p>
            )}
            <div className="form-span">
              <button type="submit" className="button button-primary" disabled={creating.loading}>
                {creating.loading ? 'Creating…' : 'Create key'}
              </button>
            </div>
          </form>
        </Card>
      </div>
      {revoking && <RevokeDialog apiKey={revoking} onClose={() => setRevoking(null)} onStale={() => void refetch()} />}
    </div>
  );
}
