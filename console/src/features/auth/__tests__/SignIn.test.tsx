import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignIn, LoginMutation } from '../SignIn';
import { hubError, renderScreen } from '../../../test/render';

const user = { __typename: 'User', id: '1', username: 'admin', displayName: 'Administrator', role: 'ADMIN' };

describe('SignIn', () => {
  it('keeps the token for the tab after a successful login', async () => {
    const { storage } = renderScreen(<SignIn />, {
      session: null,
      mocks: [
        {
          request: { query: LoginMutation, variables: { username: 'admin', password: 'secret-pass' } },
          result: { data: { login: { __typename: 'AuthPayload', token: 'jwt-123', user } } },
        },
      ],
    });
    await userEvent.type(screen.getByLabelText('Username'), ' admin ');
    await userEvent.type(screen.getByLabelText('Password'), 'secret-pass');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(JSON.parse(storage.getItem('billing-hub.session') ?? 'null')).toEqual({ token: 'jwt-123', user }));
  });

  it("shows the server's message when the credentials are refused", async () => {
    renderScreen(<SignIn />, {
      session: null,
      mocks: [
        {
          request: { query: LoginMutation, variables: { username: 'admin', password: 'wrong' } },
          result: hubError('Unknown username or wrong password', 'UNAUTHENTICATED'),
        },
      ],
    });
    await userEvent.type(screen.getByLabelText('Username'), 'admin');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown username or wrong password');
  });

  it('asks for both fields before calling the hub', async () => {
    renderScreen(<SignIn />, { session: null });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your username and password.');
  });
});
