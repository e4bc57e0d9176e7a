/** Pure rules of document delivery: which failures are worth another try, and when. */

/** After this many attempts a delivery that keeps failing temporarily is given up (FAILED, with a work item). */
export const MAX_DELIVERY_ATTEMPTS = 6;

export interface SendFailure {
  /** True when trying again cannot help: the mail server refused for good (5xx), or there is nobody to send to. */
  permanent: boolean;
  /** One line for lastError, the work item and the event. */
  reason: string;
}

/** A failure to send, as nodemailer reports it (an SMTP answer code, a network error code, a message). */
export function classifySendFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = oneLine(typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error));
  if (code !== null && code >= 500 && code < 600) return { permanent: true, reason: `the mail server refused it: ${text}` };
  if (code !== null) return { permanent: false, reason: `the mail server answered ${code}: ${text}` };
  const network = typeof e.code === 'string' ? `${e.code}: ` : '';
  return { permanent: false, reason: `${network}${text}` };
}

/** The wait before attempt n+1 after n failed attempts: base, 4 x base, 16 x base..., at most 256 x base. */
export function retryDelayMs(baseMs: number, failedAttempts: number): number {
  return baseMs * 4 ** Math.min(Math.max(failedAttempts - 1, 0), 4);
}

/** What a delivery does after a failed attempt: wait and try again, or give up. */
export function afterFailure(
  failure: SendFailure,
  attempts: number,
  baseMs: number,
): { giveUp: true; reason: string } | { giveUp: false; retryInMs: number } {
  if (failure.permanent) return { giveUp: true, reason: failure.reason };
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { giveUp: true, reason: `gave up after ${attempts} attempts: ${failure.reason}` };
  return { giveUp: false, retryInMs: retryDelayMs(baseMs, attempts) };
}

/** The subject line of a document's mail. */
export function mailSubject(kind: string, sender: string): string {
  const what = kind === 'INVOICE' ? 'Your bill' : kind === 'CREDIT_NOTE' ? 'Your credit note' : 'A letter about your account';
  return `${what} from ${sender}`;
}

/** The short text body of a document's mail: the PDF attached is the document. */
export function mailText(kind: string, accountNumber: string, sender: string): string {
  const what = kind === 'INVOICE' ? 'your bill' : kind === 'CREDIT_NOTE' ? 'your credit note' : 'a letter about your account';
  return ['Hello,', '', `Please find ${what} for account ${accountNumber} attached as a PDF.`, '', sender].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}

/**
 * The Message-ID of a delivery's mail: the same on every attempt, so a mail
 * sent again after a process died between the server's acceptance and the
 * SENT mark (another process takes the lease over and sends it) carries the
 * same Message-ID, and mail programs that drop duplicates show it once.
 */
export function deliveryMessageId(deliveryId: string, documentId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<delivery-${deliveryId}.document-${documentId}@${domain}>`;
}
