import { useMemo, useState, type ChangeEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import type { PaymentChannel } from '../../generated/graphql';

const CHANNELS: PaymentChannel[] = ['CHECK', 'ACH', 'WIRE', 'CARD', 'CASH', 'ONLINE', 'OTHER'];
import { ErrorNotice } from '../../shared/components/feedback';
import { Card, PageHeader } from '../../shared/components/Page';
import { parseCsv } from '../accounts/import/csv';
import {
  guessRemittanceMapping,
  missingRemittanceFields,
  REMITTANCE_FIELDS,
  remittanceLineProblem,
  toRemittanceLines,
  type RemittanceField,
  type RemittanceMapping,
} from './remittance-mapping';
import { SuspensePayments } from './SuspensePayments';

export const ImportRemittancesMutation = graphql(`
  mutation ImportRemittances($channel: PaymentChannel!, $lines: [RemittanceLineInput!]!) {
    importRemittances(channel: $channel, lines: $lines) {
      matched
      suspense
      returned
      duplicates
      rejected {
        index
        code
        message
      }
    }
  }
`);

/** Lines per call: the hub takes at most 10,000. */
const BATCH = 5000;

interface Totals {
  matched: number;
  suspense: number;
  returned: number;
  duplicates: number;
  rejected: Array<{ line: number; reason: string }>;
}

/** Cash application: upload a bank or lockbox file, see what matched, and apply the suspense payments. */
export function RemittancesPage() {
  const [file, setFile] = useState<{ name: string; header: string[]; rows: string[][] } | null>(null);
  const [mapping, setMapping] = useState<RemittanceMapping>({});
  const [channel, setChannel] = useState<PaymentChannel>('CHECK');
  const [totals, setTotals] = useState<Totals | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [imports, setImports] = useState(0);
  const [send] = useMutation(ImportRemittancesMutation);
  const lines = useMemo(() => (file ? toRemittanceLines(file.rows, mapping) : []), [file, mapping]);
  const missing = missingRemittanceFields(mapping);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setFile(null);
    setTotals(null);
    setFailure(null);
    if (!chosen) return;
    const [header, ...rows] = parseCsv(await chosen.text());
    if (!header) return setFailure(new Error(`${chosen.name} is empty: a remittance file has a header line, then one line per payment.`));
    setFile({ name: chosen.name, header, rows });
    setMapping(guessRemittanceMapping(header));
  };

  const runImport = async () => {
    setBusy(true);
    setFailure(null);
    const result: Totals = { matched: 0, suspense: 0, returned: 0, duplicates: 0, rejected: [] };
    // Line numbers as the file shows them: the header is line 1. A value the hub cannot read would fail its whole call.
    const sendable: Array<{ line: number; input: (typeof lines)[number] }> = [];
    lines.forEach((input, i) => {
      const problem = remittanceLineProblem(input);
      if (problem) result.rejected.push({ line: i + 2, reason: `INVALID_LINE: ${problem}` });
      else sendable.push({ line: i + 2, input });
    });
    try {
      for (let i = 0; i < sendable.length; i += BATCH) {
        const batch = sendable.slice(i, i + BATCH);
        const { data } = await send({ variables: { channel, lines: batch.map((b) => b.input) } });
        const r = data?.importRemittances;
        if (!r) throw new Error('The hub gave no answer for a batch.');
        result.matched += r.matched;
        result.suspense += r.suspense;
        result.returned += r.returned;
        result.duplicates += r.duplicates;
        // The hub numbers a call's lines from 0; the file's numbers are the ones to show.
        for (const x of r.rejected) {
          result.rejected.push({ line: batch[x.index].line, reason: `${x.code}: ${x.message.replace(/^Line \d+: /, '')}` });
        }
      }
    } catch (e) {
      // What was recorded stays recorded; importing the file again counts those lines as duplicates.
      setFailure(e);
    }
    result.rejected.sort((a, b) => a.line - b.line);
    setTotals(result);
    setBusy(false);
    setImports((n) => n + 1);
  };

  return (
    <>
      <PageHeader
        title="Cash application"
        subtitle="Bank and lockbox files: payments by account or invoice number, returned payments, and the cash no account claimed."
      />
      <div className="stack">
        <Card title="1. Choose a remittance file (CSV)">
          <label className="field">
            <span className="field-label">CSV file</span>
            <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={busy} />
          </label>
          <label className="field">
            <span className="field-label">Channel</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value as PaymentChannel)} disabled={busy}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          {!file && <ErrorNotice error={failure} title="The file could not be read" />}
        </Card>
        {file && (
          <Card title="2. Map the columns and import">
            <p className="muted small">
              {file.name}: {file.rows.length} lines.
            </p>
            <div className="form-grid form-grid-4">
              {REMITTANCE_FIELDS.map((f) => (
                <label key={f.key} className="field">
                  <span className="field-label">
                    {f.label}
                    {'required' in f && f.required ? ' *' : ''}
                  </span>
                  <select
                    value={mapping[f.key] ?? ''}
                    onChange={(e) =>
                      setMapping((m) => ({ ...m, [f.key as RemittanceField]: e.target.value === '' ? undefined : Number(e.target.value) }))
                    }
                    disabled={busy}
                  >
                    <option value="">Not read</option>
                    {file.header.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `Column ${i + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {missing.length > 0 ? (
              <p className="notice notice-warning" role="alert">
                Map {missing.join(', ')}: every line needs them.
              </p>
            ) : (
              <div className="button-row">
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => void runImport()}
                  disabled={busy || lines.length === 0}
                >
                  {busy ? 'Importing…' : `Import ${lines.length} lines`}
                </button>
              </div>
            )}
            <ErrorNotice error={failure} title="The import stopped" />
            {totals && (
              <div aria-label="Import result">
                <p>
                  Matched <strong>{totals.matched}</strong> · Suspense <strong>{totals.suspense}</strong> · Returned{' '}
                  <strong>{totals.returned}</strong> · Already imported <strong>{totals.duplicates}</strong> · Rejected{' '}
                  <strong>{totals.rejected.length}</strong>
                </p>
                {totals.rejected.length > 0 && (
                  <ul className="small">
                    {totals.rejected.map((r) => (
                      <li key={r.line}>
                        Line {r.line}: {r.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </Card>
        )}
        <Card title="Suspense payments (queue UNAPPLIED_CASH)">
          <SuspensePayments key={imports} />
        </Card>
      </div>
    </>
  );
}
