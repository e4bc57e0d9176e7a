import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvoiceDispute, OpenDisputeMutation } from '../InvoiceDispute';
import { renderScreen } from '../../../test/render';

const dispute = (status: string) => ({
  __typename: 'Dispute',
  id: '4',
  status,
  reason: 'Meter read twice',
  openedBy: 'olga',
  openedAt: '2026-11-22T10:00:00.000Z',
  resolution: null,
  resolvedAt: null,
  creditNote: null,
});

const invoice = (status: string, d: ReturnType<typeof dispute> | null) => ({
  __typename: 'Invoice' as const,
  id: '9',
  status,
  creditNotes: [{ __typename: 'CreditNote', id: '7', number: 'CN-00000007' }],
  dispute: d,
});

describe('InvoiceDispute', () => {
  it('opens a dispute on an ISSUED invoice, asking for the reason first', async () => {
    renderScreen(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      <InvoiceDispute invoice={invoice('ISSUED', null) as any} />,
      {
        mocks: [
          {
            request: { query: OpenDisputeMutation, variables: { invoiceId: '9', reason: 'Meter read twice' } },
            result: { data: { openDispute: { __typename: 'Dispute', id: '4', invoice: invoice('ISSUED', dispute('OPEN')) } } },
          },
        ],
      },
    );
    expect(screen.getByText('Not disputed.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open dispute' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Say what the customer disputes.');
    await userEvent.type(screen.getByLabelText('Reason'), 'Meter read twice');
    await userEvent.click(screen.getByRole('button', { name: 'Open dispute' }));
    await waitFor(() => expect(screen.getByLabelText('Reason')).toHaveValue(''));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('resolves an OPEN dispute: UPHELD needs a credit note', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    renderScreen(<InvoiceDispute invoice={invoice('ISSUED', dispute('OPEN')) as any} />);
    expect(screen.getByText(/Meter read twice/)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Outcome'), 'UPHELD');
    await userEvent.type(screen.getByLabelText('Resolution'), 'Credited');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve dispute' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the credit note');
  });

  it('keeps the outcomes short enough to read, with what each does said beside the choice', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    renderScreen(<InvoiceDispute invoice={invoice('ISSUED', dispute('OPEN')) as any} />);
    const outcome = screen.getByLabelText('Outcome');
    expect(
      within(outcome)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Rejected', 'Upheld']);
    expect(outcome).toHaveAccessibleDescription(/collections count from its original due date/);
    await userEvent.selectOptions(outcome, 'UPHELD');
    expect(outcome).toHaveAccessibleDescription(/a credit note issued for the invoice settles it/);
  });

  it('offers nothing on a PAID invoice without an OPEN dispute', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    renderScreen(<InvoiceDispute invoice={invoice('PAID', null) as any} />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
