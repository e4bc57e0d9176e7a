import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountControls, AccountControlsQuery, HoldCollectionsMutation, ReleaseCollectionsHoldMutation } from '../AccountControls';
import { renderScreen } from '../../../test/render';

const account = (hold: Record<string, unknown> | null) => ({
  __typename: 'Account',
  id: '9',
  number: 'A-1',
  collectionsHold: hold,
  protections: [
    {
      __typename: 'AccountProtection',
      code: 'CRITICAL_CARE',
      until: null,
      note: 'Oxygen concentrator',
      setBy: 'olga',
      setAt: '2026-03-01T09:00:00.000Z',
    },
  ],
});
const HOLD = {
  __typename: 'CollectionsHold',
  until: '2026-04-01',
  reason: 'Hardship review',
  createdBy: 'sam',
  createdAt: '2026-03-02T10:00:00.000Z',
};

describe('AccountControls', () => {
  it('shows the hold and the protections with who set them and why, and releases the hold', async () => {
    renderScreen(<AccountControls accountId="9" />, {
      mocks: [
        { request: { query: AccountControlsQuery, variables: { id: '9' } }, result: { data: { account: account(HOLD) } } },
        {
          request: { query: ReleaseCollectionsHoldMutation, variables: { accountId: '9' } },
          result: { data: { releaseCollectionsHold: account(null) } },
        },
      ],
    });
    expect(await screen.findByText(/Hardship review/)).toBeInTheDocument();
    expect(screen.getByText(/set by sam/)).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /CRITICAL_CARE/ });
    expect(within(row).getByText('Oxygen concentrator')).toBeInTheDocument();
    expect(within(row).getByText(/olga/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Release hold' }));
    expect(await screen.findByText('Hold released')).toBeInTheDocument();
    expect(await screen.findByText(/No hold/)).toBeInTheDocument();
  });

  it('places a hold from its form and shows the API refusal of a day not after today', async () => {
    renderScreen(<AccountControls accountId="9" />, {
      mocks: [
        { request: { query: AccountControlsQuery, variables: { id: '9' } }, result: { data: { account: account(null) } } },
        {
          request: { query: HoldCollectionsMutation, variables: { accountId: '9', until: '2020-01-01', reason: 'Storm' } },
          result: {
            errors: [
              {
                message: 'until 2020-01-01 is not after today (2026-03-02); a hold must end on a later day',
                extensions: { code: 'BAD_USER_INPUT' },
              },
            ],
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Hold collections' }));
    const form = screen.getByRole('form', { name: 'Hold collections' });
    await userEvent.type(within(form).getByLabelText('Hold until'), '2020-01-01');
    await userEvent.type(within(form).getByLabelText('Reason'), 'Storm');
    await userEvent.click(within(form).getByRole('button', { name: 'Hold collections' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not after today/);
  });
});
