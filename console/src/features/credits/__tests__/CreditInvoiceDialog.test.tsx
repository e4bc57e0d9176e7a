import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CreditInvoiceDialog, CreditInvoiceMutation, InvoiceForCreditInvoiceDialog } from '../CreditInvoiceDialog';
import { makeFragmentData } from '../../../generated';
import { hubError, renderScreen } from '../../../test/render';

const lines = [
  { __typename: 'InvoiceLine' as const, id: '31', kind: 'USAGE' as const, description: 'Energy', amount: '45.00' },
  { __typename: 'InvoiceLine' as const, id: '32', kind: 'FIXED' as const, description: 'Monthly charge', amount: '9.95' },
];
const invoice = makeFragmentData(
  {
    id: '9',
    number: 'INV-00000009',
    total: '54.95',
    amountCredited: '10.00',
    lines,
    creditNotes: [{ id: '3', lines: [{ amount: '10.00', invoiceLine: { id: '31' } }] }],
  },
  InvoiceForCreditInvoiceDialog,
);

const answer = {
  __typename: 'CreditNote',
  id: '4',
  number: 'CN-00000004',
  total: '12.50',
  appliedToInvoice: '12.50',
  invoice: {
    __typename: 'Invoice',
    id: '9',
    status: 'ISSUED',
    amountPaid: '0.00',
    amountDue: '32.45',
    amountCredited: '22.50',
    number: 'INV-00000009',
    periodStart: '2026-10-01',
    periodEnd: '2026-11-01',
    total: '54.95',
    lines,
    creditNotes: [],
    account: { __typename: 'Account', id: '5', number: 'A-5', name: 'Hugo Heldman', segment: 'RESIDENTIAL' },
  },
  account: { __typename: 'Account', id: '5', number: 'A-5', balance: '32.45', pastDue: '0.00', unappliedCredit: '0.00' },
};

describe('CreditInvoiceDialog', () => {
  it('shows what each line has left and credits the amounts typed, with a reason', async () => {
    const onClose = jest.fn();
    renderScreen(<CreditInvoiceDialog invoice={invoice} left="44.95" onClose={onClose} />, {
      mocks: [
        {
          request: {
            query: CreditInvoiceMutation,
            variables: {
              input: { invoiceId: '9', reason: 'Estimated read', items: [{ invoiceLineId: '31', amount: '12.50' }], rebill: null },
            },
          },
          result: { data: { creditInvoice: answer } },
        },
      ],
    });
    const dialog = screen.getByRole('dialog', { name: 'Credit invoice INV-00000009' });
    expect(dialog).toHaveTextContent('Left to credit: $44.95');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'By line' }));
    const lines = within(dialog).getByRole('table', { name: 'Amounts to credit per line' });
    expect(within(lines).getAllByRole('row')[1]).toHaveTextContent('$35.00');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Credit on Energy' }), '12.50');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Estimated read');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(await screen.findByText('Credit note CN-00000004 issued')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalled();
  });

  it("needs a reason, and shows the server's refusal in the dialog", async () => {
    renderScreen(<CreditInvoiceDialog invoice={invoice} left="44.95" onClose={jest.fn()} />, {
      mocks: [
        {
          request: {
            query: CreditInvoiceMutation,
            variables: { input: { invoiceId: '9', reason: 'Goodwill', items: null, rebill: false } },
          },
          result: hubError('Invoice INV-00000009 is VOID; only an ISSUED or PAID invoice can be credited', 'INVALID_STATE'),
        },
      ],
    });
    const dialog = screen.getByRole('dialog', { name: 'Credit invoice INV-00000009' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say why');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Goodwill');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(await within(dialog).findByText(/only an ISSUED or PAID invoice/)).toBeInTheDocument();
  });
});
