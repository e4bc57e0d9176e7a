import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApplySuspensePaymentMutation, SuspensePayments, SuspensePaymentsQuery } from '../SuspensePayments';
import { renderScreen } from '../../../test/render';

const line = (id: string, reference: string, amount: string) => ({
  __typename: 'SuspensePayment',
  id,
  reference,
  amount,
  receivedAt: '2026-11-20T09:00:00.000Z',
  channel: 'CHECK',
  detail: `Check ${reference}, no account number`,
});

describe('SuspensePayments', () => {
  it('applies a line to an account: the line leaves the list without the list being read again', async () => {
    const sent: string[] = [];
    renderScreen(<SuspensePayments />, {
      sent,
      mocks: [
        {
          request: { query: SuspensePaymentsQuery },
          result: { data: { suspensePayments: [line('5', 'CHK-1001', '80.00'), line('6', 'CHK-1002', '12.50')] } },
        },
        {
          request: { query: ApplySuspensePaymentMutation, variables: { id: '5', accountNumber: 'A-100120' } },
          result: { data: { applySuspensePayment: { __typename: 'Payment', id: '91', amount: '80.00' } } },
        },
      ],
    });
    const row = (await screen.findByText('CHK-1001')).closest('tr')!;
    await userEvent.type(within(row).getByLabelText('Account for CHK-1001'), 'A-100120');
    await userEvent.click(within(row).getByRole('button', { name: 'Apply to account' }));

    expect(await screen.findByText('Applied 80.00 to A-100120')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('CHK-1001')).not.toBeInTheDocument());
    expect(screen.getByText('CHK-1002')).toBeInTheDocument();
    expect(sent).toEqual(['SuspensePayments', 'ApplySuspensePayment']);
  });
});
