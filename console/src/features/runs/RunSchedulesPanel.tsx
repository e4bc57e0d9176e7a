import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { Field } from '../../shared/components/Field';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { useToast } from '../../shared/components/Toasts';
import { formatDate } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

/** A daily schedule as its form shows it; saving answers with it (schedules are known by their kind). */
export const RunScheduleForScheduleForm = graphql(`
  fragment RunScheduleForScheduleForm on RunSchedule {
    kind
    enabled
    timeOfDay
    lastRunDate
  }
`);

export const RunSchedulesQuery = graphql(`
  query RunSchedules {
    runSchedules {
      kind
      ...RunScheduleForScheduleForm
    }
  }
`);

export const SetRunScheduleMutation = graphql(`
  mutation SetRunSchedule($kind: RunKind!, $enabled: Boolean!, $timeOfDay: String!) {
    setRunSchedule(kind: $kind, enabled: $enabled, timeOfDay: $timeOfDay) {
      kind
      ...RunScheduleForScheduleForm
    }
  }
`);

const NAMES: Record<string, string> = { BILLING: 'Billing', COLLECTIONS: 'Collections' };

function ScheduleForm({ schedule: ref }: { schedule: FragmentType<typeof RunScheduleForScheduleForm> }) {
  const schedule = getFragmentData(RunScheduleForScheduleForm, ref);
  const { toast } = useToast();
  const [enabled, setEnabled] = useState(schedule.enabled);
  const [time, setTime] = useState(schedule.timeOfDay);
  const [problem, setProblem, onEdit] = useFormProblem();
  const [save, { loading }] = useMutation(SetRunScheduleMutation);
  const name = NAMES[schedule.kind] ?? schedule.kind;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await save({ variables: { kind: schedule.kind, enabled, timeOfDay: time } });
      toast({ title: `${name} schedule saved`, detail: enabled ? `Every day at ${time}` : 'Off', tone: 'success' });
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <form className="run-form" onSubmit={submit} onChange={onEdit} aria-label={`${name} schedule`}>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {name} every day
      </label>
      <Field label="At">
        <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
      </Field>
      <button type="submit" className="button" disabled={loading}>
        {loading ? 'Saving…' : 'Save'}
      </button>
      <span className="muted small">
        {schedule.lastRunDate ? `Last started by the schedule for ${formatDate(schedule.lastRunDate)}` : 'Not started by the schedule yet'}
      </span>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The daily schedules: a run with asOf = that day, at a time of day in the hub's time zone, started by SCHEDULE. */
export function RunSchedulesPanel() {
  const { data, loading, error, refetch } = useQuery(RunSchedulesQuery, { fetchPolicy: 'cache-and-network' });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data && loading) return <Loading />;
  return (
    <div className="run-schedules">
      {(data?.runSchedules ?? []).map((ref) => {
        const s = getFragmentData(RunScheduleForScheduleForm, ref);
        return <ScheduleForm key={`${s.kind}-${s.enabled}-${s.timeOfDay}`} schedule={ref} />;
      })}
      <p className="run-help">
        A scheduled run bills or collects as of the day it starts, once a day across every server process, in the hub&apos;s time zone. A
        time already past today starts tomorrow.
      </p>
    </div>
  );
}
