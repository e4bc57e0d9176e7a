import { HubError } from '../../../../common/errors/hub-error';
import { DeliveryStatus } from '../../../documents/document.entity';
import { noticeDay, validateNotice } from '../notice';

const refused = (input: { noticeStepPosition?: number | null; noticeDays?: number | null }, position: number): string => {
  try {
    validateNotice(input, position, 'steps[2]');
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    return (error as HubError).message;
  }
  throw new Error('accepted');
};

describe('validateNotice', () => {
  it('takes no notice, or an earlier step with its days', () => {
    expect(validateNotice({}, 3, 'steps[2]')).toEqual({ noticePosition: null, noticeDays: null });
    expect(validateNotice({ noticeStepPosition: null, noticeDays: null }, 3, 'steps[2]')).toEqual({
      noticePosition: null,
      noticeDays: null,
    });
    expect(validateNotice({ noticeStepPosition: 2, noticeDays: 0 }, 3, 'steps[2]')).toEqual({ noticePosition: 2, noticeDays: 0 });
  });

  it('refuses a notice step that is not earlier in the path', () => {
    expect(refused({ noticeStepPosition: 3, noticeDays: 5 }, 3)).toMatch(/earlier step of this path, from 1 to 2; got 3/);
    expect(refused({ noticeStepPosition: 4, noticeDays: 5 }, 3)).toMatch(/got 4/);
    expect(refused({ noticeStepPosition: 0, noticeDays: 5 }, 3)).toMatch(/got 0/);
    expect(refused({ noticeStepPosition: 1, noticeDays: 5 }, 1)).toMatch(/first step has no earlier step/);
  });

  it('wants both fields or neither, and days from 0 to 3650', () => {
    expect(refused({ noticeStepPosition: 1 }, 3)).toMatch(/together/);
    expect(refused({ noticeDays: 4 }, 3)).toMatch(/together/);
    expect(refused({ noticeStepPosition: 1, noticeDays: 3651 }, 3)).toMatch(/0 to 3650/);
  });
});

describe('noticeDay', () => {
  const { SENT, FAILED, QUEUED } = DeliveryStatus;

  it('counts a notice from the day it was taken, or from the later day it was first sent', () => {
    expect(noticeDay('2026-11-02', [])).toBe('2026-11-02');
    expect(noticeDay('2026-11-02', [{ status: QUEUED, sentOn: null }])).toBe('2026-11-02');
    expect(noticeDay('2026-11-02', [{ status: SENT, sentOn: '2026-11-01' }])).toBe('2026-11-02');
    expect(
      noticeDay('2026-11-02', [
        { status: FAILED, sentOn: null },
        { status: SENT, sentOn: '2026-11-09' },
        { status: SENT, sentOn: '2026-11-05' },
      ]),
    ).toBe('2026-11-05');
  });

  it('does not count a notice from a failed delivery until one is sent', () => {
    expect(noticeDay('2026-11-02', [{ status: FAILED, sentOn: null }])).toBeNull();
    expect(
      noticeDay('2026-11-02', [
        { status: FAILED, sentOn: null },
        { status: QUEUED, sentOn: null },
      ]),
    ).toBeNull();
  });
});
