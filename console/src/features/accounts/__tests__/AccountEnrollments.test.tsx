import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountEnrollments, AccountEnrollmentsQuery } from '../AccountEnrollments';
import { EnrollChoicesQuery, EnrollMutation } from '../EnrollForm';
import { renderScreen } from '../../../test/render';

const product = (id: string, code: string, name: string) => ({ __typename: 'Product', id, code, name });
const enrollment = (id: string, startDate: string, endDate: string | null, p: ReturnType<typeof product>) => ({
  __typename: 'Enrollment',
  id,
  startDate,
  endDate,
  promoCode: null,
  product: p,
});
const FLEX = product('3', 'FLEX', 'Flex saver');
const GREEN = product('4', 'GREEN', 'Green fixed');

describe('AccountEnrollments', () => {
  it('shows a new enrollment at once, ending the open one where it starts, without reading the list again', async () => {
    const sent: string[] = [];
    renderScreen(<AccountEnrollments accountId="9" />, {
      sent,
      mocks: [
        {
          request: { query: AccountEnrollmentsQuery, variables: { id: '9' } },
          result: { data: { account: { __typename: 'Account', id: '9', enrollments: [enrollment('1', '2026-01-01', null, FLEX)] } } },
        },
        {
          request: { query: EnrollChoicesQuery },
          result: {
            data: {
              products: {
                __typename: 'ProductConnection',
                nodes: [FLEX, GREEN].map((p) => ({ ...p, salesStart: '2025-01-01', salesEnd: null })),
              },
            },
          },
        },
        {
          request: { query: EnrollMutation, variables: { accountId: '9', productCode: 'GREEN', startDate: '2026-12-01', promoCode: null } },
          result: { data: { enroll: enrollment('2', '2026-12-01', null, GREEN) } },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Enrollments' });
    await screen.findByRole('option', { name: 'Green fixed (GREEN)' });
    await userEvent.selectOptions(screen.getByLabelText('Product'), 'GREEN');
    await userEvent.clear(screen.getByLabelText('Start date'));
    await userEvent.type(screen.getByLabelText('Start date'), '2026-12-01');
    await userEvent.click(screen.getByRole('button', { name: 'Enroll' }));

    await within(table).findByText('Green fixed');
    const rows = within(table)
      .getAllByRole<HTMLTableRowElement>('row')
      .slice(1)
      .map((r) => [r.cells[0].textContent, r.cells[1].textContent, r.cells[2].textContent]);
    expect(rows).toEqual([
      ['Flex saver FLEX', 'Jan 1, 2026', 'Dec 1, 2026'],
      ['Green fixed GREEN', 'Dec 1, 2026', 'open-ended'],
    ]);
    expect(sent.filter((name) => name === 'AccountEnrollments')).toHaveLength(1);
    expect(sent).toContain('Enroll');
  });
});
