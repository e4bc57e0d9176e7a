import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CreateProductMutation, NewProductPage, PublishProductMutation } from '../NewProductPage';
import { AddRateMutation, ProductDetailQuery, ProductPage, UpdateProductMutation } from '../ProductPage';
import { emptyProduct, overlappingRates, toCreateInput, validateProduct } from '../product-form';
import { formatDateTime } from '../../../shared/dates';
import { hubError, renderScreen } from '../../../test/render';

describe('product form rules', () => {
  it('finds overlapping rates (end days are exclusive)', () => {
    expect(
      overlappingRates([
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-02-01', unitPrice: '0.1', tiers: [], registerPrices: [] },
        { effectiveFrom: '2026-02-01', effectiveTo: '', unitPrice: '0.2', tiers: [], registerPrices: [] },
      ]),
    ).toBeNull();
    expect(
      overlappingRates([
        { effectiveFrom: '2026-01-01', effectiveTo: '', unitPrice: '0.1', tiers: [], registerPrices: [] },
        { effectiveFrom: '2026-06-01', effectiveTo: '2026-07-01', unitPrice: '0.2', tiers: [], registerPrices: [] },
      ]),
    ).toEqual([0, 1]);
  });

  it('says what to fix in each field and sends exact strings', () => {
    const draft = {
      ...emptyProduct(),
      code: 'green 12',
      name: '',
      fixedCharge: '9.999',
      rates: [{ effectiveFrom: '', effectiveTo: '', unitPrice: 'abc', tiers: [], registerPrices: [] }],
    };
    expect(validateProduct(draft)).toEqual({
      code: expect.stringContaining('Upper-case'),
      name: expect.any(String),
      fixedCharge: expect.any(String),
      'rates.0.effectiveFrom': expect.any(String),
      'rates.0.unitPrice': expect.stringContaining('0.1325'),
    });
    const ok = {
      ...emptyProduct(),
      code: 'GREEN-12',
      name: 'Green 12',
      fixedCharge: '9.95',
      rates: [{ effectiveFrom: '2026-01-01', effectiveTo: '', unitPrice: '0.1325', tiers: [], registerPrices: [] }],
      promoCodes: [
        { code: 'WELCOME', description: '', kind: 'amount' as const, value: '25', validFrom: '', validTo: '', maxRedemptions: '100' },
      ],
    };
    expect(validateProduct(ok)).toEqual({});
    expect(toCreateInput(ok)).toMatchObject({
      fixedCharge: '9.95',
      rates: [{ effectiveFrom: '2026-01-01', effectiveTo: null, unitPrice: '0.1325' }],
      promoCodes: [{ code: 'WELCOME', amountOff: '25', percentOff: null, maxRedemptions: 100 }],
    });
  });
});

describe('NewProductPage', () => {
  it('shows field errors instead of calling the hub', async () => {
    renderScreen(<NewProductPage />, { path: '/products/new' });
    await userEvent.click(screen.getByRole('button', { name: 'Create and publish' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields need attention');
    expect(screen.getByRole('textbox', { name: 'Code' })).toHaveAccessibleDescription(/Upper-case letters/);
  });

  it('creates the product, publishes it on the chosen day and opens it', async () => {
    const input = {
      code: 'SOLAR-24',
      name: 'Solar 24',
      description: null,
      unit: 'kWh',
      fixedCharge: '4.95',
      termMonths: null,
      rates: [{ effectiveFrom: '2026-01-01', effectiveTo: null, unitPrice: '0.1199' }],
      promoCodes: [],
      incentives: [],
    };
    renderScreen(<NewProductPage />, {
      path: '/products/new',
      mocks: [
        {
          request: { query: CreateProductMutation, variables: { input } },
          result: {
            data: { createProduct: { __typename: 'Product', id: '77', code: 'SOLAR-24', name: 'Solar 24', status: 'DRAFT', version: 1 } },
          },
        },
        {
          request: { query: PublishProductMutation, variables: { id: '77', salesStart: '2027-01-01' } },
          result: {
            data: {
              publishProduct: {
                __typename: 'Product',
                id: '77',
                code: 'SOLAR-24',
                name: 'Solar 24',
                description: null,
                unit: 'kWh',
                status: 'ACTIVE',
                salesStart: '2027-01-01',
                salesEnd: null,
                termMonths: null,
                fixedCharge: '4.95',
                version: 2,
                createdAt: '2026-11-01T10:00:00.000Z',
                updatedAt: '2026-11-01T10:00:00.000Z',
              },
            },
          },
        },
      ],
    });
    await userEvent.type(screen.getByRole('textbox', { name: 'Code' }), 'solar-24');
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Solar 24');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Fixed charge per invoice' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Fixed charge per invoice' }), '4.95');
    const rate = screen.getByRole('group', { name: 'Rate 1' });
    await userEvent.type(within(rate).getByLabelText('From'), '2026-01-01');
    await userEvent.type(within(rate).getByLabelText('Unit price'), '0.1199');
    await userEvent.click(screen.getByRole('radio', { name: /Publish on a date/ }));
    const day = screen.getByLabelText('Launch day');
    await userEvent.clear(day);
    await userEvent.type(day, '2027-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Create and schedule' }));
    await waitFor(() => expect(window.location.pathname).toBe('/products/77'));
    expect(await screen.findByText('Launches on 2027-01-01.')).toBeInTheDocument();
  });
});

const product = (version: number, name = 'Solar 24') => ({
  __typename: 'Product',
  id: '77',
  code: 'SOLAR-24',
  name,
  description: null,
  unit: 'kWh',
  status: 'ACTIVE',
  salesStart: '2026-01-01',
  salesEnd: null,
  termMonths: null,
  fixedCharge: '4.95',
  version,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  rates: [
    {
      __typename: 'Rate',
      id: '1',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      unitPrice: '0.1199',
      tiers: [],
      registerPrices: [],
      billed: true,
    },
  ],
  promoCodes: [],
  incentives: [],
});

describe('ProductPage', () => {
  it('explains a version conflict and then saves only what this operator changed, on top of the other change', async () => {
    renderScreen(<ProductPage id="77" />, {
      path: '/products/77',
      mocks: [
        { request: { query: ProductDetailQuery, variables: { id: '77' } }, result: { data: { product: product(2) } } },
        {
          request: { query: UpdateProductMutation, variables: { id: '77', expectedVersion: 2, input: { fixedCharge: '5.95' } } },
          result: hubError('Product SOLAR-24 is at version 3, not 2: someone changed it; reload and try again', 'CONFLICT'),
        },
        {
          request: { query: ProductDetailQuery, variables: { id: '77' } },
          result: { data: { product: product(3, 'Solar 24 community') } },
        },
        {
          request: { query: UpdateProductMutation, variables: { id: '77', expectedVersion: 3, input: { fixedCharge: '5.95' } } },
          result: {
            data: {
              updateProduct: {
                __typename: 'Product',
                id: '77',
                code: 'SOLAR-24',
                unit: 'kWh',
                status: 'ACTIVE',
                createdAt: '2026-11-01T10:00:00.000Z',
                name: 'Solar 24 community',
                description: null,
                fixedCharge: '5.95',
                termMonths: null,
                salesStart: '2026-01-01',
                salesEnd: null,
                version: 4,
                updatedAt: '2026-11-01T11:00:00.000Z',
              },
            },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit product' });
    const fee = within(form).getByRole('textbox', { name: 'Fixed charge per invoice' });
    await userEvent.clear(fee);
    await userEvent.type(fee, '5.95');
    await userEvent.click(within(form).getByRole('button', { name: 'Save (from version 2)' }));

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this product while you were editing.');
    expect(await within(form).findByText(/it is now at version 3/)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: /Solar 24 community/ })).toBeInTheDocument();
    expect(fee).toHaveValue('5.95');

    await userEvent.click(within(form).getByRole('button', { name: 'I checked: base my edits on version 3' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save (from version 3)' }));
    expect(await screen.findByText('Product saved')).toBeInTheDocument();
  });

  it("shows an added rate from the hub's answer, with the rate it closed, without loading the product again", async () => {
    const rates = [
      {
        __typename: 'Rate',
        id: '1',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2027-01-01',
        unitPrice: '0.1199',
        tiers: [],
        registerPrices: [],
        billed: true,
      },
      {
        __typename: 'Rate',
        id: '2',
        effectiveFrom: '2027-01-01',
        effectiveTo: null,
        unitPrice: '0.1299',
        tiers: [],
        registerPrices: [],
        billed: false,
      },
    ];
    renderScreen(<ProductPage id="77" />, {
      path: '/products/77',
      mocks: [
        { request: { query: ProductDetailQuery, variables: { id: '77' } }, result: { data: { product: product(2) } } },
        {
          request: {
            query: AddRateMutation,
            variables: { productId: '77', input: { effectiveFrom: '2027-01-01', effectiveTo: null, unitPrice: '0.1299' } },
          },
          result: { data: { addRate: { ...product(3), updatedAt: '2026-11-02T09:30:00.000Z', rates } } },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add rate' }));
    const form = screen.getByRole('form', { name: 'Add rate' });
    await userEvent.type(within(form).getByLabelText('From'), '2027-01-01');
    await userEvent.type(within(form).getByLabelText('Unit price'), '0.1299');
    await userEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    expect(await screen.findByText('Rate added')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Rates' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getByText('0.1299')).toBeInTheDocument();
    expect(within(table).queryByText('open-ended')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')[1]).not.toHaveTextContent('open-ended');
    // The header follows the answer: the new version and when it changed, without reloading the product.
    expect(screen.getByText(/version 3 · updated/)).toHaveTextContent(formatDateTime('2026-11-02T09:30:00.000Z'));
  });
});
