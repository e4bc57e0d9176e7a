import { Card } from '../../../shared/components/Page';
import { toCsv } from './csv';
import { downloadText } from './download';
import { rejectedCsvRows } from './import-mapping';

export interface Outcome {
  accepted: number;
  duplicates: number;
  rejected: Array<{ lines: number[]; reason: string }>;
  /** The import stopped before the last batch. */
  interrupted?: boolean;
}

const SHOWN = 50;

/** What the import did, and the rejected lines as a file to fix and import again. */
export function ImportOutcome({
  outcome,
  fileName,
  header,
  rows,
}: {
  outcome: Outcome;
  fileName: string;
  header: string[];
  rows: string[][];
}) {
  const download = () =>
    downloadText(`${fileName.replace(/\.csv$/i, '')}-rejected.csv`, toCsv(rejectedCsvRows(header, rows, outcome.rejected)));
  return (
    <Card title={outcome.interrupted ? 'Import stopped' : 'Import finished'}>
      <p role="status">
        <span className="strong">{outcome.accepted}</span> accounts imported, <span className="strong">{outcome.duplicates}</span> already
        imported, <span className={outcome.rejected.length ? 'strong text-danger' : 'strong'}>{outcome.rejected.length}</span> refused.
        {outcome.interrupted && ' Import the file again to finish: accounts already imported are counted, not imported twice.'}
      </p>
      {outcome.rejected.length > 0 && (
        <>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={download}>
              Download rejected rows
            </button>
          </div>
          <table className="table table-compact">
            <caption className="sr-only">Rejected rows</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {[...outcome.rejected]
                .sort((a, b) => a.lines[0] - b.lines[0])
                .slice(0, SHOWN)
                .map((r) => (
                  <tr key={r.lines[0]}>
                    <td>{r.lines.join(', ')}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
