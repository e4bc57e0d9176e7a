import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Services } from '../../common/services';
import { Access, type Principal } from '../../common/auth/roles';
import { ErrorCode, HubError } from '../../common/errors/hub-error';
import { documentFileName } from './document-file-name';

const PDF_FILE = /^([1-9]\d{0,15})\.pdf$/;

export function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store').send(`${message}\n`);
}

/** The caller, after the same checks as GraphQL (credentials, request quota, READ access); null when refused (answered). */
export async function reader(services: Services, req: Request, res: Response): Promise<Principal | null> {
  const principal = await services.identity.authenticate(req.headers.authorization).catch((error: unknown) => {
    if (error instanceof HubError) return null;
    throw error;
  });
  if (!principal) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    refuse(res, 401, 'Send "Authorization: Bearer <token or API key>"');
    return null;
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
    return null;
  }
  if (!(Access.READ as readonly string[]).includes(principal.role)) {
    refuse(res, 403, 'Your role may not read documents');
    return null;
  }
  return principal;
}

function sendPdf(res: Response, bytes: Buffer, filename: string, sha256: string | null): void {
  res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="${filename}"`)
    .setHeader('Cache-Control', 'private, no-store');
  if (sha256) res.setHeader('X-Content-SHA256', sha256);
  res.send(bytes);
}

/**
 * GET /documents/<id>.pdf: a document exactly as sent (its bytes hash to its
 * sha256). GET /documents/preview/<invoiceId>.pdf: a HELD invoice's bill as it
 * would be sent, rendered on demand and not stored. Both take the same
 * credentials as GraphQL and READ access: console tokens and API keys, not
 * PARTNER keys.
 */
export function registerDocumentRoutes(app: Express, services: Services, onError: (error: unknown) => void): void {
  app.get('/documents/preview/:file', async (req: Request, res: Response) => {
    try {
      if (!(await reader(services, req, res))) return;
      const match = PDF_FILE.exec(String(req.params.file));
      if (!match) return refuse(res, 404, 'No such preview; the file is named <invoiceId>.pdf');
      const pdf = await services.documents.preview(match[1]).catch((error: unknown) => {
        if (error instanceof HubError) return error;
        throw error;
      });
      if (pdf instanceof HubError) return refuse(res, pdf.code === ErrorCode.NOT_FOUND ? 404 : 409, pdf.message);
      sendPdf(res, pdf.bytes, `preview-${match[1]}.pdf`, null);
    } catch (error) {
      onError(error);
      refuse(res, 500, 'The preview failed; try again');
    }
  });

  app.get('/documents/:file', async (req: Request, res: Response) => {
    try {
      if (!(await reader(services, req, res))) return;
      const match = PDF_FILE.exec(String(req.params.file));
      const doc = match ? await services.documents.find(match[1]) : null;
      const bytes = doc ? await services.documents.content(doc.id) : null;
      if (!match) return refuse(res, 404, `No document ${String(req.params.file).slice(0, 40)}: the file is named <documentId>.pdf`);
      if (!doc || !bytes) return refuse(res, 404, `No document ${match[1]}`);
      sendPdf(res, bytes, documentFileName(doc), doc.sha256);
    } catch (error) {
      onError(error);
      refuse(res, 500, 'The download failed; try again');
    }
  });
}
