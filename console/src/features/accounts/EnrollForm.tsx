import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { useToast } from '../../shared/components/Toasts';
import { todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';

export const EnrollChoicesQuery = graphql(`
  query EnrollChoices {
    products(status: ACTIVE, first: 200) {
      nodes {
        id
        code
        name
        salesStart
        salesEnd
      }
    }
  }
`);

export const EnrollMutation = graphql(`
  mutation Enroll($accountId: ID!, $productCode: String!, $startDate: Date!, $promoCode: String) {
    enroll(accountId: $accountId, productCode: $productCode, startDate: $startDate, promoCode: $promoCode) {
      id
      ...EnrollmentForAccountEnrollments
    }
  }
`);

/** Enrolls the account in a product on sale at the start date. */
export function EnrollForm({ accountId, onEnrolled }: { accountId: string; onEnrolled(): void }) {
  const { toast } = useToast();
  const { data } = useQuery(EnrollChoicesQuery, { fetchPolicy: 'cache-and-network' });
  const [productCode, setProductCode] = useState('');
  const [startDate, setStartDate] = useState(todayIso());
  const [promoCode, setPromoCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [enroll, { loading }] = useMutation(EnrollMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!productCode) return setProblem('Choose a product.');
    try {
      await enroll({ variables: { accountId, productCode, startDate, promoCode: promoCode.trim() || null } });
      toast({ title: `Enrolled in ${productCode} from ${startDate}`, tone: 'success' });
      setPromoCode('');
      onEnrolled();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Enroll in a product">
      <Field label="Product">
        <select value={productCode} onChange={(e) => setProductCode(e.target.value)}>
          <option value="">Choose…</option>
          {data?.products.nodes.map((p) => (
            <option key={p.id} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Start date">
        <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
      </Field>
      <Field label="Promo code (optional)">
        <input value={promoCode} onChange={(e) => setPromoCode(e.target.value.toUpperCase())} />
      </Field>
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? 'Enrolling…' : 'Enroll'}
      </button>
      {problem && (
        <p className="notice notice-danger form-span" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
