import { useEffect } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Link, navigate } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';

export const AccountIdByNumberQuery = graphql(`
  query AccountIdByNumber($number: String!) {
    account(number: $number) {
      id
    }
  }
`);

/** Events name accounts by number; this resolves the number and goes to the account. */
export function AccountByNumberPage({ number }: { number: string }) {
  const { data, loading, error } = useQuery(AccountIdByNumberQuery, { variables: { number } });
  const id = data?.account?.id;
  useEffect(() => {
    if (id) navigate(`/accounts/${id}`, { replace: true });
  }, [id]);
  if (error) return <ErrorNotice error={error} title={`Could not open account ${number}`} />;
  if (loading || id) return <Loading label={`Opening account ${number}…`} />;
  return (
    <EmptyState title={`No account ${number}`}>
      <Link to="/accounts">Search accounts</Link>
    </EmptyState>
  );
}
