import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountTaxDialog, UpdateAccountTaxMutation } from '../AccountTaxDialog';
import { hubError, renderScreen } from '../../../test/render';

describe('AccountTaxDialog', () => {
  it("names a bad zone before sending, then sends zone, exemption and certificate and shows the hub's refusal", async () => {
    renderScreen(
      <AccountTaxDialog
        accountId="5"
        accountNumber="A-5"
        initial={{ taxZone: 'DEFAULT', taxExempt: false, taxExemptionRef: null }}
        onClose={() => undefined}
      />,
      {
        mocks: [
          {
            request: {
              query: UpdateAccountTaxMutation,
              variables: { id: '5', input: { taxZone: 'NORTHVILLE', taxExempt: true, taxExemptionRef: 'EX-1' } },
            },
            result: hubError('taxExemptionRef must be at most 128 characters', 'BAD_USER_INPUT'),
          },
        ],
      },
    );
    const zone = screen.getByLabelText('Tax zone');
    await userEvent.clear(zone);
    await userEvent.type(zone, 'north-ville');
    await userEvent.click(screen.getByRole('button', { name: 'Save tax settings' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tax zone: letters, digits and _ only');

    await userEvent.clear(zone);
    await userEvent.type(zone, 'northville');
    expect(zone).toHaveValue('NORTHVILLE');
    await userEvent.click(screen.getByLabelText('Tax exempt'));
    await userEvent.type(screen.getByLabelText('Exemption certificate'), 'EX-1');
    await userEvent.click(screen.getByRole('button', { name: 'Save tax settings' }));
    expect(await screen.findByText('taxExemptionRef must be at most 128 characters')).toBeInTheDocument();
  });
});
