import type { PreparedRow } from './import-mapping';

export interface ServerCheck {
  checked: number;
  accepted: number;
  duplicates: number;
  rejected: Array<{ lines: number[]; reason: string }>;
}

const SHOWN = 20;

/** What the console found wrong in the file, a sample of the accounts, and the hub's dry run of a first batch. */
export function ImportPreview({
  prepared,
  check,
  onCheck,
  busy,
}: {
  prepared: PreparedRow[];
  check: ServerCheck | null;
  onCheck(): void;
  busy: boolean;
}) {
  const bad = prepared.filter((p) => p.problems.length > 0);
  return (
    <div className="stack">
      <p>
        <span className="strong">{prepared.length - bad.length}</span> accounts look right;{' '}
        <span className={bad.length ? 'strong text-danger' : 'strong'}>{bad.length}</span> will be refused as they are.
      </p>
      <table className="table table-compact">
        <caption className="sr-only">Preview of the file</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Account</th>
            <th scope="col">Name</th>
            <th scope="col">Segment</th>
            <th scope="col">Open invoices</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {[...bad, ...prepared.filter((p) => p.problems.length === 0)].slice(0, SHOWN).map((p) => (
            <tr key={p.lines[0]}>
              <td>{p.lines.join(', ')}</td>
              <td>{p.input.number}</td>
              <td>{p.input.name}</td>
              <td>{p.input.segment}</td>
              <td>{p.input.openingBalance?.length ?? 0}</td>
              <td className={p.problems.length ? 'text-danger' : undefined}>{p.problems.length ? p.problems.join('; ') : 'OK'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="button" onClick={onCheck} disabled={busy || prepared.length === bad.length}>
          Check with the hub
        </button>
        <span className="muted small">
          Runs the first 1,000 accounts through the hub&apos;s checks (products, promo codes, paths, numbers taken) without saving them.
        </span>
      </div>
      {check && (
        <div className="notice" role="status">
          <div>
            Of the first {check.checked} accounts, the hub would import {check.accepted}, count {check.duplicates} as already imported and
            refuse {check.rejected.length}.
            {check.rejected.length > 0 && (
              <ul>
                {check.rejected.slice(0, 5).map((r) => (
                  <li key={r.lines[0]}>
                    Line {r.lines[0]}: {r.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
