import { useState, type FormEvent } from 'react';
import type { ApolloCache, Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { addToList } from '../../app/apollo/list-updates';
import { Field } from '../../shared/components/Field';
import { Icon } from '../../shared/components/Icon';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { ACTIONS, emptyStep, toPathInput, validatePath, type PathDraft, type PathErrors, type StepDraft } from './path-form';

/** A path as the editor starts from it and as the list shows it: the list, create and update all ask for this. */
export const CollectionsPathForPathEditor = graphql(`
  fragment CollectionsPathForPathEditor on CollectionsPath {
    id
    name
    segments
    isDefault
    active
    steps {
      id
      position
      name
      action
      daysPastDue
      minPastDue
      template
      queueKey
      feeAmount
      feePercent
      noticeDays
      noticeStep {
        id
        position
        name
      }
    }
  }
`);

/** A queue a call request step can go to, as the step's choice shows it. */
export const WorkQueueForPathEditor = graphql(`
  fragment WorkQueueForPathEditor on WorkQueue {
    key
    name
  }
`);

type QueueChoices = ReadonlyArray<FragmentType<typeof WorkQueueForPathEditor>>;

/** There is one default path: when the saved one is it, the path that was the default no longer is. */
function defaultMovedTo(cache: ApolloCache, pathId: string): void {
  const saved = cache.identify({ __typename: 'CollectionsPath', id: pathId });
  const others: Reference[] = [];
  cache.modify<{ collectionsPaths: readonly Reference[] }>({
    fields: {
      collectionsPaths: (existing, { readField }) => {
        for (const r of existing) if (r.__ref !== saved && readField('isDefault', r) === true) others.push(r);
        return existing;
      },
    },
  });
  for (const r of others) cache.modify({ id: r.__ref, fields: { isDefault: () => false } });
}

export const CreateCollectionsPathMutation = graphql(`
  mutation CreateCollectionsPath($input: CollectionsPathInput!) {
    createCollectionsPath(input: $input) {
      id
      isDefault
      ...CollectionsPathForPathEditor
    }
  }
`);

export const UpdateCollectionsPathMutation = graphql(`
  mutation UpdateCollectionsPath($id: ID!, $input: CollectionsPathInput!) {
    updateCollectionsPath(id: $id, input: $input) {
      id
      isDefault
      ...CollectionsPathForPathEditor
    }
  }
`);

function StepEditor({
  step,
  index,
  count,
  errors,
  queues,
  earlier,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  count: number;
  errors: PathErrors;
  queues: QueueChoices;
  /** The steps before this one: the notice steps it may wait for. */
  earlier: readonly StepDraft[];
  onChange(next: StepDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const p = `steps.${index}.`;
  return (
    <fieldset className="step">
      <legend>
        <span className="step-number">{index + 1}</span> Step {index + 1}
      </legend>
      <div className="step-tools">
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={`Move step ${index + 1} up`}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={`Move step ${index + 1} down`}
        >
          ↓
        </button>
        <button type="button" className="button button-ghost button-small" onClick={onRemove} aria-label={`Remove step ${index + 1}`}>
          Remove
        </button>
      </div>
      <div className="form-grid form-grid-4">
        <Field label="Step name" error={errors[`${p}name`]}>
          <input value={step.name} onChange={(e) => onChange({ ...step, name: e.target.value })} />
        </Field>
        <Field label="Action">
          <select value={step.action} onChange={(e) => onChange({ ...step, action: e.target.value as StepDraft['action'] })}>
            {ACTIONS.map(([a, label]) => (
              <option key={a} value={a}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Days past due" error={errors[`${p}daysPastDue`]}>
          <input inputMode="numeric" value={step.daysPastDue} onChange={(e) => onChange({ ...step, daysPastDue: e.target.value })} />
        </Field>
        <Field label="Minimum past due" error={errors[`${p}minPastDue`]}>
          <input inputMode="decimal" value={step.minPastDue} onChange={(e) => onChange({ ...step, minPastDue: e.target.value })} />
        </Field>
        {(step.action === 'REMINDER' || step.action === 'LETTER') && (
          <Field
            label="Text"
            className="field-span"
            hint="{{name}}, {{accountNumber}}, {{pastDue}} and {{daysPastDue}} are filled in."
            error={errors[`${p}template`]}
          >
            <textarea rows={2} value={step.template} onChange={(e) => onChange({ ...step, template: e.target.value })} />
          </Field>
        )}
        {step.action === 'CALL_REQUEST' && (
          <Field label="Work queue" error={errors[`${p}queueKey`]}>
            <select value={step.queueKey} onChange={(e) => onChange({ ...step, queueKey: e.target.value })}>
              <option value="">Choose…</option>
              {getFragmentData(WorkQueueForPathEditor, queues).map((q) => (
                <option key={q.key} value={q.key}>
                  {q.name} ({q.key})
                </option>
              ))}
            </select>
          </Field>
        )}
        {step.action === 'LATE_FEE' && (
          <>
            <Field label="Fee">
              <select value={step.feeKind} onChange={(e) => onChange({ ...step, feeKind: e.target.value as StepDraft['feeKind'] })}>
                <option value="amount">Fixed amount</option>
                <option value="percent">% of past due</option>
              </select>
            </Field>
            <Field label={step.feeKind === 'amount' ? 'Amount' : 'Percent'} error={errors[`${p}fee`]}>
              <input inputMode="decimal" value={step.fee} onChange={(e) => onChange({ ...step, fee: e.target.value })} />
            </Field>
          </>
        )}
        {index > 0 && (
          <Field
            label="Wait for notice"
            hint="Not taken until that step was taken, in the same delinquency, at least the days below before."
            error={errors[`${p}noticeOf`]}
          >
            <select value={step.noticeOf} onChange={(e) => onChange({ ...step, noticeOf: e.target.value })}>
              <option value="">No notice</option>
              {earlier.map((o, i) => (
                <option key={o.uid} value={o.uid}>
                  Step {i + 1}: {o.name || 'unnamed'}
                </option>
              ))}
            </select>
          </Field>
        )}
        {step.noticeOf && (
          <Field label="Notice days" error={errors[`${p}noticeDays`]}>
            <input inputMode="numeric" value={step.noticeDays} onChange={(e) => onChange({ ...step, noticeDays: e.target.value })} />
          </Field>
        )}
      </div>
    </fieldset>
  );
}

export function PathEditor({
  pathId,
  initial,
  queues,
  onSaved,
  onCancel,
}: {
  pathId: string | null;
  initial: PathDraft;
  queues: QueueChoices;
  onSaved(id: string): void;
  onCancel(): void;
}) {
  const { toast } = useToast();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<PathErrors>({});
  const [problem, setProblem, onEdit] = useFormProblem();
  // A new path joins the list from the answer (paths are listed in the order they were created); a new default takes the flag from the old one.
  const [create, creating] = useMutation(CreateCollectionsPathMutation, {
    update: (cache, { data }) => {
      if (!data) return;
      addToList(cache, { fieldName: 'collectionsPaths' }, data.createCollectionsPath);
      if (data.createCollectionsPath.isDefault) defaultMovedTo(cache, data.createCollectionsPath.id);
    },
  });
  const [update, updating] = useMutation(UpdateCollectionsPathMutation, {
    update: (cache, { data }) => {
      if (data?.updateCollectionsPath.isDefault) defaultMovedTo(cache, data.updateCollectionsPath.id);
    },
  });
  const setStep = (i: number, next: StepDraft) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? next : s)) }));
  const move = (i: number, delta: -1 | 1) =>
    setDraft((d) => {
      const steps = [...d.steps];
      const [s] = steps.splice(i, 1);
      steps.splice(i + delta, 0, s);
      return { ...d, steps };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = validatePath(draft);
    setErrors(found);
    if (Object.keys(found).length) return setProblem('Some fields need attention.');
    try {
      if (pathId) {
        await update({ variables: { id: pathId, input: toPathInput(draft) } });
        toast({ title: `Path ${draft.name} saved`, detail: 'Actions already taken keep their history.', tone: 'success' });
        onSaved(pathId);
      } else {
        const { data } = await create({ variables: { input: toPathInput(draft) } });
        toast({ title: `Path ${draft.name} created`, tone: 'success' });
        if (data) onSaved(data.createCollectionsPath.id);
      }
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  const busy = creating.loading || updating.loading;

  return (
    <form
      className="stack"
      onSubmit={submit}
      onChange={onEdit}
      noValidate
      aria-label={pathId ? `Edit path ${initial.name}` : 'New collections path'}
    >
      <div className="form-grid">
        <Field label="Path name" error={errors.name}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label="Segments" hint="Comma separated, e.g. VIP, COMMERCIAL. Empty: only by assignment or as default.">
          <input value={draft.segments} onChange={(e) => setDraft({ ...draft, segments: e.target.value.toUpperCase() })} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} /> Active
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.isDefault} onChange={(e) => setDraft({ ...draft, isDefault: e.target.checked })} /> Default
          path (for accounts no other path covers)
        </label>
      </div>
      {errors.steps && (
        <p className="notice notice-danger" role="alert">
          {errors.steps}
        </p>
      )}
      {draft.steps.map((s, i) => (
        <StepEditor
          key={s.uid}
          step={s}
          index={i}
          count={draft.steps.length}
          errors={errors}
          queues={queues}
          earlier={draft.steps.slice(0, i)}
          onChange={(next) => setStep(i, next)}
          onMove={(delta) => move(i, delta)}
          onRemove={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }))}
        />
      ))}
      <div>
        <button type="button" className="button button-small" onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, emptyStep()] }))}>
          <Icon name="plus" size={14} /> Add step
        </button>
      </div>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : pathId ? 'Save path' : 'Create path'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
