import { useState, type FormEvent } from 'react';
import type { ApolloCache, Reference, StoreObject } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { addToList } from '../../app/apollo/list-updates';
import { Field } from '../../shared/components/Field';
import { useToast } from '../../shared/components/Toasts';
import { todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

/** A product on sale as the enroll form offers it. */
export const ProductForEnrollForm = graphql(`
  fragment ProductForEnrollForm on Product {
    id
    code
    name
    salesStart
    salesEnd
  }
`);

export const EnrollChoicesQuery = graphql(`
  query EnrollChoices {
    products(status: ACTIVE, first: 200) {
      nodes {
        id
        ...ProductForEnrollForm
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

/**
 * A new enrollment in the account's list, as the hub recorded it: the open
 * enrollment (the hub refuses one that starts later) ends where the new one
 * starts, and the new one comes last.
 */
export function showEnrollment(cache: ApolloCache, accountId: string, enrollment: StoreObject, startDate: string): void {
  const account = cache.identify({ __typename: 'Account', id: accountId });
  if (!account) return;
  const added = cache.identify(enrollment);
  const open: Reference[] = [];
  cache.modify<{ enrollments: readonly Reference[] }>({
    id: account,
    fields: {
      enrollments: (existing, { readField }) => {
        for (const r of existing) if (r.__ref !== added && readField('endDate', r) === null) open.push(r);
        return existing;
      },
    },
  });
  for (const r of open) cache.modify({ id: r.__ref, fields: { endDate: () => startDate } });
  addToList(cache, { id: account, fieldName: 'enrollments' }, enrollment);
}

/** Enrolls the account in a product on sale at the start date; the account's enrollments show it at once. */
export function EnrollForm({ accountId }: { accountId: string }) {
  const { toast } = useToast();
  const { data } = useQuery(EnrollChoicesQuery, { fetchPolicy: 'cache-and-network' });
  const [productCode, setProductCode] = useState('');
  const [startDate, setStartDate] = useState(todayIso());
  const [promoCode, setPromoCode] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [enroll, { loading }] = useMutation(EnrollMutation, {
    update: (cache, { data }, { variables }) => {
      if (data && variables) showEnrollment(cache, accountId, data.enroll, variables.startDate);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!productCode) return setProblem('Choose a product.');
    try {
      await enroll({ variables: { accountId, productCode, startDate, promoCode: promoCode.trim() || null } });
      toast({ title: `Enrolled in ${productCode} from ${startDate}`, tone: 'success' });
      setPromoCode('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <form className="inline-form" onSubmit={submit} onChange={onEdit} aria-label="Enroll in a product">
      <Field label="Product">
        <select value={productCode} onChange={(e) => setProductCode(e.target.value)}>
          <option value="">Choose…</option>
          {getFragmentData(ProductForEnrollForm, data?.products.nodes ?? []).map((p) => (
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
