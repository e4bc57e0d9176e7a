import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountPlan, AccountPlanQuery, CancelPaymentPlanMutation } from '../AccountPlan';
import { accountHeader } from '../../../test/account-header';
import { renderScreen } from '../../../test/render';

const plan = (status: string) => ({
  __typename: 'PaymentPlan',
  id: '3',
  status,
  total: '300.00',
  createdAt: '2026-03-01T10:00:00.000Z',
  installments: [
    { __typename: 'Installment', dueDate: '2026-04-01', amount: '150.00', paid: '0.00', status: 'DUE' },
    { __typename: 'Installment', dueDate: '2026-05-01', amount: '150.00', paid: '0.00', status: 'DUE' },
  ],
});

describe('the account plan', () => {
  it('asks before cancelling the plan, and sends nothing when the operator goes back', async () => {
    const sent: string[] = [];
    renderScreen(<AccountPlan accountId="9" onNewPlan={() => undefined} />, {
      sent,
      mocks: [
        {
          request: { query: AccountPlanQuery, variables: { id: '9' } },
          result: { data: { account: { __typename: 'Account', id: '9', pastDue: '300.00', paymentPlan: plan('ACTIVE') } } },
        },
        {
          request: { query: CancelPaymentPlanMutation, variables: { id: '3' } },
          result: {
            data: { cancelPaymentPlan: { ...plan('CANCELLED'), account: accountHeader({ pastDue: '300.00', balance: '300.00' }) } },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel plan…' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Cancel the payment plan?' })).getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(sent).toEqual(['AccountPlan']);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel plan…' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel the payment plan?' });
    expect(dialog).toHaveTextContent('collections resume on the account at the next run');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the plan' }));
    expect(await screen.findByText('Payment plan cancelled')).toBeInTheDocument();
    expect(sent).toEqual(['AccountPlan', 'CancelPaymentPlan']);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel plan…' })).not.toBeInTheDocument();
  });
});
