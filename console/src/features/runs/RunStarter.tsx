import { useState, type FormEvent, type ReactNode } from 'react';
import type { FragmentType } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Icon } from '../../shared/components/Icon';
import { todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { RunPreviewPanel, type RunPreviewForPreviewPanel } from './RunPreviewPanel';

export type PreviewRef = FragmentType<typeof RunPreviewForPreviewPanel>;

/** A run as its control needs it: enough to know whether it still runs. */
interface RunLike {
  status: string;
}

export interface RunStarter<R extends RunLike> {
  /** The day the run is dated. */
  asOf: string;
  /** Picks another day; a preview of the old day no longer holds. */
  chooseDay: (asOf: string) => void;
  /** The run started here, as last seen. */
  run: R | null;
  preview: PreviewRef | null;
  previewing: boolean;
  /** What went wrong with the last preview or start, in the hub's words. */
  problem: string | null;
  showPreview: (event: FormEvent) => Promise<void>;
  start: () => Promise<void>;
  /** Shows the run as it ended; the form is free again for the next preview. */
  ended: (run: R) => void;
}

/**
 * The steps every run takes in the console: pick a day, see its preview, start it.
 * `preview` and `start` ask the hub for that day; `onChange` hears of a run started or ended.
 */
export function useRunStarter<R extends RunLike>({
  preview: askPreview,
  start: askStart,
  onChange,
}: {
  preview: (asOf: string) => Promise<PreviewRef | null>;
  start: (asOf: string) => Promise<R | null>;
  onChange?: () => void;
}): RunStarter<R> {
  const [asOf, setAsOf] = useState(todayIso());
  const [run, setRun] = useState<R | null>(null);
  const [preview, setPreview] = useState<PreviewRef | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [problem, setProblem, onEdit] = useFormProblem();

  const showPreview = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setPreviewing(true);
    try {
      setPreview(await askPreview(asOf));
    } catch (e) {
      setProblem(describeError(e).message);
    } finally {
      setPreviewing(false);
    }
  };

  const start = async () => {
    setProblem(null);
    try {
      const started = await askStart(asOf);
      if (started) setRun(started);
      setPreview(null);
      onChange?.();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  const chooseDay = (day: string) => {
    setAsOf(day);
    setPreview(null);
    onEdit();
  };

  const ended = (last: R) => {
    setRun(last);
    onChange?.();
  };

  return { asOf, chooseDay, run, preview, previewing, problem, showPreview, start, ended };
}

/**
 * A run's control: the day, the preview button, what the run does, what went wrong,
 * the preview with its start button, and below it (children) the run being followed.
 */
export function RunForm<R extends RunLike>({
  starter,
  formLabel,
  dayLabel,
  previewLabel,
  runLabel,
  starting,
  help,
  children,
}: {
  starter: RunStarter<R>;
  /** The form's accessible name, e.g. "Run billing". */
  formLabel: string;
  dayLabel: string;
  previewLabel: string;
  /** The start button's text in the preview. */
  runLabel: string;
  /** Whether the hub is starting the run. */
  starting: boolean;
  help: ReactNode;
  children?: ReactNode;
}) {
  const { asOf, chooseDay, run, preview, previewing, problem, showPreview, start } = starter;
  return (
    <div className="run-control">
      <form className="run-form" onSubmit={showPreview} aria-label={formLabel}>
        <Field label={dayLabel}>
          <input type="date" value={asOf} onChange={(e) => chooseDay(e.target.value)} required />
        </Field>
        <button type="submit" className="button" disabled={previewing || run?.status === 'RUNNING'}>
          <Icon name="search" size={14} /> {previewing ? 'Previewing…' : previewLabel}
        </button>
      </form>
      <p className="run-help">{help}</p>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
      {preview && <RunPreviewPanel key={asOf} preview={preview} runLabel={runLabel} starting={starting} onRun={() => void start()} />}
      {children}
    </div>
  );
}
