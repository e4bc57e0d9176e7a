import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import type { Role } from '../../generated/graphql';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { ROLES } from './roles';

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      ...UserForUsersPanel
    }
  }
`);

export const SetUserPasswordMutation = graphql(`
  mutation SetUserPassword($id: ID!, $password: String!) {
    setUserPassword(id: $id, password: $password) {
      id
    }
  }
`);

interface EditableUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

/** An admin changes a user's name, role or active flag, or resets the password; the last two sign the user out everywhere. */
export function EditUserDialog({ user, isMe, onClose }: { user: EditableUser; isMe: boolean; onClose(): void }) {
  const { toast } = useToast();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [update, updating] = useMutation(UpdateUserMutation);
  const [reset, resetting] = useMutation(SetUserPasswordMutation);
  const busy = updating.loading || resetting.loading;
  const signsOut = (user.active && !active) || role !== user.role || password.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!displayName.trim()) return setProblem('Give the name shown to others.');
    if (password && password.length < 8) return setProblem('A new password needs at least 8 characters.');
    const input: { displayName?: string; role?: Role; active?: boolean } = {};
    if (displayName.trim() !== user.displayName) input.displayName = displayName.trim();
    if (role !== user.role) input.role = role;
    if (active !== user.active) input.active = active;
    try {
      if (Object.keys(input).length > 0) await update({ variables: { id: user.id, input } });
      if (password) await reset({ variables: { id: user.id, password } });
      toast({
        title: `User ${user.username} saved`,
        detail: signsOut ? 'Their sessions have ended: they sign in again.' : undefined,
        tone: 'success',
      });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Edit ${user.username}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="edit-user-form" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <form id="edit-user-form" className="stack" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="Display name">
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field label="Role" hint={isMe ? 'Another admin can change your role.' : undefined}>
          <select value={role} disabled={isMe} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map(([r, label]) => (
              <option key={r} value={r}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={active} disabled={isMe} onChange={(e) => setActive(e.target.checked)} />
          Active: may sign in
        </label>
        {isMe ? (
          <p className="muted small">Change your own password under your name in the sidebar (My account).</p>
        ) : (
          <Field label="New password" hint="Leave empty to keep the current one. At least 8 characters; share it with them directly.">
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        )}
        {signsOut && (
          <p className="notice notice-warning">
            {isMe ? 'You will be signed out' : `${user.displayName} will be signed out`} at once, on every open console.
          </p>
        )}
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
