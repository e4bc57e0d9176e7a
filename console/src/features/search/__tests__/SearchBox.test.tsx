import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import { GlobalSearchQuery, hitPath, SearchBox } from '../SearchBox';

const hit = (kind: string, id: string, accountId: string, invoiceId: string | null, title: string) => ({
  __typename: 'SearchHit' as const,
  kind,
  id,
  accountId,
  invoiceId,
  title,
  detail: 'ACC-1 · Ada Lovelace',
});
const answer = (text: string, hits: ReturnType<typeof hit>[]) => ({
  request: { query: GlobalSearchQuery, variables: { text } },
  result: { data: { search: hits } },
});

async function searchFor(text: string) {
  await userEvent.type(screen.getByRole('searchbox', { name: /Search accounts/ }), text);
  await userEvent.click(screen.getByRole('button', { name: 'Search' }));
}

describe('the header search box', () => {
  it('opens the only hit at once: an invoice number goes to the invoice', async () => {
    renderScreen(<SearchBox />, { mocks: [answer('INV-00000012', [hit('INVOICE', '12', '3', '12', 'INV-00000012')])] });
    await searchFor('INV-00000012');
    await waitFor(() => expect(window.location.pathname).toBe('/invoices/12'));
    expect(screen.getByRole('searchbox')).toHaveValue('');
  });

  it('lists several hits and goes to the one chosen', async () => {
    renderScreen(<SearchBox />, {
      mocks: [answer('ada', [hit('ACCOUNT', '3', '3', null, 'ACC-1 · Ada Lovelace'), hit('ACCOUNT', '4', '4', null, 'ACC-2 · Ada King')])],
    });
    await searchFor('ada');
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(results).toHaveTextContent('ACC-2 · Ada King');
    await userEvent.click(screen.getByRole('button', { name: /ACC-2 · Ada King/ }));
    expect(window.location.pathname).toBe('/accounts/4');
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
  });

  it('says when nothing matches and stays put', async () => {
    renderScreen(<SearchBox />, { path: '/queues', mocks: [answer('CN-99999999', [])] });
    await searchFor('CN-99999999');
    expect(await screen.findByRole('status')).toHaveTextContent('Nothing found for “CN-99999999”.');
    expect(window.location.pathname).toBe('/queues');
  });

  it('sends a credit note to the invoice it credits and an account to its page', () => {
    expect(hitPath(hit('CREDIT_NOTE', '5', '3', '12', 'CN-00000005'))).toBe('/invoices/12');
    expect(hitPath(hit('ACCOUNT', '3', '3', null, 'ACC-1'))).toBe('/accounts/3');
  });
});
