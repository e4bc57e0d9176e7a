import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BillRunControl, CollectionsRunControl, RunCollectionsMutation } from '../RunControls';
import { PreviewBillingQuery, PreviewCollectionsQuery } from '../RunPreviewPanel';
import { formatDate, todayIso } from '../../../shared/dates';
import { hubError, renderScreen } from '../../../test/render';

const preview = (kind: 'BILLING' | 'COLLECTIONS', asOf: string, accounts: number, counts: Array<[string, number, string | null]>) => ({
  __typename: 'RunPreview',
  kind,
  asOf,
  accounts,
  counts: counts.map(([key, count, amount]) => ({ __typename: 'PreviewCount', key, count, amount })),
  samples: [],
});

async function chooseDay(label: string, day: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  await userEvent.type(input, day);
}

describe('run controls', () => {
  it('shows what a collections run would do, starts it from the preview and shows what it did', async () => {
    const onChange = jest.fn();
    renderScreen(<CollectionsRunControl onChange={onChange} />, {
      mocks: [
        {
          request: { query: PreviewCollectionsQuery, variables: { asOf: '2026-11-01' } },
          result: { data: { previewCollections: preview('COLLECTIONS', '2026-11-01', 2, [['REMINDER', 2, '80.00']]) } },
        },
        {
          request: { query: RunCollectionsMutation, variables: { asOf: '2026-11-01' } },
          result: {
            data: {
              runCollections: {
                __typename: 'CollectionsRun',
                id: '5',
                asOf: '2026-11-01',
                status: 'COMPLETED',
                accountsEvaluated: 2,
                accountsFailed: 0,
                actionsTaken: 2,
                startedAt: '2026-11-01T08:00:00.000Z',
                finishedAt: '2026-11-01T08:00:01.000Z',
              },
            },
          },
        },
      ],
    });

    await chooseDay('Collect as of', '2026-11-01');
    await userEvent.click(screen.getByRole('button', { name: 'Preview collections' }));
    const panel = await screen.findByRole('region', { name: 'Preview of run collections' });
    expect(panel).toHaveTextContent('2 delinquent accounts to evaluate. Nothing has been done yet.');
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.click(within(panel).getByRole('button', { name: 'Run collections' }));
    expect(await screen.findByText('Collections run #5')).toBeInTheDocument();
    expect(screen.getByText('actions taken').previousSibling).toHaveTextContent('2');
    expect(screen.queryByRole('region', { name: 'Preview of run collections' })).not.toBeInTheDocument();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('says why a billing preview failed, and drops a preview once the day changes', async () => {
    renderScreen(<BillRunControl />, {
      mocks: [
        {
          request: { query: PreviewBillingQuery, variables: { asOf: '2026-10-01' } },
          result: hubError('asOf must be a day on or after 2026-01-01', 'BAD_USER_INPUT'),
        },
        {
          request: { query: PreviewBillingQuery, variables: { asOf: '2026-10-02' } },
          result: { data: { previewBilling: preview('BILLING', '2026-10-02', 1, [['ISSUED', 1, '12.50']]) } },
        },
      ],
    });
    const form = screen.getByRole('form', { name: 'Run billing' });

    await chooseDay('Bill usage up to', '2026-10-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Preview billing' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('asOf must be a day on or after 2026-01-01');
    expect(within(form).getByRole('button', { name: 'Preview billing' })).toBeEnabled();

    await chooseDay('Bill usage up to', '2026-10-02');
    await userEvent.click(within(form).getByRole('button', { name: 'Preview billing' }));
    const panel = await screen.findByRole('region', { name: 'Preview of run billing' });
    expect(panel).toHaveTextContent('1 account to bill.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await chooseDay('Bill usage up to', '2026-10-03');
    expect(screen.queryByRole('region', { name: 'Preview of run billing' })).not.toBeInTheDocument();
  });

  it('asks again for a day ahead, saying how many days ahead, and labels late fees as before tax', async () => {
    const ahead = new Date();
    ahead.setDate(ahead.getDate() + 24);
    const asOf = todayIso(ahead);
    const fee = {
      __typename: 'PreviewSample',
      outcome: 'LATE_FEE',
      amount: '7.50',
      detail: 'Late fee: $150.00 past due for 31 days; fee $7.50',
      account: { __typename: 'Account', id: '9', number: 'A-100120', name: 'Ethan Wang' },
    };
    renderScreen(<CollectionsRunControl onChange={() => undefined} />, {
      mocks: [
        {
          request: { query: PreviewCollectionsQuery, variables: { asOf } },
          result: { data: { previewCollections: { ...preview('COLLECTIONS', asOf, 1, [['LATE_FEE', 1, '7.50']]), samples: [fee] } } },
        },
      ],
    });
    await chooseDay('Collect as of', asOf);
    await userEvent.click(screen.getByRole('button', { name: 'Preview collections' }));
    const panel = await screen.findByRole('region', { name: 'Preview of run collections' });

    const confirm = within(panel).getByRole('checkbox', { name: `Yes, run as of ${formatDate(asOf)}, 24 days after today` });
    expect(within(panel).getByRole('button', { name: 'Run collections' })).toBeDisabled();
    await userEvent.click(confirm);
    expect(within(panel).getByRole('button', { name: 'Run collections' })).toBeEnabled();

    // The fee invoice adds tax to the fee: the preview's amounts are the fee alone.
    const [, feeRow] = within(panel).getAllByRole('row');
    expect(feeRow).toHaveTextContent('$7.50 before tax');
    expect(within(panel).getByText('A-100120').closest('li')).toHaveTextContent('$7.50 before tax');
  });
});
