import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProductDetailQuery, ProductPage } from '../ProductPage';
import {
  DeactivatePromoCodeMutation,
  EndRateMutation,
  RemoveIncentiveMutation,
  RemoveRateMutation,
  UpdateRateMutation,
} from '../part-operations';
import { promoDraftOf, rateDraftOf } from '../product-form';
import { formatDateTime } from '../../../shared/dates';
import { hubError, renderScreen } from '../../../test/render';

const billedRate = {
  __typename: 'Rate',
  id: '1',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-07-01',
  unitPrice: '0.12',
  tiers: [],
  registerPrices: [],
  billed: true,
};
const freshRate = {
  __typename: 'Rate',
  id: '2',
  effectiveFrom: '2026-07-01',
  effectiveTo: null,
  unitPrice: '0.14',
  tiers: [],
  registerPrices: [],
  billed: false,
};
const promo = (id: string, code: string, redemptions: number, active: boolean) => ({
  __typename: 'PromoCode',
  id,
  code,
  description: null,
  percentOff: '10',
  amountOff: null,
  validFrom: null,
  validTo: null,
  maxRedemptions: null,
  redemptions,
  active,
});
const gift = { __typename: 'Incentive', id: '9', kind: 'GIFT_CARD', description: '$50 gift card', value: '50.00' };

const product = {
  __typename: 'Product',
  id: '77',
  code: 'SOLAR-24',
  name: 'Solar 24',
  description: null,
  unit: 'kWh',
  status: 'ACTIVE',
  salesStart: '2026-01-01',
  salesEnd: null,
  termMonths: null,
  fixedCharge: '4.95',
  version: 5,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  rates: [billedRate, freshRate],
  promoCodes: [promo('3', 'SPRING10', 0, true), promo('4', 'WELCOME', 12, true), promo('5', 'OLD', 3, false)],
  incentives: [gift],
};
const detail = { request: { query: ProductDetailQuery, variables: { id: '77' } }, result: { data: { product } } };
const answer = (field: string, changes: Record<string, unknown>) => ({
  data: { [field]: { ...product, version: 6, updatedAt: '2026-11-02T10:00:00.000Z', ...changes } },
});

describe('editing a product’s rates, promo codes and incentives', () => {
  it('turns stored rates and codes back into form drafts', () => {
    expect(rateDraftOf(freshRate)).toEqual({
      effectiveFrom: '2026-07-01',
      effectiveTo: '',
      unitPrice: '0.14',
      tiers: [],
      registerPrices: [],
    });
    expect(promoDraftOf({ code: 'X', amountOff: '25.00', maxRedemptions: 3 })).toMatchObject({
      kind: 'amount',
      value: '25.00',
      maxRedemptions: '3',
    });
  });

  it('offers only End on a billed rate, and Edit and Remove on one no invoice used', async () => {
    renderScreen(<ProductPage id="77" />, { path: '/products/77', mocks: [detail] });
    const table = await screen.findByRole('table', { name: 'Rates' });
    const [, billedRow, freshRow] = within(table).getAllByRole('row');
    expect(within(billedRow).getByText('billed')).toBeInTheDocument();
    expect(
      within(billedRow)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['End…']);
    expect(
      within(freshRow)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Edit', 'Remove']);
  });

  it('asks before removing a rate, then shows the hub’s answer', async () => {
    renderScreen(<ProductPage id="77" />, {
      path: '/products/77',
      mocks: [
        detail,
        {
          request: { query: RemoveRateMutation, variables: { id: '2', expectedVersion: 5 } },
          result: answer('removeRate', { rates: [billedRate] }),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Remove rate .*0.14/ }));
    const dialog = screen.getByRole('dialog', { name: 'Remove rate' });
    expect(dialog).toHaveTextContent('cannot be billed until another rate covers them');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove rate' }));
    expect(await screen.findByText('Rate removed')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Rates' })).getAllByRole('row')).toHaveLength(2));
    expect(screen.getByText(/version 6 · updated/)).toHaveTextContent(formatDateTime('2026-11-02T10:00:00.000Z'));
  });

  it('shows a refusal in the edit dialog, and ends a billed rate from a day', async () => {
    renderScreen(<ProductPage id="77" />, {
      path: '/products/77',
      mocks: [
        detail,
        {
          request: {
            query: UpdateRateMutation,
            variables: { id: '2', input: { effectiveFrom: '2026-07-01', effectiveTo: null, unitPrice: '0.15' }, expectedVersion: 5 },
          },
          result: hubError('The rate from 2026-07-01 to open end was used by invoice INV-00000042; end it instead', 'INVALID_STATE'),
        },
        {
          request: { query: EndRateMutation, variables: { id: '1', effectiveTo: '2026-08-01', expectedVersion: 5 } },
          result: hubError('The rate from 2026-07-01 to open end overlaps the rate from 2026-07-01', 'BAD_USER_INPUT'),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Edit rate .*0.14/ }));
    const edit = screen.getByRole('dialog', { name: 'Edit rate' });
    const price = within(edit).getByLabelText('Unit price');
    await userEvent.clear(price);
    await userEvent.type(price, '0.15');
    await userEvent.click(within(edit).getByRole('button', { name: 'Save rate' }));
    expect(await within(edit).findByRole('alert')).toHaveTextContent('used by invoice INV-00000042; end it instead');
    // The refusal was about the values sent: changing one of them takes it away.
    await userEvent.type(price, '0');
    expect(within(edit).queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(within(edit).getByRole('button', { name: 'Cancel' }));

    await userEvent.click(screen.getByRole('button', { name: /End rate .*0.12/ }));
    const end = screen.getByRole('dialog', { name: 'End rate' });
    const day = within(end).getByLabelText('Ends on (first day not covered)');
    await userEvent.clear(day);
    await userEvent.type(day, '2026-08-01');
    await userEvent.click(within(end).getByRole('button', { name: 'End rate' }));
    expect(await within(end).findByRole('alert')).toHaveTextContent('overlaps the rate from 2026-07-01');
  });

  it('offers Edit only on a code nobody redeemed, Deactivate on active ones, nothing on a deactivated one', async () => {
    const deactivated = { ...product.promoCodes[1], active: false };
    renderScreen(<ProductPage id="77" />, {
      path: '/products/77',
      mocks: [
        detail,
        {
          request: { query: DeactivatePromoCodeMutation, variables: { id: '4', expectedVersion: 5 } },
          result: answer('deactivatePromoCode', { promoCodes: [product.promoCodes[0], deactivated, product.promoCodes[2]] }),
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Promo codes' });
    const [, spring, welcome, old] = within(table).getAllByRole('row');
    expect(
      within(spring)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Edit', 'Deactivate']);
    expect(
      within(welcome)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Deactivate']);
    expect(within(old).queryAllByRole('button')).toEqual([]);
    expect(within(old).getByText('deactivated')).toBeInTheDocument();

    await userEvent.click(within(welcome).getByRole('button', { name: 'Deactivate promo code WELCOME' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate promo code WELCOME' });
    expect(dialog).toHaveTextContent('The 12 customers who redeemed it keep the discount');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('WELCOME deactivated')).toBeInTheDocument();
    await waitFor(() => expect(within(welcome).queryAllByRole('button')).toEqual([]));
  });

  it('asks before removing an incentive', async () => {
    renderScreen(<ProductPage id="77" />, {
      path: '/products/77',
      mocks: [
        detail,
        {
          request: { query: RemoveIncentiveMutation, variables: { id: '9', expectedVersion: 5 } },
          result: answer('removeIncentive', { incentives: [] }),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove incentive $50 gift card' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove incentive' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove incentive' }));
    expect(await screen.findByText('Incentive removed')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('$50 gift card')).not.toBeInTheDocument());
  });
});
