import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { useSession } from '../../app/session';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        id
        username
        displayName
        role
      }
    }
  }
`);

/** The console's front door: a console user's name and password for a token kept for this tab. */
export function SignIn() {
  const { signIn, endedBecause } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [login, { loading }] = useMutation(LoginMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!username.trim() || !password) {
      setProblem('Enter your username and password.');
      return;
    }
    try {
      const { data } = await login({ variables: { username: username.trim(), password } });
      if (data) signIn({ token: data.login.token, user: data.login.user });
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} onChange={onEdit} aria-labelledby="signin-title" noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          <span>Billing hub</span>
        </div>
        <h1 id="signin-title">Sign in to the operator console</h1>
        {endedBecause && !problem && (
          <p className="notice notice-warning" role="status">
            {endedBecause}
          </p>
        )}
        <label className="field">
          <span className="field-label">Username</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">Your session lasts until you sign out or close this tab.</p>
      </form>
    </main>
  );
}
