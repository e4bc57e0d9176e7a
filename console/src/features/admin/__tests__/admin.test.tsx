import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiKeysPanel, ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from '../ApiKeysPanel';
import { CreateUserMutation, UsersPanel, UsersQuery } from '../UsersPanel';
import { UpdateUserMutation } from '../EditUserDialog';
import { hubError, renderScreen } from '../../../test/render';

const ADMIN = { token: 'test-token', user: { id: '1', username: 'admin', displayName: 'Administrator', role: 'ADMIN' as const } };

const user = (id: string, username: string, displayName: string, role: string, active = true) => ({
  __typename: 'User',
  id,
  username,
  displayName,
  role,
  active,
});
const key = (id: string, name: string, revokedAt: string | null = null) => ({
  __typename: 'ApiKey',
  id,
  name,
  role: 'INTEGRATOR',
  createdAt: '2026-11-20T09:30:00.000Z',
  revokedAt,
});

const usersMock = {
  request: { query: UsersQuery },
  result: { data: { users: [user('1', 'admin', 'Administrator', 'ADMIN'), user('4', 'olga', 'Olga Operator', 'OPERATOR')] } },
};

const keysMock = {
  request: { query: ApiKeysQuery },
  result: { data: { apiKeys: [key('3', 'Partner portal'), key('2', 'Meter feed', '2026-11-21T08:00:00.000Z')] } },
};

describe('UsersPanel', () => {
  it('lists every user, not only those created in this session, and adds a new one in its place', async () => {
    renderScreen(<UsersPanel />, {
      session: ADMIN,
      mocks: [
        usersMock,
        {
          request: {
            query: CreateUserMutation,
            variables: { input: { username: 'dana', displayName: 'Dana Dialer', password: 'long enough', role: 'OPERATOR' } },
          },
          result: { data: { createUser: user('5', 'dana', 'Dana Dialer', 'OPERATOR') } },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Users' });
    await within(table).findByText('olga');
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['UsernameNameRoleStatusActions', 'admin (you)AdministratoradminactiveEdit', 'olgaOlga OperatoroperatoractiveEdit']);

    await userEvent.type(screen.getByLabelText('Username'), 'dana');
    await userEvent.type(screen.getByLabelText('Display name'), 'Dana Dialer');
    await userEvent.type(screen.getByLabelText('Password'), 'long enough');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User dana created')).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole<HTMLTableRowElement>('row')
        .map((r) => r.cells[0].textContent),
    ).toEqual(['Username', 'admin (you)', 'dana', 'olga']);
    expect(screen.getByRole('heading', { name: 'Users (3)' })).toBeInTheDocument();
  });
});

describe('editing a user', () => {
  it('deactivates a user, warning that they are signed out at once, and shows them deactivated', async () => {
    renderScreen(<UsersPanel />, {
      session: ADMIN,
      mocks: [
        usersMock,
        {
          request: { query: UpdateUserMutation, variables: { id: '4', input: { active: false } } },
          result: { data: { updateUser: user('4', 'olga', 'Olga Operator', 'OPERATOR', false) } },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Users' });
    await userEvent.click(await within(table).findByRole('button', { name: 'Edit olga' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit olga' });
    await userEvent.click(within(dialog).getByLabelText('Active: may sign in'));
    expect(within(dialog).getByText(/Olga Operator will be signed out at once/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('User olga saved')).toBeInTheDocument();
    expect(within(table).getByText('deactivated')).toBeInTheDocument();
  });
});

describe('ApiKeysPanel', () => {
  it('lists every key with its state; revoked keys cannot be revoked again', async () => {
    renderScreen(<ApiKeysPanel />, { session: ADMIN, mocks: [keysMock] });
    const table = await screen.findByRole('table', { name: 'API keys' });
    const portal = (await within(table).findByText('Partner portal')).closest('tr') as HTMLElement;
    const feed = within(table).getByText('Meter feed').closest('tr') as HTMLElement;
    expect(within(portal).getByText('Active')).toBeInTheDocument();
    expect(within(feed).getByText('Revoked')).toBeInTheDocument();
    expect(within(feed).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'API keys (1 active, 1 revoked)' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Key id')).not.toBeInTheDocument();
  });

  it('asks before revoking a key from the list, and does nothing when the admin keeps it', async () => {
    renderScreen(<ApiKeysPanel />, {
      session: ADMIN,
      mocks: [
        keysMock,
        {
          request: { query: RevokeApiKeyMutation, variables: { id: '3' } },
          result: { data: { revokeApiKey: { __typename: 'ApiKey', id: '3', revokedAt: '2026-11-22T10:00:00.000Z' } } },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Partner portal' }));
    let dialog = screen.getByRole('dialog', { name: 'Revoke API key Partner portal?' });
    expect(dialog).toHaveTextContent('cannot be restored');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the key' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Revoke Partner portal' }));
    dialog = screen.getByRole('dialog', { name: 'Revoke API key Partner portal?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText('API key Partner portal revoked')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const portal = screen.getByText('Partner portal').closest('tr') as HTMLElement;
    expect(within(portal).getByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Revoke / })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'API keys (0 active, 2 revoked)' })).toBeInTheDocument();
  });

  it("shows the server's reason in the dialog when the key was revoked meanwhile, and reloads the list", async () => {
    renderScreen(<ApiKeysPanel />, {
      session: ADMIN,
      mocks: [
        keysMock,
        {
          request: { query: RevokeApiKeyMutation, variables: { id: '3' } },
          result: hubError('API key 3 is already revoked', 'INVALID_STATE'),
        },
        {
          request: { query: ApiKeysQuery },
          result: {
            data: { apiKeys: [key('3', 'Partner portal', '2026-11-22T09:59:00.000Z'), key('2', 'Meter feed', '2026-11-21T08:00:00.000Z')] },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Partner portal' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('API key 3 is already revoked');
    expect(await screen.findByRole('heading', { name: 'API keys (0 active, 2 revoked)' })).toBeInTheDocument();
  });

  it('shows the secret of a new key once and puts the key on top of the list', async () => {
    renderScreen(<ApiKeysPanel />, {
      session: ADMIN,
      mocks: [
        keysMock,
        {
          request: { query: CreateApiKeyMutation, variables: { input: { name: 'Billing scheduler', role: 'INTEGRATOR' } } },
          result: {
            data: {
              createApiKey: {
                __typename: 'ApiKeyWithSecret',
                secret: 'hub_k_4_s3cr3t',
                apiKey: { ...key('4', 'Billing scheduler'), createdAt: '2026-11-22T10:00:00.000Z' },
              },
            },
          },
        },
      ],
    });
    await screen.findByText('Partner portal');
    await userEvent.type(screen.getByLabelText('Name'), 'Billing scheduler');
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByLabelText('API key secret')).toHaveTextContent('hub_k_4_s3cr3t');
    const table = screen.getByRole('table', { name: 'API keys' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Billing scheduler');
    expect(within(table).queryByText('hub_k_4_s3cr3t')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'I saved it' }));
    expect(screen.queryByText('hub_k_4_s3cr3t')).not.toBeInTheDocument();
    expect(within(table).getByText('Billing scheduler')).toBeInTheDocument();
  });
});
