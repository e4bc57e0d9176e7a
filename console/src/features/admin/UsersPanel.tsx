import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { Role } from '../../generated/graphql';
import { useCurrentUser } from '../../app/session';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Card } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { EditUserDialog } from './EditUserDialog';
import { ROLES } from './roles';

/** A user as the list and the edit dialog show them; creating and editing a user answer with it. */
export const UserForUsersPanel = graphql(`
  fragment UserForUsersPanel on User {
    id
    username
    displayName
    role
    active
  }
`);

export const UsersQuery = graphql(`
  query Users {
    users {
      id
      ...UserForUsersPanel
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      ...UserForUsersPanel
    }
  }
`);

export { ROLES };

/** Console users: who can sign in, with which role. */
export function UsersPanel() {
  const { toast } = useToast();
  const me = useCurrentUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('OPERATOR');
  const [problem, setProblem, onEdit] = useFormProblem();
  const { data, loading: listing, error, refetch } = useQuery(UsersQuery, { fetchPolicy: 'cache-and-network' });
  const [createUser, { loading }] = useMutation(CreateUserMutation, {
    // The list is ordered by username on the server; the new user takes its place there without another request.
    update: (cache, { data: created }) => {
      if (!created) return;
      cache.updateQuery({ query: UsersQuery }, (list) =>
        list
          ? {
              users: [...list.users.filter((u) => u.id !== created.createUser.id), created.createUser].sort((a, b) =>
                getFragmentData(UserForUsersPanel, a).username < getFragmentData(UserForUsersPanel, b).username ? -1 : 1,
              ),
            }
          : list,
      );
    },
  });
  const users = getFragmentData(UserForUsersPanel, data?.users ?? []);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = users.find((u) => u.id === editing);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!username.trim() || !displayName.trim()) return setProblem('Give a username and the name shown to others.');
    if (password.length < 8) return setProblem('The password needs at least 8 characters.');
    try {
      await createUser({
        variables: { input: { username: username.trim(), displayName: displayName.trim(), password, role } },
      });
      toast({ title: `User ${username.trim()} created`, detail: 'Share the password with them directly.', tone: 'success' });
      setUsername('');
      setDisplayName('');
      setPassword('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div className="grid grid-main-side">
      <Card title={data ? `Users (${users.length})` : 'Users'}>
        <ErrorNotice error={error} title="Could not load users" onRetry={() => void refetch()} />
        <table className="table">
          <caption className="sr-only">Users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          {listing && !data ? (
            <TableSkeleton columns={5} rows={3} />
          ) : (
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <span className="strong">{u.username}</span>
                    {u.id === me.id && <span className="muted small"> (you)</span>}
                  </td>
                  <td>{u.displayName}</td>
                  <td>
                    <span className="chip chip-neutral">{u.role.toLowerCase()}</span>
                  </td>
                  <td>
                    <span className={`chip ${u.active ? 'chip-success' : 'chip-danger'}`}>{u.active ? 'active' : 'deactivated'}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing(u.id)}
                      aria-label={`Edit ${u.username}`}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          )}
        </table>
        {data && users.length === 0 && <EmptyState title="No users yet" />}
        {edited && <EditUserDialog user={edited} isMe={edited.id === me.id} onClose={() => setEditing(null)} />}
      </Card>
      <Card title="New user">
        <form className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
          <Field label="Username">
            <input autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          </Field>
          <Field label="Display name">
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </Field>
          <Field label="Password" hint="At least 8 characters.">
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
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
            <button type="submit" className="button button-primary" disabled={loading}>
              {loading ? 'Creating…' : 'Create user'}
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}
