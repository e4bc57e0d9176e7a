import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Card } from '../../shared/components/Page';
import { PdfLink } from '../documents/PdfLink';

/** A day's print batch as its row shows it, with its files. */
export const PrintBatchForPrintBatchesPanel = graphql(`
  fragment PrintBatchForPrintBatchesPanel on PrintBatch {
    id
    date
    documents
    pages
    pdfUrl
    manifestUrl
  }
`);

export const PrintBatchesQuery = graphql(`
  query PrintBatches {
    printBatches(first: 30) {
      nodes {
        id
        ...PrintBatchForPrintBatchesPanel
      }
    }
  }
`);

/** The days' print batches, newest first, each with its merged PDF and CSV manifest. */
export function PrintBatchesPanel() {
  const { data, loading, error } = useQuery(PrintBatchesQuery, { fetchPolicy: 'cache-and-network' });
  if (error) return <ErrorNotice error={error} />;
  if (loading && !data) return <Loading />;
  const batches = getFragmentData(PrintBatchForPrintBatchesPanel, data?.printBatches.nodes ?? []);
  return (
    <Card title="Print batches">
      {batches.length === 0 ? (
        <p className="muted">No documents have been delivered by post yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Day</th>
              <th className="num">Documents</th>
              <th className="num">Pages</th>
              <th>Files</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td className="nowrap">{b.date}</td>
                <td className="num">{b.documents}</td>
                <td className="num">{b.pages}</td>
                <td>
                  <PdfLink path={b.pdfUrl} filename={`print-batch-${b.date}.pdf`} label="PDF" />{' '}
                  <PdfLink path={b.manifestUrl} filename={`print-batch-${b.date}.csv`} label="Manifest" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
