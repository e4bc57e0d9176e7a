import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportRemittancesMutation, RemittancesPage } from '../RemittancesPage';
import { remittanceLineProblem } from '../remittance-mapping';
import { SuspensePaymentsQuery } from '../SuspensePayments';
import { renderScreen } from '../../../test/render';

const CSV = [
  'Reference,Amount,Date,Account',
  'CHK-1,12.50,2026-11-20,A-1',
  'CHK-2,12.345,2026-11-20,A-2',
  'CHK-3,0.00,2026-11-20,A-3',
  'CHK-4,"$1,000.00",2026-02-30,A-4',
  'CHK-5,7.00,,A-5',
].join('\n');

/** A CSV file as the browser gives it; jsdom's File has no text() of its own. */
const csvFile = (text: string, name: string): File =>
  Object.assign(new File([text], name, { type: 'text/csv' }), { text: async () => text });

const line = (reference: string, amount: string, accountNumber: string, receivedAt: string | null) => ({
  reference,
  amount,
  accountNumber,
  invoiceNumber: null,
  receivedAt,
});

describe('importing a remittance file', () => {
  it('keeps back the lines whose values the hub could not read, sends the rest, and reports every refusal by its file line', async () => {
    const sent: string[] = [];
    renderScreen(<RemittancesPage />, {
      sent,
      mocks: [
        { request: { query: SuspensePaymentsQuery }, result: { data: { suspensePayments: [] } } },
        {
          request: {
            query: ImportRemittancesMutation,
            variables: {
              channel: 'CHECK',
              lines: [
                line('CHK-1', '12.50', 'A-1', '2026-11-20T00:00:00Z'),
                line('CHK-3', '0.00', 'A-3', '2026-11-20T00:00:00Z'),
                line('CHK-5', '7.00', 'A-5', null),
              ],
            },
          },
          result: {
            data: {
              importRemittances: {
                matched: 2,
                suspense: 0,
                returned: 0,
                duplicates: 0,
                rejected: [{ index: 1, code: 'INVALID_LINE', message: 'Line 1: amount must be more than 0; got 0.00' }],
              },
            },
          },
        },
        { request: { query: SuspensePaymentsQuery }, result: { data: { suspensePayments: [] } } },
      ],
    });
    await userEvent.upload(screen.getByLabelText('CSV file'), csvFile(CSV, 'lockbox.csv'));
    await userEvent.click(await screen.findByRole('button', { name: 'Import 5 lines' }));

    const result = await screen.findByLabelText('Import result');
    expect(result).toHaveTextContent('Matched 2');
    expect(result).toHaveTextContent('Rejected 3');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line 3: INVALID_LINE: amount "12.345" is not a sum of money (digits, at most two decimals, e.g. 12.50)',
      'Line 4: INVALID_LINE: amount must be more than 0; got 0.00',
      'Line 5: INVALID_LINE: received on "2026-02-30T00:00:00Z" is not a date between 1970 and 2199 (e.g. 2026-03-01)',
    ]);
    expect(sent.filter((s) => s === 'ImportRemittances')).toHaveLength(1);
  });

  it('says so when the file is empty', async () => {
    renderScreen(<RemittancesPage />, {
      mocks: [{ request: { query: SuspensePaymentsQuery }, result: { data: { suspensePayments: [] } } }],
    });
    await userEvent.upload(screen.getByLabelText('CSV file'), csvFile('', 'empty.csv'));
    expect(await screen.findByText(/empty\.csv is empty/)).toBeInTheDocument();
  });
});

describe('remittanceLineProblem', () => {
  it('accepts sums of money and dates in range, and names what it cannot read', () => {
    const ok = { reference: 'R', amount: '12.50', receivedAt: '2026-11-20T09:30:00.000Z' };
    expect(remittanceLineProblem(ok)).toBeNull();
    expect(remittanceLineProblem({ ...ok, amount: '-5.00' })).toMatch(/not a sum of money/);
    expect(remittanceLineProblem({ ...ok, amount: '1e3' })).toMatch(/not a sum of money/);
    expect(remittanceLineProblem({ ...ok, receivedAt: '2300-01-01T00:00:00Z' })).toMatch(/between 1970 and 2199/);
    expect(remittanceLineProblem({ ...ok, receivedAt: 'yesterday' })).toMatch(/not a date/);
  });
});
