import 'reflect-metadata';
import { PreviewTally } from '../../runs/preview-tally';
import type { CollectionsStep } from '../collections.entity';
import type { Assessment } from '../collections-evaluation';
import { tallyDisputed } from '../collections-preview';

const step = (stepKey: string, action = 'REMINDER') => ({ stepKey, name: stepKey, action }) as unknown as CollectionsStep;
const assessment = (id: string, pastDue: number, due: CollectionsStep[], paused = false) =>
  ({ account: { id }, facts: { pastDue, daysPastDue: 40 }, due, paused, prevented: [] }) as unknown as Assessment;

describe('tallyDisputed', () => {
  it('counts the steps due were no dispute open that the run does not take, for the past-due amount they would be taken for', () => {
    const tally = new PreviewTally(['DISPUTED']);
    const [reminder, letter] = [step('r'), step('l', 'LETTER')];
    tallyDisputed(
      tally,
      [assessment('1', 1000, [reminder])],
      [assessment('1', 3000, [reminder, letter]), assessment('2', 500, [reminder])],
    );
    expect(tally.result().counts).toEqual([{ key: 'DISPUTED', count: 2, amount: 3500 }]);
    expect(tally.result().samples.map((s) => [s.accountId, s.detail])).toEqual([
      ['1', 'l (LETTER) not taken: disputed; 30.00 past due'],
      ['2', 'r (REMINDER) not taken: disputed; 5.00 past due'],
    ]);
  });

  it('leaves out an account an ACTIVE plan pauses: it takes nothing either way', () => {
    const tally = new PreviewTally(['DISPUTED']);
    tallyDisputed(tally, [assessment('1', 1000, [step('r')], true)], [assessment('1', 3000, [step('r'), step('l')], true)]);
    expect(tally.result().counts).toEqual([{ key: 'DISPUTED', count: 0, amount: 0 }]);
  });
});
