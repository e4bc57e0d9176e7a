import { useToast } from './Toasts';

/** A secret shown once, with a copy button: the hub keeps only what it needs to check or sign, never a way to show it again. */
export function SecretNotice({
  title,
  label,
  value,
  onDone,
}: {
  title: string;
  /** The accessible name of the secret's text. */
  label: string;
  value: string;
  onDone(): void;
}) {
  const { toast } = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast({ title: 'Secret copied', tone: 'success' });
    } catch {
      toast({ title: 'Copy it by hand', detail: 'The browser did not allow copying.', tone: 'warning' });
    }
  };
  return (
    <div className="secret" role="alert">
      <strong>{title}</strong>
      <div className="secret-row">
        <code className="secret-value" aria-label={label}>
          {value}
        </code>
        <button type="button" className="button button-small" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button button-small button-ghost" onClick={onDone}>
          I saved it
        </button>
      </div>
    </div>
  );
}
