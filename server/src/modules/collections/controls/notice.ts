import { badInput } from '../../../common/errors/hub-error';
import { requireInt } from '../../../common/validation';

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
