import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvoicePage, InvoiceReviewQuery, ReleaseInvoiceMutation, VoidInvoiceMutation } from '../InvoicePage';
import { enrollmentsCovering } from '../BlockedAccounts';
import { hubError, renderScreen } from '../../../test/render';

const line = (kind: string, amount: string, quantity: string | null = null) => ({
  __typename: 'InvoiceLine',
  id: `line-${kind}`,
  kind,
  description: kind === 'USAGE' ? 'Energy' : 'Monthly charge',
  quantity,
  unitPrice: quantity ? '0.10' : null,
  amount,
  periodStart: kind === 'USAGE' ? '2026-04-01' : null,
  periodEnd: kind === 'USAGE' ? '2026-05-01' : null,
  taxCode: null as string | null,
});

const tax = (code: string, amount: string, description: string) => ({
  ...line('TAX', amount),
  id: `line-TAX-${code}`,
  description,
  taxCode: code,
});

const history = (id: string, start: string, end: string, kwh: string, total: string, status = 'ISSUED') => ({
  __typename: 'Invoice',
  id,
  number: `INV-0000000${id}`,
  status,
  periodStart: start,
  periodEnd: end,
  total,
  lines: [
    { __typename: 'InvoiceLine', kind: 'USAGE', quantity: kwh },
    { __typename: 'InvoiceLine', kind: 'FIXED', quantity: null },
  ],
});

function held(status = 'HELD', lines = [line('USAGE', '310.00', '3100'), line('FIXED', '9.95')], total = '319.95') {
  return {
    __typename: 'Invoice',
    id: '9',
    number: 'INV-00000009',
    status,
    periodStart: '2026-04-01',
    periodEnd: '2026-05-01',
    issueDate: status === 'HELD' ? null : '2026-11-22',
    dueDate: status === 'HELD' ? null : '2026-12-13',
    total,
    amountPaid: '0.00',
    amountCredited: '0.00',
    voidReason: null,
    creditNotes: [],
    dispute: null,
    amountDue: total,
    createdAt: '2026-11-22T10:00:00.000Z',
    previewUrl: status === 'HELD' ? '/documents/preview/9.pdf' : null,
    document: null,
    billRun: { __typename: 'BillRun', id: '4', asOf: '2026-05-01' },
    lines,
    exceptions: [
      {
        __typename: 'BillingException',
        id: '21',
        code: 'HIGH_CONSUMPTION',
        severity: 'THRESHOLD',
        status: status === 'HELD' ? 'OPEN' : 'RESOLVED',
        message: 'Average daily usage 103.33 kWh is more than 2 times the 9.97 kWh of the last 3 invoices',
        resolvedAt: null,
        workItem: { __typename: 'WorkItem', id: '30', status: 'OPEN', queue: { __typename: 'WorkQueue', id: '2', key: 'INVOICE_REVIEW' } },
      },
    ],
    account: {
      __typename: 'Account',
      id: '5',
      number: 'A-5',
      name: 'Hugo Heldman',
      segment: 'RESIDENTIAL',
      status: 'ACTIVE',
      balance: '0.00',
      pastDue: '0.00',
      invoices: {
        __typename: 'InvoiceConnection',
        nodes: [
          // A later month: not this invoice's past.
          history('10', '2026-05-01', '2026-06-01', '900', '99.95'),
          { ...history('9', '2026-04-01', '2026-05-01', '3100', '319.95', status) },
          history('3', '2026-03-01', '2026-04-01', '310', '40.95'),
          history('2', '2026-02-01', '2026-03-01', '280', '37.95'),
          history('1', '2026-01-01', '2026-02-01', '300', '39.95'),
        ],
      },
    },
  };
}

const review = (status?: string, lines?: ReturnType<typeof line>[], total?: string) => ({
  request: { query: InvoiceReviewQuery, variables: { id: '9' } },
  result: { data: { invoice: held(status, lines, total) } },
});

describe('InvoicePage', () => {
  it('shows why the invoice is held, its lines and the usage of previous invoices beside it', async () => {
    renderScreen(<InvoicePage id="9" />, { mocks: [review()] });
    const why = await screen.findByRole('region', { name: 'Why this invoice is held' });
    expect(why).toHaveTextContent(/high consumption/i);
    expect(why).toHaveTextContent('more than 2 times');
    const lines = screen.getByRole('table', { name: 'Invoice lines' });
    expect(within(lines).getByText('3,100')).toBeInTheDocument();
    expect(within(lines).getByText('$319.95')).toBeInTheDocument();
    const previous = screen.getByRole('table', { name: 'Previous invoices of the account' });
    const rows = within(previous).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Mar 1 – Apr 1, 2026');
    expect(rows[1]).toHaveTextContent('10');
    expect(rows).toHaveLength(4);
    expect(previous).not.toHaveTextContent('May 1 – Jun 1');
    expect(screen.getByText('3,100 over 30 days')).toBeInTheDocument();
  });

  it('shows the subtotal before tax, then one line per tax code, then the total', async () => {
    const lines = [
      line('USAGE', '310.00', '3100'),
      line('FIXED', '9.95'),
      tax('CITY_UTILITY', '12.40', 'Northville utility tax 4% of 310.00'),
      tax('STATE', '20.00', 'State sales tax 6.25% of 319.95'),
    ];
    renderScreen(<InvoicePage id="9" />, { mocks: [review('HELD', lines, '352.35')] });
    const table = await screen.findByRole('table', { name: 'Invoice lines' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows.slice(3)).toEqual([
      expect.stringMatching(/^Subtotal before tax\$319\.95$/),
      expect.stringMatching(/^tax CITY_UTILITYNorthville utility tax 4% of 310\.00.*\$12\.40$/),
      expect.stringMatching(/^tax STATEState sales tax 6\.25% of 319\.95.*\$20\.00$/),
      expect.stringMatching(/^Total\$352\.35$/),
    ]);
  });

  it('shows no subtotal on an invoice without taxes', async () => {
    renderScreen(<InvoicePage id="9" />, { mocks: [review()] });
    await screen.findByRole('table', { name: 'Invoice lines' });
    expect(screen.queryByText('Subtotal before tax')).not.toBeInTheDocument();
  });

  it('releases with an optional note, and shows the issued invoice from the answer without reading it again', async () => {
    const sent: string[] = [];
    renderScreen(<InvoicePage id="9" />, {
      sent,
      mocks: [
        review(),
        {
          request: { query: ReleaseInvoiceMutation, variables: { id: '9', note: 'Heat pump installed' } },
          result: {
            data: {
              releaseInvoice: {
                __typename: 'Invoice',
                id: '9',
                number: 'INV-00000009',
                status: 'ISSUED',
                periodStart: '2026-04-01',
                periodEnd: '2026-05-01',
                total: '319.95',
                amountPaid: '0.00',
                amountCredited: '0.00',
                account: { __typename: 'Account', id: '5', number: 'A-5', name: 'Hugo Heldman', segment: 'RESIDENTIAL' },
                issueDate: '2026-11-22',
                dueDate: '2026-12-13',
                amountDue: '319.95',
                previewUrl: null,
                document: { __typename: 'Document', id: '70', url: '/documents/70.pdf', pages: 2 },
                exceptions: [
                  {
                    ...held().exceptions[0],
                    status: 'RESOLVED',
                    resolvedAt: '2026-11-22T10:05:00.000Z',
                    workItem: { ...held().exceptions[0].workItem, status: 'RESOLVED' },
                  },
                ],
              },
            },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Release' }));
    const dialog = screen.getByRole('dialog', { name: 'Release invoice INV-00000009' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Note (optional)' }), 'Heat pump installed');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Release and issue' }));
    expect(await screen.findByText('Invoice INV-00000009 released')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Invoice INV-00000009/ })).toHaveTextContent('Issued');
    expect(screen.queryByRole('button', { name: 'Release' })).not.toBeInTheDocument();
    expect(screen.getByText('2 pages, stored when the invoice was issued.')).toBeInTheDocument();
    expect(sent).toEqual(['InvoiceReview', 'ReleaseInvoice']);
  });

  it("needs a reason to void and shows the server's refusal in the dialog", async () => {
    renderScreen(<InvoicePage id="9" />, {
      mocks: [
        review(),
        {
          request: { query: VoidInvoiceMutation, variables: { id: '9', reason: 'Meter misread', cancelReads: false } },
          result: hubError('Invoice INV-00000009 has payments; reverse them first', 'INVALID_STATE'),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Void' }));
    const dialog = screen.getByRole('dialog', { name: 'Void invoice INV-00000009' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Void invoice' }));
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveAccessibleDescription(/Give the reason/);
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Meter misread');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Void invoice' }));
    expect(await within(dialog).findByText('Invoice INV-00000009 has payments; reverse them first')).toBeInTheDocument();
  });
});

describe('blocked accounts', () => {
  it('points a missing rate at the products enrolled during the blocked period', () => {
    const product = (id: string) => ({ id, code: `P${id}`, name: `Product ${id}` });
    const enrollments = [
      { id: '1', startDate: '2025-01-01', endDate: '2026-01-01', product: product('1') },
      { id: '2', startDate: '2026-01-01', endDate: null, product: product('2') },
    ];
    expect(enrollmentsCovering(enrollments, '2026-02-01', '2026-03-01').map((e) => e.id)).toEqual(['2']);
    expect(enrollmentsCovering(enrollments, '2025-12-15', '2026-01-15').map((e) => e.id)).toEqual(['1', '2']);
  });
});
