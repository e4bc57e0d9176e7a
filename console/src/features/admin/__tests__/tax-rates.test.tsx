import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddTaxRateMutation, EndTaxRateMutation, taxRateProblem, type TaxRateDraft } from '../TaxRateDialogs';
import { rateStanding, TaxRatesPanel, TaxRatesQuery } from '../TaxRatesPanel';
import { hubError, renderScreen } from '../../../test/render';

const ADMIN = { token: 'test-token', user: { id: '1', username: 'admin', displayName: 'Administrator', role: 'ADMIN' as const } };

const rate = (id: string, zone: string, code: string, percent: string, from: string, to: string | null, appliesTo = ['USAGE']) => ({
  __typename: 'TaxRate',
  id,
  zone,
  code,
  name: `${zone} ${code} tax`,
  percent,
  appliesTo,
  effectiveFrom: from,
  effectiveTo: to,
});

const listed = [
  rate('1', 'SOUTHPORT', 'CITY_UTILITY', '2.5', '2020-01-01', '2021-01-01'),
  rate('2', 'SOUTHPORT', 'CITY_UTILITY', '3', '2021-01-01', null),
  rate('3', 'NORTHVILLE', 'STATE', '6.25', '2020-01-01', null, ['USAGE', 'FIXED', 'CREDIT']),
];
const ratesMock = { request: { query: TaxRatesQuery }, result: { data: { taxRates: listed } } };

describe('TaxRatesPanel', () => {
  it('lists the rates by zone, code and start with their history, and filters by zone', async () => {
    renderScreen(<TaxRatesPanel />, { session: ADMIN, mocks: [ratesMock] });
    const table = await screen.findByRole('table', { name: 'Tax rates by zone and code' });
    await within(table).findByText('NORTHVILLE');
    const rows = within(table)
      .getAllByRole<HTMLTableRowElement>('row')
      .slice(1)
      .map((r) => [r.cells[0].textContent, r.cells[1].textContent, r.cells[3].textContent, r.cells[4].textContent]);
    expect(rows).toEqual([
      ['NORTHVILLE', 'STATE ', '6.25%', 'Usage, Fixed charge, Credits'],
      ['SOUTHPORT', 'CITY_UTILITY ended', '2.5%', 'Usage'],
      ['SOUTHPORT', 'CITY_UTILITY ', '3%', 'Usage'],
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Zone'), 'NORTHVILLE');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it("names a bad percent before sending and shows the hub's refusal of an overlap in the dialog", async () => {
    const input = {
      zone: 'NORTHVILLE',
      code: 'CITY_UTILITY',
      name: 'Northville utility tax',
      percent: '4',
      appliesTo: ['USAGE', 'FIXED'],
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
    };
    renderScreen(<TaxRatesPanel />, {
      session: ADMIN,
      mocks: [
        ratesMock,
        {
          request: { query: AddTaxRateMutation, variables: { input } },
          result: hubError('The NORTHVILLE CITY_UTILITY tax rate from 2026-01-01 to open end overlaps tax rate 9', 'BAD_USER_INPUT'),
        },
      ],
    });
    await screen.findByRole('cell', { name: 'NORTHVILLE' });
    await userEvent.click(screen.getByRole('button', { name: 'Add tax rate' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a tax rate' });
    await userEvent.type(within(dialog).getByLabelText('Zone'), 'northville');
    await userEvent.type(within(dialog).getByLabelText('Code'), 'city_utility');
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Northville utility tax');
    await userEvent.type(within(dialog).getByLabelText('Percent'), '104');
    const from = within(dialog).getByLabelText(/Effective from/);
    await userEvent.clear(from);
    await userEvent.type(from, '2026-01-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add rate' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Percent: a number from 0 to 100');
    await userEvent.clear(within(dialog).getByLabelText('Percent'));
    await userEvent.type(within(dialog).getByLabelText('Percent'), '4');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add rate' }));
    expect(await within(dialog).findByText(/overlaps tax rate 9/)).toBeInTheDocument();
  });

  it('adds a rate in a new zone: it shows in its place, and the zone can be chosen, without reading the list again', async () => {
    const input = {
      zone: 'EASTGATE',
      code: 'STATE',
      name: 'Eastgate state tax',
      percent: '5',
      appliesTo: ['USAGE', 'FIXED'],
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
    };
    const sent: string[] = [];
    renderScreen(<TaxRatesPanel />, {
      session: ADMIN,
      sent,
      mocks: [
        ratesMock,
        {
          request: { query: AddTaxRateMutation, variables: { input } },
          result: {
            data: { addTaxRate: { ...rate('4', 'EASTGATE', 'STATE', '5', '2026-01-01', null, ['USAGE', 'FIXED']), name: input.name } },
          },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Tax rates by zone and code' });
    await within(table).findByText('NORTHVILLE');
    await userEvent.click(screen.getByRole('button', { name: 'Add tax rate' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a tax rate' });
    await userEvent.type(within(dialog).getByLabelText('Zone'), 'eastgate');
    await userEvent.type(within(dialog).getByLabelText('Code'), 'state');
    await userEvent.type(within(dialog).getByLabelText('Name'), input.name);
    await userEvent.type(within(dialog).getByLabelText('Percent'), '5');
    const from = within(dialog).getByLabelText(/Effective from/);
    await userEvent.clear(from);
    await userEvent.type(from, '2026-01-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add rate' }));

    expect(await within(table).findByText('Eastgate state tax')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(table).getAllByRole<HTMLTableRowElement>('row')[1].cells[0]).toHaveTextContent('EASTGATE');
    await userEvent.selectOptions(screen.getByLabelText('Zone'), 'EASTGATE');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(sent).toEqual(['TaxRates', 'AddTaxRate']);
  });

  it('ends a rate; the answer updates its row', async () => {
    renderScreen(<TaxRatesPanel />, {
      session: ADMIN,
      mocks: [
        ratesMock,
        {
          request: { query: EndTaxRateMutation, variables: { id: '3', effectiveTo: '2030-07-01' } },
          result: { data: { endTaxRate: { ...listed[2], effectiveTo: '2030-07-01' } } },
        },
      ],
    });
    await screen.findByRole('cell', { name: 'NORTHVILLE' });
    await userEvent.click(screen.getByRole('button', { name: 'End NORTHVILLE STATE from 2020-01-01' }));
    const dialog = screen.getByRole('dialog', { name: 'End NORTHVILLE STATE (6.25%)' });
    const to = within(dialog).getByLabelText(/First day no longer taxed/);
    await userEvent.clear(to);
    await userEvent.type(to, '2030-07-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'End rate' }));
    expect(await screen.findByText('Jul 1, 2030')).toBeInTheDocument();
  });
});

describe('tax rate rules in the console', () => {
  const draft: TaxRateDraft = {
    zone: 'NORTH',
    code: 'STATE',
    name: 'State',
    percent: '6.25',
    appliesTo: ['USAGE'],
    effectiveFrom: '2026-01-01',
    effectiveTo: '',
  };

  it('names the mistake before the round trip', () => {
    expect(taxRateProblem(draft)).toBeNull();
    expect(taxRateProblem({ ...draft, zone: 'NORTH-1' })).toMatch(/Zone/);
    expect(taxRateProblem({ ...draft, appliesTo: [] })).toMatch(/at least one/);
    expect(taxRateProblem({ ...draft, percent: '-1' })).toMatch(/Percent/);
    expect(taxRateProblem({ ...draft, effectiveTo: '2026-01-01' })).toMatch(/after/);
  });

  it('tells current, ended and future rates apart', () => {
    expect(rateStanding({ effectiveFrom: '2026-01-01', effectiveTo: null }, '2026-01-01')).toBe('current');
    expect(rateStanding({ effectiveFrom: '2026-01-01', effectiveTo: '2026-02-01' }, '2026-02-01')).toBe('ended');
    expect(rateStanding({ effectiveFrom: '2026-03-01', effectiveTo: null }, '2026-02-01')).toBe('future');
  });
});
