import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { bulkSummary } from './queue-view';
import { ClaimWorkItemMutation, ResolveWorkItemMutation } from './work-item-operations';

type Outcome = { done: number; refused: Array<{ id: string; message: string }> };

/** Claims or resolves the picked items one by one; each refusal (a held invoice, someone else's claim) is reported with its item. */
export function BulkBar({ claimable, resolvable, onDone }: { claimable: string[]; resolvable: string[]; onDone(): void }) {
  const { toast } = useToast();
  const [claim] = useMutation(ClaimWorkItemMutation);
  const [resolve] = useMutation(ResolveWorkItemMutation);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [resolution, setResolution] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();

  const each = async (ids: string[], act: (id: string) => Promise<unknown>): Promise<Outcome> => {
    const outcome: Outcome = { done: 0, refused: [] };
    for (const id of ids) {
      try {
        await act(id);
        outcome.done++;
      } catch (e) {
        outcome.refused.push({ id, message: describeError(e).message });
      }
    }
    return outcome;
  };

  const report = (verb: string, o: Outcome) =>
    toast({ title: bulkSummary(verb, o.done, o.refused), tone: o.refused.length ? 'warning' : 'success' });

  const claimAll = async () => {
    setBusy(true);
    report('Claimed', await each(claimable, (id) => claim({ variables: { id } })));
    setBusy(false);
    onDone();
  };

  const resolveAll = async (event: FormEvent) => {
    event.preventDefault();
    if (!resolution.trim()) return setProblem('Say how they were resolved: the next person reads it.');
    setBusy(true);
    report('Resolved', await each(resolvable, (id) => resolve({ variables: { id, resolution: resolution.trim() } })));
    setBusy(false);
    setAsking(false);
    setResolution('');
    onDone();
  };

  if (claimable.length === 0 && resolvable.length === 0) return null;
  return (
    <div className="toolbar bulk-bar" role="group" aria-label="Bulk actions">
      <span className="muted small">{resolvable.length} picked</span>
      <button type="button" className="button button-small" disabled={busy || claimable.length === 0} onClick={() => void claimAll()}>
        Claim {claimable.length}
      </button>
      <button type="button" className="button button-small" disabled={busy || resolvable.length === 0} onClick={() => setAsking(true)}>
        Resolve {resolvable.length}…
      </button>
      {asking && (
        <Modal
          title={`Resolve ${resolvable.length} work item${resolvable.length === 1 ? '' : 's'}`}
          onClose={() => setAsking(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setAsking(false)}>
                Back
              </button>
              <button type="submit" form="bulk-resolve-form" className="button button-success" disabled={busy}>
                {busy ? 'Resolving…' : `Resolve ${resolvable.length}`}
              </button>
            </>
          }
        >
          <form id="bulk-resolve-form" className="stack" onSubmit={(e) => void resolveAll(e)} onChange={onEdit}>
            <p className="muted">
              Each item is resolved with this text; this cannot be undone. Items whose cause is still open (a held invoice, a pending market
              drop) are refused and stay in the queue.
            </p>
            <Field label="Resolution" error={problem}>
              <textarea rows={3} value={resolution} onChange={(e) => setResolution(e.target.value)} autoFocus />
            </Field>
          </form>
        </Modal>
      )}
    </div>
  );
}
