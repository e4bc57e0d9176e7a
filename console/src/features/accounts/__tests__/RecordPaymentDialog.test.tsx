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
  channel: 'CHECK',
  receivedAt: '2026-03-02T12:00:00.000Z',
  reference: null,
  allocations: [
    {
      __typename: 'PaymentAllocation',
      amount: '19.95',
      invoice: {
        __typename: 'Invoice',
        id: '4',
        number: 'INV-00000004',
        status: 'PAID',
        amountDue: '0.00',
        periodStart: '2026-01-01',
        periodEnd: '2026-02-01',
        issueDate: '2026-02-01',
        dueDate: '2026-02-22',
        total: '19.95',
        amountPaid: '19.95',
      },
    },
  ],
  // The answer carries the account's new figures, so its page updates without reading it again.
  account: {
    __typename: 'Account',
    id: '9',
    number: 'A-1',
    name: 'Penny Payer',
    email: null,
    phone: null,
    segment: 'RESIDENTIAL',
    status: 'ACTIVE',
    createdAt: '2026-01-05T10:00:00.000Z',
    balance: '0.00',
    pastDue: '0.00',
    daysPastDue: 0,
    collectionsPath: null,
    paymentPlan: null,
    invoices: { __typename: 'InvoiceConnection', totalCount: 1 },
    payments: { __typename: 'PaymentConnection', totalCount: 1 },
    collectionsActions: [],
    enrollments: [],
    openWork: { __typename: 'WorkItemConnection', totalCount: 0 },
    workInProgress: { __typename: 'WorkItemConnection', totalCount: 0 },
  },
};

describe('RecordPaymentDialog', () => {
  it('refuses an amount the API would not take', async () => {
    renderScreen(<RecordPaymentDialog accountNumber="A-1" onClose={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Amount' }), '19.999');
    expect(screen.getByRole('textbox', { name: 'Amount' })).toHaveAccessibleDescription(/up to two decimals/);
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Amount: An amount such as 120 or 120.50: digits and up to two decimals.');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Amount' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Amount' }), '0.00');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the amount received (more than zero).');
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
