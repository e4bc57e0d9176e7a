import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { addToList, removeEverywhere } from '../../app/apollo/list-updates';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { useToast } from '../../shared/components/Toasts';
import { formatDate } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';

/** A blackout day as the list shows it; adding one answers with it. */
export const BlackoutDateForBlackoutDates = graphql(`
  fragment BlackoutDateForBlackoutDates on BlackoutDate {
    date
    reason
    addedBy
  }
`);

export const BlackoutDatesQuery = graphql(`
  query BlackoutDates {
    blackoutDates {
      date
      ...BlackoutDateForBlackoutDates
    }
  }
`);

export const AddBlackoutDateMutation = graphql(`
  mutation AddBlackoutDate($date: Date!, $reason: String!) {
    addBlackoutDate(date: $date, reason: $reason) {
      date
      ...BlackoutDateForBlackoutDates
    }
  }
`);

export const RemoveBlackoutDateMutation = graphql(`
  mutation RemoveBlackoutDate($date: Date!) {
    removeBlackoutDate(date: $date)
  }
`);

/** Days (extreme weather, holidays) on which no market drop is taken; the first run after takes it. */
export function BlackoutDates() {
  const { toast } = useToast();
  const { data, loading, error, refetch } = useQuery(BlackoutDatesQuery, { fetchPolicy: 'cache-and-network' });
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  // A blackout day is known by its date: the added one takes its place in the list (earliest first), a removed one leaves it.
  const [add, adding] = useMutation(AddBlackoutDateMutation, {
    update: (cache, { data: added }) => {
      if (added) addToList(cache, { fieldName: 'blackoutDates', orderBy: 'date' }, added.addBlackoutDate);
    },
  });
  const [remove, removing] = useMutation(RemoveBlackoutDateMutation, {
    update: (cache, _result, { variables }) => {
      if (variables) removeEverywhere(cache, { __typename: 'BlackoutDate', date: variables.date });
    },
  });
  const days = getFragmentData(BlackoutDateForBlackoutDates, data?.blackoutDates ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await add({ variables: { date, reason } });
      toast({ title: `${formatDate(date)} is a blackout date`, tone: 'success' });
      setDate('');
      setReason('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  const [asking, setAsking] = useState<string | null>(null);
  const onRemove = async (day: string) => {
    setProblem(null);
    try {
      await remove({ variables: { date: day } });
      toast({ title: `${formatDate(day)} is no longer a blackout date`, tone: 'info' });
    } catch (e) {
      setProblem(describeError(e).message);
    }
    setAsking(null);
  };

  return (
    <div className="stack">
      <ErrorNotice error={error} title="Could not load blackout dates" onRetry={() => void refetch()} />
      {loading && !data && <Loading label="Loading blackout dates…" />}
      {data && days.length === 0 && <p className="muted">No blackout dates: market drops are taken on any day.</p>}
      {data && days.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Day</th>
              <th>Why</th>
              <th>Added by</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {days.map((b) => (
              <tr key={b.date}>
                <td>{formatDate(b.date)}</td>
                <td>{b.reason}</td>
                <td>{b.addedBy}</td>
                <td>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => setAsking(b.date)}
                    disabled={removing.loading}
                    aria-label={`Remove blackout date ${b.date}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <ConfirmDialog
          title={`Remove the blackout date ${formatDate(asking)}?`}
          action="Remove the blackout date"
          busy={removing.loading}
          onConfirm={() => void onRemove(asking)}
          onClose={() => setAsking(null)}
        >
          <p className="muted">A collections run then takes market drops due on that day, as on any other.</p>
        </ConfirmDialog>
      )}
      <form className="form-grid" onSubmit={submit} onChange={onEdit} aria-label="Add a blackout date">
        <Field label="Blackout day">
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </Field>
        <Field label="Why" hint="Extreme weather, a holiday…">
          <input value={reason} maxLength={255} onChange={(e) => setReason(e.target.value)} required />
        </Field>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={adding.loading}>
            {adding.loading ? 'Adding…' : 'Add blackout date'}
          </button>
        </div>
      </form>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
