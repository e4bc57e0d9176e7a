import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { laterDay } from '../../../common/dates';
import { badInput } from '../../../common/errors/hub-error';
import { groupInto } from '../../../common/grouping';
import { requireInt } from '../../../common/validation';
import { Delivery, DeliveryStatus, Document, DocumentJob, RenderSubject } from '../../documents/document.entity';
import { MAX_ATTEMPTS } from '../../documents/render-worker';

const MAX_NOTICE_DAYS = 3650;

/**
 * A step's notice: both noticeStepPosition and noticeDays, or neither. The
 * notice step must come earlier in the same path, so a path never waits on a
 * step that runs after it (or on itself).
 */
export function validateNotice(
  input: { noticeStepPosition?: number | null; noticeDays?: number | null },
  position: number,
  where: string,
): { noticePosition: number | null; noticeDays: number | null } {
  const given = (v: unknown) => v !== null && v !== undefined;
  if (!given(input.noticeStepPosition) && !given(input.noticeDays)) return { noticePosition: null, noticeDays: null };
  if (!given(input.noticeStepPosition) || !given(input.noticeDays)) {
    throw badInput(
      `${where}: give noticeStepPosition and noticeDays together (the notice step, and how many days before it must have been taken)`,
    );
  }
  const noticePosition = input.noticeStepPosition as number;
  if (!Number.isInteger(noticePosition) || noticePosition < 1 || noticePosition >= position) {
    throw badInput(
      position === 1
        ? `${where}.noticeStepPosition: the first step has no earlier step to wait for; leave the notice out`
        : `${where}.noticeStepPosition must name an earlier step of this path, from 1 to ${position - 1}; got ${noticePosition}`,
    );
  }
  const noticeDays = requireInt(input.noticeDays as number, `${where}.noticeDays`, 0, MAX_NOTICE_DAYS);
  return { noticePosition, noticeDays };
}

/** A delivery of a notice's document: where it stands, and the day it was sent. */
export interface NoticeDelivery {
  status: DeliveryStatus;
  sentOn: string | null;
}

/**
 * The day a notice counts from: the day its step was taken, or the later day
 * its letter first reached the customer (a resend after a failure); null from
 * a failed delivery until one is sent, so that a drop never rests on a notice
 * nobody received. A notice with no delivery yet (still being rendered or
 * sent) or none at all (an account with delivery NONE) counts from the day it
 * was taken; one the render worker gave up on counts as failed.
 */
export function noticeDay(takenOn: string, deliveries: readonly NoticeDelivery[]): string | null {
  const sent = deliveries
    .filter((d) => d.status === DeliveryStatus.SENT && d.sentOn !== null)
    .map((d) => d.sentOn as string)
    .sort();
  if (sent.length > 0) return laterDay(takenOn, sent[0]);
  return deliveries.some((d) => d.status === DeliveryStatus.FAILED) ? null : takenOn;
}

/** The deliveries of the documents of these collections actions, by action id; a letter that could not be rendered counts as a failed one. */
export async function noticeDeliveries(
  em: EntityManager,
  actionIds: readonly string[],
  dayOf: (at: Date) => string,
): Promise<Map<string, NoticeDelivery[]>> {
  if (actionIds.length === 0) return new Map();
  // A letter the render worker gave up on (left for an operator) never reached anyone: as a failed delivery.
  const unrendered = await em.getRepository(DocumentJob).find({
    select: { id: true, subjectId: true },
    where: { subjectKind: RenderSubject.LETTER, subjectId: In([...actionIds]), attempts: MoreThanOrEqual(MAX_ATTEMPTS) },
  });
  const rows = unrendered.map((job) => ({ actionId: String(job.subjectId), status: DeliveryStatus.FAILED, sentOn: null as string | null }));
  const documents = await em.getRepository(Document).find({
    select: { id: true, collectionsActionId: true },
    where: { collectionsActionId: In([...actionIds]) },
  });
  if (documents.length > 0) {
    const actionOf = new Map(documents.map((d) => [d.id, String(d.collectionsActionId)]));
    const deliveries = await em.getRepository(Delivery).find({
      select: { id: true, documentId: true, status: true, sentAt: true },
      where: { documentId: In([...actionOf.keys()]) },
    });
    for (const d of deliveries) {
      rows.push({ actionId: actionOf.get(d.documentId) as string, status: d.status, sentOn: d.sentAt ? dayOf(d.sentAt) : null });
    }
  }
  return groupInto(rows, (r) => r.actionId);
}
