import { useState } from 'react';
import { graphql, type FragmentType, getFragmentData } from '../../generated';
import { Link } from '../../app/router';
import { Icon } from '../../shared/components/Icon';
import { Money } from '../../shared/components/Money';
import { humanizeStatus, StatusChip } from '../../shared/components/StatusChip';
import { daysBetween, formatDate, todayIso } from '../../shared/dates';

export const RunPreviewForPreviewPanel = graphql(`
  fragment RunPreviewForPreviewPanel on RunPreview {
    kind
    asOf
    accounts
    counts {
      key
      count
      amount
    }
    samples {
      outcome
      amount
      detail
      account {
        id
        number
        name
      }
    }
  }
`);

export const PreviewBillingQuery = graphql(`
  query PreviewBilling($asOf: Date!) {
    previewBilling(asOf: $asOf) {
      ...RunPreviewForPreviewPanel
    }
  }
`);

export const PreviewCollectionsQuery = graphql(`
  query PreviewCollections($asOf: Date!) {
    previewCollections(asOf: $asOf) {
      ...RunPreviewForPreviewPanel
    }
  }
`);

/** Collections preview keys that count due steps a control kept from the run (a hold, a notice, a blackout, a protection, a plan). */
const KEPT_BACK = new Set(['HELD', 'WAITING_FOR_NOTICE', 'BLACKOUT_DATE', 'PROTECTED', 'PAYMENT_PLAN', 'DISPUTED']);

/**
 * A late fee's amount in a collections preview is the fee itself: the invoice
 * that charges it adds tax where the account's zone taxes fees, so the amount
 * is labelled as before tax rather than read as what the customer will owe.
 */
function PreviewAmount({ kind, outcome, value }: { kind: string; outcome: string; value: string }) {
  return (
    <>
      <Money value={value} />
      {kind === 'COLLECTIONS' && outcome === 'LATE_FEE' && ' before tax'}
    </>
  );
}

/** Whether a run dated asOf needs the operator's second word: a day after today. */
export function isAfterToday(asOf: string, today = todayIso()): boolean {
  return asOf > today;
}

/**
 * What a run would do, shown before it starts, and the button that starts it.
 * A run dated after today is started only once the operator has said so again,
 * in words: the date is easy to mistype and the run acts as if that day had come.
 */
export function RunPreviewPanel({
  preview: ref,
  runLabel,
  starting,
  onRun,
}: {
  preview: FragmentType<typeof RunPreviewForPreviewPanel>;
  runLabel: string;
  starting: boolean;
  onRun: () => void;
}) {
  const preview = getFragmentData(RunPreviewForPreviewPanel, ref);
  const future = isAfterToday(preview.asOf);
  const ahead = daysBetween(todayIso(), preview.asOf);
  const [confirmed, setConfirmed] = useState(false);
  const one = preview.accounts === 1;
  const what =
    preview.kind === 'BILLING' ? `${one ? 'account' : 'accounts'} to bill` : `delinquent ${one ? 'account' : 'accounts'} to evaluate`;
  const counted = preview.kind === 'BILLING' ? 'Accounts' : 'Actions';

  return (
    <section className="run-preview" aria-label={`Preview of ${runLabel.toLowerCase()}`}>
      <p>
        <strong>Preview</strong> as of {formatDate(preview.asOf)}: {preview.accounts} {what}. Nothing has been done yet.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col">{counted}</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {preview.counts.map((c) => (
            <tr key={c.key}>
              <td>
                {preview.kind === 'COLLECTIONS' && KEPT_BACK.has(c.key)
                  ? `Not taken: ${humanizeStatus(c.key).toLowerCase()}`
                  : humanizeStatus(c.key)}
              </td>
              <td>{c.count}</td>
              <td>
                {c.amount === null || c.amount === undefined ? '—' : <PreviewAmount kind={preview.kind} outcome={c.key} value={c.amount} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.samples.length > 0 && (
        <details>
          <summary>Sample accounts ({preview.samples.length})</summary>
          <ul className="run-samples">
            {preview.samples.map((s, i) => (
              <li key={`${s.account.id}-${s.outcome}-${i}`}>
                <StatusChip status={s.outcome} /> <Link to={`/accounts/${s.account.id}`}>{s.account.number}</Link> {s.account.name}
                {s.amount ? (
                  <>
                    {' '}
                    · <PreviewAmount kind={preview.kind} outcome={s.outcome} value={s.amount} />
                  </>
                ) : null}
                {s.detail ? <span className="muted small"> · {s.detail}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      )}
      {future && (
        <div className="notice notice-warning" role="alert">
          <p>
            {formatDate(preview.asOf)} is after today ({formatDate(todayIso())}). The run will act as if that day had come.
          </p>
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> Yes, run as of{' '}
            {formatDate(preview.asOf)}, {ahead === 1 ? 'a day' : `${ahead} days`} after today
          </label>
        </div>
      )}
      <button type="button" className="button button-primary" disabled={starting || (future && !confirmed)} onClick={onRun}>
        <Icon name="play" size={14} /> {starting ? 'Starting…' : runLabel}
      </button>
    </section>
  );
}
