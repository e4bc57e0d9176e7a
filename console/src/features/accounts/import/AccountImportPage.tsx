import { useMemo, useState, type ChangeEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../../generated';
import { Link } from '../../../app/router';
import { ErrorNotice } from '../../../shared/components/feedback';
import { Card, PageHeader } from '../../../shared/components/Page';
import { numberedAsShown } from '../../../shared/errors';
import { ProgressBar } from '../../runs/RunControls';
import { parseCsv } from './csv';
import { guessMapping, IMPORT_FIELDS, missingRequired, prepareRows, type ColumnMapping, type ImportField } from './import-mapping';
import { ImportPreview, type ServerCheck } from './ImportPreview';
import { ImportOutcome, type Outcome } from './ImportOutcome';

export const ImportAccountsMutation = graphql(`
  mutation ImportAccounts($rows: [AccountImportInput!]!, $dryRun: Boolean) {
    importAccounts(rows: $rows, dryRun: $dryRun) {
      accepted
      duplicates
      rejected {
        index
        code
        message
      }
    }
  }
`);

/** Why the hub refused an account, its open invoices numbered from 1 as the account's lines list them. */
const refusal = (x: { code: string; message: string }): string => `${x.code}: ${numberedAsShown(x.message)}`;

/** Accounts per call: small enough for the progress bar to move, large enough to be fast. */
const BATCH = 1000;

interface CsvFile {
  name: string;
  header: string[];
  rows: string[][];
}

/** Brings accounts over from a CSV file: map its columns, check it, import it in batches, and download the rows refused. */
export function AccountImportPage() {
  const [file, setFile] = useState<CsvFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [check, setCheck] = useState<ServerCheck | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [send] = useMutation(ImportAccountsMutation);

  const prepared = useMemo(() => (file ? prepareRows(file.rows, mapping) : []), [file, mapping]);
  const missing = missingRequired(mapping);
  const valid = prepared.filter((p) => p.problems.length === 0);
  const busy = progress !== null && outcome === null && failure === null;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setFile(null);
    setCheck(null);
    setOutcome(null);
    setFailure(null);
    setProgress(null);
    setFileError(null);
    if (!chosen) return;
    const [header, ...rows] = parseCsv(await chosen.text());
    if (!header || rows.length === 0) {
      setFileError(`${chosen.name} has no rows under a header line.`);
      return;
    }
    setFile({ name: chosen.name, header, rows });
    setMapping(guessMapping(header));
  };

  const remap = (key: ImportField, value: string) => {
    setCheck(null);
    setMapping((m) => {
      const next = { ...m };
      if (value === '') delete next[key];
      else next[key] = Number(value);
      return next;
    });
  };

  /** The hub's verdict on a first batch, written nowhere: a dry run. */
  const checkWithHub = async () => {
    setFailure(null);
    const sample = valid.slice(0, BATCH);
    try {
      const { data } = await send({ variables: { rows: sample.map((p) => p.input), dryRun: true } });
      const r = data?.importAccounts;
      if (r)
        setCheck({
          checked: sample.length,
          accepted: r.accepted,
          duplicates: r.duplicates,
          rejected: r.rejected.map((x) => ({ lines: sample[x.index].lines, reason: refusal(x) })),
        });
    } catch (e) {
      setFailure(e);
    }
  };

  const runImport = async () => {
    setFailure(null);
    setOutcome(null);
    const result: Outcome = {
      accepted: 0,
      duplicates: 0,
      rejected: prepared.filter((p) => p.problems.length > 0).map((p) => ({ lines: p.lines, reason: p.problems.join('; ') })),
    };
    setProgress({ done: 0, total: valid.length });
    try {
      for (let i = 0; i < valid.length; i += BATCH) {
        const batch = valid.slice(i, i + BATCH);
        const { data } = await send({ variables: { rows: batch.map((p) => p.input) } });
        const r = data?.importAccounts;
        if (!r) throw new Error('The hub gave no answer for a batch.');
        result.accepted += r.accepted;
        result.duplicates += r.duplicates;
        for (const x of r.rejected) result.rejected.push({ lines: batch[x.index].lines, reason: refusal(x) });
        setProgress({ done: i + batch.length, total: valid.length });
      }
      setOutcome(result);
    } catch (e) {
      // What was imported stays imported; importing the file again counts those rows as duplicates.
      setFailure(e);
      setOutcome({ ...result, interrupted: true });
    }
  };

  return (
    <>
      <PageHeader
        back={<Link to="/accounts">← Accounts</Link>}
        title="Import accounts"
        subtitle="Bring customers over from the previous system: their details, enrollment, collections path and open invoices."
      />
      <div className="stack">
        <Card title="1. Choose a CSV file">
          <p className="muted small">
            One line per account, with a header line. Lines with the same account number add one open invoice each to that account&apos;s
            opening balance. Dates are written YYYY-MM-DD, amounts like 12.50.
          </p>
          <label className="field">
            <span className="field-label">CSV file</span>
            <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={busy} />
          </label>
          {fileError && (
            <p className="notice notice-danger" role="alert">
              {fileError}
            </p>
          )}
        </Card>

        {file && (
          <Card title="2. Map the columns">
            <p className="muted small">
              {file.name}: {file.rows.length} lines, {prepared.length} accounts.
            </p>
            <div className="form-grid form-grid-4">
              {IMPORT_FIELDS.map((f) => (
                <label key={f.key} className="field">
                  <span className="field-label">
                    {f.label}
                    {'required' in f && f.required ? ' *' : ''}
                  </span>
                  <select value={mapping[f.key] ?? ''} onChange={(e) => remap(f.key, e.target.value)} disabled={busy}>
                    <option value="">Not imported</option>
                    {file.header.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `Column ${i + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {missing.length > 0 && (
              <p className="notice notice-warning" role="alert">
                Map {missing.join(', ')}: every account needs them.
              </p>
            )}
          </Card>
        )}

        {file && missing.length === 0 && (
          <Card title="3. Check and import">
            <ImportPreview prepared={prepared} check={check} onCheck={() => void checkWithHub()} busy={busy} />
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                onClick={() => void runImport()}
                disabled={busy || valid.length === 0}
              >
                {busy ? 'Importing…' : `Import ${valid.length} accounts`}
              </button>
            </div>
            {progress && <ProgressBar value={progress.done} max={progress.total} label="Import progress" />}
            <ErrorNotice error={failure} title="The import stopped" />
          </Card>
        )}

        {file && outcome && <ImportOutcome outcome={outcome} fileName={file.name} header={file.header} rows={file.rows} />}
      </div>
    </>
  );
}
