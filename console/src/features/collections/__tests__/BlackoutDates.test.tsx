import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddBlackoutDateMutation, BlackoutDates, BlackoutDatesQuery, RemoveBlackoutDateMutation } from '../BlackoutDates';
import { renderScreen } from '../../../test/render';

const day = (date: string, reason: string, addedBy = 'admin') => ({ __typename: 'BlackoutDate', date, reason, addedBy });

const shownDays = () =>
  within(screen.getByRole('table'))
    .getAllByRole<HTMLTableRowElement>('row')
    .slice(1)
    .map((r) => [r.cells[0].textContent, r.cells[1].textContent, r.cells[2].textContent]);

describe('BlackoutDates', () => {
  it('adds a day in its place and removes one, without reading the list again', async () => {
    const sent: string[] = [];
    renderScreen(<BlackoutDates />, {
      sent,
      mocks: [
        {
          request: { query: BlackoutDatesQuery },
          result: { data: { blackoutDates: [day('2026-12-24', 'Christmas Eve'), day('2027-01-01', "New Year's Day")] } },
        },
        {
          request: { query: AddBlackoutDateMutation, variables: { date: '2026-12-31', reason: 'Ice storm' } },
          result: { data: { addBlackoutDate: day('2026-12-31', 'Ice storm', 'olga') } },
        },
        {
          request: { query: RemoveBlackoutDateMutation, variables: { date: '2026-12-24' } },
          result: { data: { removeBlackoutDate: true } },
        },
      ],
    });
    await screen.findByText('Christmas Eve');
    await userEvent.type(screen.getByLabelText('Blackout day'), '2026-12-31');
    await userEvent.type(screen.getByLabelText('Why'), 'Ice storm');
    await userEvent.click(screen.getByRole('button', { name: 'Add blackout date' }));

    await screen.findByText('Ice storm');
    expect(shownDays()).toEqual([
      ['Dec 24, 2026', 'Christmas Eve', 'admin'],
      ['Dec 31, 2026', 'Ice storm', 'olga'],
      ['Jan 1, 2027', "New Year's Day", 'admin'],
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Remove blackout date 2026-12-24' }));
    // It asks first: a day taken off the blackout list lets market drops be taken on it.
    const dialog = screen.getByRole('dialog', { name: /Remove the blackout date/ });
    expect(sent).not.toContain('RemoveBlackoutDate');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove the blackout date' }));
    await waitFor(() => expect(screen.queryByText('Christmas Eve')).not.toBeInTheDocument());
    expect(shownDays()).toHaveLength(2);
    expect(sent).toEqual(['BlackoutDates', 'AddBlackoutDate', 'RemoveBlackoutDate']);
  });
});
