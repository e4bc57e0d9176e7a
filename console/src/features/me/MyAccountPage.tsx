import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { useCurrentUser } from '../../app/session';
import { Field } from '../../shared/components/Field';
import { Card, PageHeader } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const ChangeMyPasswordMutation = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
    }
  }
`);

/** What is wrong with the form before it is sent, or null. */
export function passwordFormProblem(current: string, next: string, repeated: string): string | null {
  if (!current) return 'Give your current password.';
  if (next.length < 8 || next.length > 256) return 'The new password needs 8 to 256 characters.';
  if (next !== repeated) return 'The two new passwords differ.';
  if (next === current) return 'The new password must differ from the current one.';
  return null;
}

/** The signed-in user's own account: who they are, and a form to change their password. */
export function MyAccountPage() {
  const me = useCurrentUser();
  const { toast } = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [change, { loading }] = useMutation(ChangeMyPasswordMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wrong = passwordFormProblem(current, next, repeated);
    setProblem(wrong);
    if (wrong) return;
    try {
      await change({ variables: { currentPassword: current, newPassword: next } });
      toast({ title: 'Password changed', detail: 'Use the new one from your next sign-in.', tone: 'success' });
      setCurrent('');
      setNext('');
      setRepeated('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <>
      <PageHeader title="My account" subtitle={`${me.displayName} · ${me.username} · ${me.role.toLowerCase()}`} />
      <Card title="Change my password">
        <form className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
          <Field label="Current password">
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </Field>
          <Field label="New password" hint="8 to 256 characters.">
            <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
          </Field>
          <Field label="New password again">
            <input type="password" autoComplete="new-password" value={repeated} onChange={(e) => setRepeated(e.target.value)} />
          </Field>
          {problem && (
            <p className="notice notice-danger form-span" role="alert">
              {problem}
            </p>
          )}
          <div className="form-span">
            <button type="submit" className="button button-primary" disabled={loading}>
              {loading ? 'Changing…' : 'Change password'}
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}
