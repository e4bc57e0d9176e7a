import { CollectionsActionType } from '../../collections.entity';
import { decideStep, isHeld, protectionsInForce, type AccountControls, type DueStep } from '../collections-controls';

const FREE: AccountControls = { hold: null, protections: [] };
const step = (over: Partial<DueStep> = {}): DueStep => ({
  action: CollectionsActionType.MARKET_DROP,
  noticeDays: null,
  noticeTakenOn: null,
  referred: false,
  ...over,
});
const decide = (over: { asOf?: string; controls?: AccountControls; blackout?: boolean; step?: DueStep } = {}) =>
  decideStep({ asOf: '2026-06-10', controls: FREE, blackout: false, step: step(), ...over });

describe('decideStep', () => {
  it('takes a due step on an account with no controls', () => {
    expect(decide()).toBe('TAKE');
  });

  describe('holds', () => {
    it('holds every action before until, and takes it from until on', () => {
      const controls = { hold: { until: '2026-06-11' }, protections: [] };
      for (const action of Object.values(CollectionsActionType)) {
        expect(decide({ controls, step: step({ action }) })).toBe('HELD');
      }
      expect(decide({ asOf: '2026-06-11', controls })).toBe('TAKE');
    });

    it('wins over every other control', () => {
      const controls = { hold: { until: '2026-07-01' }, protections: [{ code: 'MEDICAL', until: null }] };
      expect(decide({ controls, blackout: true, step: step({ noticeDays: 5 }) })).toBe('HELD');
    });

    it('isHeld: strictly before until', () => {
      expect(isHeld({ until: '2026-06-10' }, '2026-06-09')).toBe(true);
      expect(isHeld({ until: '2026-06-10' }, '2026-06-10')).toBe(false);
      expect(isHeld(null, '2026-06-10')).toBe(false);
    });
  });

  describe('notices', () => {
    it('waits while the notice step has not been taken', () => {
      expect(decide({ step: step({ noticeDays: 0 }) })).toBe('AWAITING_NOTICE');
    });

    it('waits until the notice is noticeDays old, then takes the step', () => {
      const s = step({ noticeDays: 10, noticeTakenOn: '2026-06-01' });
      expect(decide({ asOf: '2026-06-10', step: s })).toBe('AWAITING_NOTICE');
      expect(decide({ asOf: '2026-06-11', step: s })).toBe('TAKE');
    });

    it('with 0 days takes the step the day the notice was taken', () => {
      expect(decide({ step: step({ noticeDays: 0, noticeTakenOn: '2026-06-10' }) })).toBe('TAKE');
    });
  });

  describe('blackout dates', () => {
    it('hold back a market drop only', () => {
      expect(decide({ blackout: true })).toBe('BLACKOUT');
      for (const action of Object.values(CollectionsActionType).filter((a) => a !== CollectionsActionType.MARKET_DROP)) {
        expect(decide({ blackout: true, step: step({ action }) })).toBe('TAKE');
      }
    });
  });

  describe('protections', () => {
    const protectedAccount = { hold: null, protections: [{ code: 'CRITICAL_CARE', until: '2026-06-10' }] };

    it('refer MARKET_DROP, AGENCY_REFERRAL and LATE_FEE, and let the others be taken', () => {
      for (const action of Object.values(CollectionsActionType)) {
        const expected = ['MARKET_DROP', 'AGENCY_REFERRAL', 'LATE_FEE'].includes(action) ? 'REFER' : 'TAKE';
        expect(decide({ controls: protectedAccount, step: step({ action }) })).toBe(expected);
      }
    });

    it('last through their until day', () => {
      expect(decide({ asOf: '2026-06-10', controls: protectedAccount })).toBe('REFER');
      expect(decide({ asOf: '2026-06-11', controls: protectedAccount })).toBe('TAKE');
    });

    it('refer once per delinquency: the answer stands even once the protection has ended', () => {
      expect(decide({ controls: protectedAccount, step: step({ referred: true }) })).toBe('REFERRED');
      expect(decide({ asOf: '2026-07-01', controls: protectedAccount, step: step({ referred: true }) })).toBe('REFERRED');
    });

    it('are not asked about before the step could be taken: notice and blackout come first', () => {
      expect(decide({ controls: protectedAccount, step: step({ noticeDays: 3 }) })).toBe('AWAITING_NOTICE');
      expect(decide({ controls: protectedAccount, blackout: true })).toBe('BLACKOUT');
    });

    it('protectionsInForce keeps open-ended ones and those ending on or after the day', () => {
      const list = [
        { code: 'A', until: null },
        { code: 'B', until: '2026-06-09' },
        { code: 'C', until: '2026-06-10' },
      ];
      expect(protectionsInForce(list, '2026-06-10').map((p) => p.code)).toEqual(['A', 'C']);
    });
  });
});
