import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountCredits, AccountCreditsQuery, RemovePendingChargeMutation } from '../AccountCredits';
import { renderScreen } from '../../../test/render';

const charge = (id: string, description: string, amount: string) => ({
  __typename: 'PendingCharge',
  id,
  description,
  amount,
  taxable: false,
  createdBy: 'olga',
  createdAt: '2026-03-02T09:30:00.000Z',
});

const credits = {
  request: { query: AccountCreditsQuery, variables: { id: '5' } },
  result: {
    data: {
      account: {
        __typename: 'Account',
        id: '5',
        number: 'A-5',
        balance: '40.00',
        unappliedCredit: '0.00',
        pendingCharges: [charge('11', 'Meter test fee', '25.00'), charge('12', 'Goodwill credit', '-10.00')],
        creditNotes: { __typename: 'CreditNoteConnection', totalCount: 0, nodes: [] },
      },
    },
  },
};

describe('AccountCredits', () => {
  it('asks before removing a pending charge, saying what goes and that the next invoice will not have it', async () => {
    const sent: string[] = [];
    renderScreen(<AccountCredits accountId="5" />, {
      sent,
      mocks: [
        credits,
        { request: { query: RemovePendingChargeMutation, variables: { id: '12' } }, result: { data: { removePendingCharge: true } } },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Goodwill credit…' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the pending credit?' });
    expect(dialog).toHaveTextContent('“Goodwill credit”, −$10.00, is taken off the account: it will not be on the next invoice.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Goodwill credit')).toBeInTheDocument();
    expect(sent).toEqual(['AccountCredits']);

    await userEvent.click(screen.getByRole('button', { name: 'Remove Meter test fee…' }));
    expect(screen.getByRole('dialog', { name: 'Remove the pending charge?' })).toHaveTextContent('“Meter test fee”, $25.00');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));

    await userEvent.click(screen.getByRole('button', { name: 'Remove Goodwill credit…' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove the credit' }));
    expect(await screen.findByText('"Goodwill credit" removed')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Remove Goodwill credit…' })).not.toBeInTheDocument();
    expect(screen.getByText('Meter test fee')).toBeInTheDocument();
    expect(sent).toEqual(['AccountCredits', 'RemovePendingCharge']);
  });
});
