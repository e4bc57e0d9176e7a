import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Card } from '../../shared/components/Page';
import { formatDate } from '../../shared/dates';
import { EnrollForm } from './EnrollForm';

/** An enrollment as the account's list shows it; enrolling answers with it. */
export const EnrollmentForAccountEnrollments = graphql(`
  fragment EnrollmentForAccountEnrollments on Enrollment {
    id
    startDate
    endDate
    promoCode
    product {
      id
      code
      name
    }
  }
`);

export const AccountEnrollmentsQuery = graphql(`
  query AccountEnrollments($id: ID!) {
    account(id: $id) {
      id
      enrollments {
        id
        ...EnrollmentForAccountEnrollments
      }
    }
  }
`);

function EnrollmentRow({ enrollment: ref }: { enrollment: FragmentType<typeof EnrollmentForAccountEnrollments> }) {
  const e = getFragmentData(EnrollmentForAccountEnrollments, ref);
  return (
    <tr>
      <td>
        <Link to={`/products/${e.product.id}`}>{e.product.name}</Link> <span className="muted small">{e.product.code}</span>
      </td>
      <td>{formatDate(e.startDate)}</td>
      <td>{e.endDate ? formatDate(e.endDate) : <span className="muted">open-ended</span>}</td>
      <td>{e.promoCode ?? <span className="muted">—</span>}</td>
    </tr>
  );
}

/** The products the account is enrolled in, and a form to enroll it in another. */
export function AccountEnrollments({ accountId }: { accountId: string }) {
  const { data, loading, error, refetch } = useQuery(AccountEnrollmentsQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const enrollments = data?.account?.enrollments;
  return (
    <div className="stack">
      <Card title="Enrollments">
        <ErrorNotice error={error} title="Could not load the enrollments" onRetry={() => void refetch()} />
        {!enrollments ? (
          loading && <Loading label="Loading the enrollments…" />
        ) : enrollments.length === 0 ? (
          <EmptyState title="Not enrolled in any product">Usage without an enrollment blocks billing (no enrollment).</EmptyState>
        ) : (
          <table className="table">
            <caption className="sr-only">Enrollments</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Promo code</th>
              </tr>
            </thead>
            <tbody>
              {enrollments.map((e) => (
                <EnrollmentRow key={e.id} enrollment={e} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Enroll in a product">
        <EnrollForm accountId={accountId} />
      </Card>
    </div>
  );
}
