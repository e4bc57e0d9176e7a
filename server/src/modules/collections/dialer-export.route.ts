import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Services } from '../../common/services';
import { Access } from '../../common/auth/roles';
import { ErrorCode, HubError } from '../../common/errors/hub-error';
import { CollectionsRunStatus } from './collections.entity';

const RUN_ID = /^[1-9]\d{0,15}$/;

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}

/**
 * GET /exports/dialer/<runId>.csv: a collections run's dialer file, for the
 * dialer's import or an operator's download. The same credentials as GraphQL
 * (a console token or an API key), quota and READ access as collectionsRun.
 */
export function registerDialerExport(app: Express, services: Services, onError: (error: unknown) => void): void {
  app.get('/exports/dialer/:file', async (req: Request, res: Response) => {
    try {
      const principal = await services.identity.authenticate(req.headers.authorization).catch((error: unknown) => {
        if (error instanceof HubError) return null;
        throw error;
      });
      if (!principal) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        refuse(res, 401, 'Send "Authorization: Bearer <token or API key>"');
        return;
      }
      const limited = await services.limits.admit(principal, req.ip ?? 'unknown').then(
        () => null,
        (error: unknown) => {
          if (error instanceof GraphQLError && error.extensions.code === ErrorCode.RATE_LIMITED) return error;
          throw error;
        },
      );
      if (limited) {
        res.setHeader('Retry-After', String(limited.extensions.retryAfter ?? 1));
        refuse(res, 429, limited.message);
        return;
      }
      if (!(Access.READ as readonly string[]).includes(principal.role)) {
        refuse(res, 403, 'Your role may not read collections runs');
        return;
      }
      const file = String(req.params.file);
      const runId = file.endsWith('.csv') ? file.slice(0, -4) : '';
      const run = RUN_ID.test(runId) ? await services.collectionsRuns.find(runId) : null;
      if (!run) {
        refuse(res, 404, `No collections run ${file}; the file is named <runId>.csv`);
        return;
      }
      if (run.status === CollectionsRunStatus.RUNNING) {
        // A half-written file would send the dialer a partial call list.
        refuse(res, 409, `Collections run ${run.id} is still running; download its file when it has finished`);
        return;
      }
      const csv = await services.collectionsRuns.dialerCsv(run.id);
      res
        .status(200)
        .setHeader('Content-Disposition', `attachment; filename="dialer-${run.id}-${run.asOf}.csv"`)
        .setHeader('Cache-Control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(csv);
    } catch (error) {
      onError(error);
      refuse(res, 500, 'The export failed; try again');
    }
  });
}
