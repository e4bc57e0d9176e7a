import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Field } from '../../shared/components/Field';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { AddWorkItemNoteMutation, ResolveWorkItemMutation } from './work-item-operations';

/** What came of a call: the last two leave the item open for another try, the others resolve it. */
export const CALL_OUTCOMES = [
  ['Reached: promised to pay', true],
  ['Reached: disputes the bill', true],
  ['Reached: asked for a payment plan', true],
  ['Wrong number', true],
  ['Left a message', false],
  ['No answer', false],
] as const;

export function callOutcomeText(outcome: string, note: string): string {
  return note.trim() ? `${outcome}. ${note.trim()}` : outcome;
}

/** Records a call's outcome: one that settles the request resolves the item, "no answer" or a message is noted for the next try. */
export function CallOutcomeForm({ id }: { id: string }) {
  const [outcome, setOutcome] = useState<string>(CALL_OUTCOMES[0][0]);
  const [note, setNote] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [resolve, resolving] = useMutation(ResolveWorkItemMutation);
  const [addNote, noting] = useMutation(AddWorkItemNoteMutation);
  const resolves = CALL_OUTCOMES.find(([o]) => o === outcome)?.[1] ?? true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const text = callOutcomeText(outcome, note);
      if (resolves) await resolve({ variables: { id, resolution: text } });
      else await addNote({ variables: { id, text: `Call attempt: ${text}` } });
      setNote('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <form onSubmit={submit} onChange={onEdit} className="stack resolve-form" aria-label="Record the call's outcome">
      <h3 className="section-title">Record the call&apos;s outcome</h3>
      <Field label="Outcome">
        <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {CALL_OUTCOMES.map(([o]) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Call notes"
        hint={resolves ? 'Resolves the item.' : 'Kept as a note; the item stays open for another try.'}
        error={problem}
      >
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className={`button ${resolves ? 'button-success' : ''}`} disabled={resolving.loading || noting.loading}>
          {resolves ? 'Record and resolve' : 'Record the attempt'}
        </button>
      </div>
    </form>
  );
}
