import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrandingPanel, BrandingQuery, SetBrandingMutation } from '../BrandingPanel';
import { renderScreen } from '../../../test/render';

const ADMIN = { token: 'test-token', user: { id: '1', username: 'admin', displayName: 'Administrator', role: 'ADMIN' as const } };

const branding = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'Branding',
  name: 'Nordlys Energi',
  address: 'Øster Allé 1\n2100 København Ø',
  supportPhone: '+45 70 10 20 30',
  supportEmail: 'help@nordlys.example',
  website: null,
  color: '#0B6E4F',
  footer: 'Thank you',
  hasLogo: false,
  ...overrides,
});

describe('BrandingPanel', () => {
  it('previews the letterhead as it is typed, refuses a bad colour before sending, and saves', async () => {
    renderScreen(<BrandingPanel />, {
      session: ADMIN,
      mocks: [
        { request: { query: BrandingQuery }, result: { data: { branding: branding() } } },
        {
          request: {
            query: SetBrandingMutation,
            variables: {
              input: {
                name: 'Nordlys Grøn',
                address: 'Øster Allé 1\n2100 København Ø',
                supportPhone: '+45 70 10 20 30',
                supportEmail: 'help@nordlys.example',
                website: '',
                color: '#123ABC',
                footer: 'Thank you',
                logoPng: null,
              },
            },
          },
          result: { data: { setBranding: branding({ name: 'Nordlys Grøn', color: '#123ABC' }) } },
        },
      ],
    });
    const name = await screen.findByLabelText('Retailer name');
    const preview = screen.getByRole('img', { name: 'Letterhead preview' });
    expect(preview).toHaveTextContent('Nordlys Energi');
    expect(preview).toHaveTextContent('København Ø');
    await userEvent.clear(name);
    await userEvent.type(name, 'Nordlys Grøn');
    expect(preview).toHaveTextContent('Nordlys Grøn');

    const color = screen.getByLabelText('Accent colour');
    await userEvent.clear(color);
    await userEvent.type(color, 'green');
    await userEvent.click(screen.getByRole('button', { name: 'Save branding' }));
    expect(screen.getByRole('alert')).toHaveTextContent('#RRGGBB');

    await userEvent.clear(color);
    await userEvent.type(color, '#123ABC');
    await userEvent.click(screen.getByRole('button', { name: 'Save branding' }));
    expect(await screen.findByText('Branding saved')).toBeInTheDocument();
    expect(within(preview).getByText('Nordlys Grøn')).toHaveStyle({ color: '#123ABC' });
  });
});
