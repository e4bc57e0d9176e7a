import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecordPaymentDialog, RecordPaymentMutation } from '../RecordPaymentDialog';
import { renderScreen } from '../../../test/render';

const payment = {
  __typename: 'Payment',
  id: '12',
  amount: '19.95',
  unapplied: '0.00',
  status: 'APPLIED',
  allocations: [
    {
      __typename: 'PaymentAllocation',
      amount: '19.95',
      invoice: { __typename: 'Invoice', id: '4', number: 'INV-00000004', status: 'PAID', amountDue: '0.00' },
    },
  ],
};

describe('RecordPaymentDialog', () => {
  it('refuses an amount the API would not take', async () => {
    renderScreen(<RecordPaymentDialog accountNumber="A-1" onClose={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Amount' }), '19.999');
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveAccessibleDescription(/up to two decimals/);
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the amount received');
  });

  it('retries with the same idempotency key, so one payment is recorded however often it is sent', async () => {
    const keys: string[] = [];
    const matches = (v: { input: { idempotencyKey: string; amount: string } }) => {
      keys.push(v.input.idempotencyKey);
      return v.input.amount === '19.95';
    };
    const onClose = jest.fn();
    renderScreen(<RecordPaymentDialog accountNumber="A-1" suggested="19.95" onClose={onClose} />, {
      mocks: [
        { request: { query: RecordPaymentMutation, variables: matches }, error: new TypeError('Failed to fetch') },
        { request: { query: RecordPaymentMutation, variables: matches }, result: { data: { recordPayment: payment } } },
      ],
    });
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveValue('19.95');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'CHECK');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The hub could not be reached');

    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText('Payment of $19.95 recorded')).toBeInTheDocument();
    expect(screen.getByText('Applied to INV-00000004.')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalled();
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^payment-/);
  });
});
