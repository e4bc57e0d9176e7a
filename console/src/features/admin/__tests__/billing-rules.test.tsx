import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BillingRulesPanel, BillingRulesQuery, SetBillingRulesMutation } from '../BillingRulesPanel';
import { renderScreen } from '../../../test/render';

const ADMIN = { token: 'test-token', user: { id: '1', username: 'admin', displayName: 'Administrator', role: 'ADMIN' as const } };

const rules = (segment: string | null, swingPercent: string, paymentTermsDays: number) => ({
  __typename: 'BillingRules',
  segment,
  highConsumptionFactor: '2',
  swingPercent,
  maxInvoiceAmount: null,
  paymentTermsDays,
});

const shownRules = () =>
  within(screen.getByRole('table', { name: 'Billing rules per segment' }))
    .getAllByRole<HTMLTableRowElement>('row')
    .slice(1)
    .map((r) => [r.cells[0].textContent, r.cells[2].textContent, r.cells[4].textContent]);

describe('BillingRulesPanel', () => {
  it("adds a segment's rules in their place and edits them, without reading the list again", async () => {
    const sent: string[] = [];
    const commercial = { segment: 'COMMERCIAL', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: null };
    renderScreen(<BillingRulesPanel />, {
      session: ADMIN,
      sent,
      mocks: [
        { request: { query: BillingRulesQuery }, result: { data: { billingRules: [rules(null, '50', 21), rules('VIP', '80', 30)] } } },
        {
          request: { query: SetBillingRulesMutation, variables: { input: { ...commercial, paymentTermsDays: 14 } } },
          result: { data: { setBillingRules: rules('COMMERCIAL', '50', 14) } },
        },
        {
          request: { query: SetBillingRulesMutation, variables: { input: { ...commercial, paymentTermsDays: 10 } } },
          result: { data: { setBillingRules: rules('COMMERCIAL', '50', 10) } },
        },
      ],
    });
    await screen.findByText('VIP');
    await userEvent.click(screen.getByRole('button', { name: 'Rules for a segment' }));
    let dialog = screen.getByRole('dialog', { name: 'Billing rules for a segment' });
    await userEvent.type(within(dialog).getByLabelText('Segment'), 'commercial');
    await userEvent.clear(within(dialog).getByLabelText('Payment terms (days)'));
    await userEvent.type(within(dialog).getByLabelText('Payment terms (days)'), '14');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save rules' }));

    expect(await screen.findByText('COMMERCIAL')).toBeInTheDocument();
    expect(shownRules()).toEqual([
      ['Default (every other segment)', '50%', '21 days'],
      ['COMMERCIAL', '50%', '14 days'],
      ['VIP', '80%', '30 days'],
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Edit rules for COMMERCIAL' }));
    dialog = screen.getByRole('dialog', { name: 'Billing rules: COMMERCIAL' });
    await userEvent.clear(within(dialog).getByLabelText('Payment terms (days)'));
    await userEvent.type(within(dialog).getByLabelText('Payment terms (days)'), '10');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('10 days')).toBeInTheDocument();
    expect(shownRules()).toHaveLength(3);
    expect(sent).toEqual(['BillingRules', 'SetBillingRules', 'SetBillingRules']);
  });
});
