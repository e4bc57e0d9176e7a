import { useState, type FormEvent } from 'react';
import { useLazyQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { navigate } from '../../app/router';

/** A hit as the search list shows it, with where it opens. */
export const SearchHitForSearchBox = graphql(`
  fragment SearchHitForSearchBox on SearchHit {
    kind
    id
    accountId
    invoiceId
    title
    detail
  }
`);

export const GlobalSearchQuery = graphql(`
  query GlobalSearch($text: String!) {
    search(text: $text) {
      ...SearchHitForSearchBox
    }
  }
`);

export interface Hit {
  kind: string;
  id: string;
  accountId: string;
  invoiceId?: string | null;
  title: string;
  detail: string;
}

/** Where a hit opens: an account's page, or the invoice (a credit note opens the invoice it credits). */
export function hitPath(hit: Hit): string {
  if (hit.kind !== 'ACCOUNT' && hit.invoiceId) return `/invoices/${hit.invoiceId}`;
  return `/accounts/${hit.accountId}`;
}

const KIND_LABEL: Record<string, string> = { ACCOUNT: 'Account', INVOICE: 'Invoice', CREDIT_NOTE: 'Credit note' };

/** The header's search: an account number, name or email, INV-… or CN-…; one hit opens at once, several are listed. */
export function SearchBox() {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [run, { loading, error }] = useLazyQuery(GlobalSearchQuery, { fetchPolicy: 'network-only' });

  const go = (hit: Hit) => {
    setHits(null);
    setText('');
    navigate(hitPath(hit));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const result = await run({ variables: { text } });
    const found = getFragmentData(SearchHitForSearchBox, result.data?.search ?? []);
    if (found.length === 1) go(found[0]);
    else setHits(found);
  };

  return (
    <form className="search-box" role="search" onSubmit={(e) => void submit(e)}>
      <input
        type="search"
        aria-label="Search accounts, invoices and credit notes"
        placeholder="Account, name, email, INV-…, CN-…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setHits(null);
        }}
      />
      <button type="submit" className="button" disabled={loading}>
        Search
      </button>
      {error && (
        <p className="text-danger small" role="alert">
          Search failed: {error.message}
        </p>
      )}
      {hits && hits.length === 0 && (
        <p className="muted small" role="status">
          Nothing found for “{text.trim()}”.
        </p>
      )}
      {hits && hits.length > 1 && (
        <ul className="search-hits" aria-label="Search results">
          {hits.map((h) => (
            <li key={`${h.kind}-${h.id}`}>
              <button type="button" className="link-button" onClick={() => go(h)}>
                <span className="muted small">{KIND_LABEL[h.kind] ?? h.kind}</span> {h.title}
                {h.detail && <span className="muted small"> — {h.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
