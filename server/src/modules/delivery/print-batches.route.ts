import type { Express, Request, Response } from 'express';
import type { Services } from '../../common/services';
import { reader, refuse } from '../documents/documents.route';

const FILE = /^(\d{4}-\d{2}-\d{2})\.(pdf|csv)$/;

/**
 * GET /print-batches/<YYYY-MM-DD>.pdf: the day's print batch as one merged
 * PDF; .csv: its manifest. The same credentials and READ access as documents.
 */
export function registerPrintBatchRoutes(app: Express, services: Services, onError: (error: unknown) => void): void {
  app.get('/print-batches/:file', async (req: Request, res: Response) => {
    try {
      if (!(await reader(services, req, res))) return;
      const match = FILE.exec(String(req.params.file));
      if (!match) return refuse(res, 404, 'No such print batch file; the files are named <YYYY-MM-DD>.pdf and <YYYY-MM-DD>.csv');
      const [, date, ext] = match;
      const body = ext === 'pdf' ? await services.printBatches.mergedPdf(date) : await services.printBatches.manifest(date);
      if (body === null) return refuse(res, 404, `No print batch on ${date}`);
      res
        .status(200)
        .type(ext === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `${ext === 'pdf' ? 'inline' : 'attachment'}; filename="print-batch-${date}.${ext}"`)
        .setHeader('Cache-Control', 'private, no-store')
        .send(body);
    } catch (error) {
      onError(error);
      refuse(res, 500, 'The download failed; try again');
    }
  });
}
