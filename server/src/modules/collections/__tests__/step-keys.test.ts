import { carriedOver, continuedKeys, takenSteps } from '../step-keys';

const old = [
  { action: 'LETTER', daysPastDue: 5, stepKey: 'letter' },
  { action: 'LATE_FEE', daysPastDue: 10, stepKey: 'fee-10' },
  { action: 'LATE_FEE', daysPastDue: 30, stepKey: 'fee-30' },
];

describe('continuedKeys', () => {
  it('keeps the key of the step with the same action and days, then of the next step of the same action', () => {
    const keys = continuedKeys(
      [
        { action: 'LATE_FEE', daysPastDue: 30 },
        { action: 'LATE_FEE', daysPastDue: 12 },
        { action: 'LETTER', daysPastDue: 5 },
      ],
      old,
    );
    expect(keys).toEqual(['fee-30', 'fee-10', 'letter']);
  });

  it('gives a step no old step continues a fresh key of its own', () => {
    const keys = continuedKeys(
      [
        { action: 'MARKET_DROP', daysPastDue: 60 },
        { action: 'LETTER', daysPastDue: 7 },
        { action: 'LETTER', daysPastDue: 9 },
      ],
      old,
    );
    expect(keys[1]).toBe('letter');
    expect(new Set(keys).size).toBe(3);
    for (const key of [keys[0], keys[2]]) expect(old.map((o) => o.stepKey)).not.toContain(key);
  });
});

describe('carriedOver', () => {
  const steps = [
    { action: 'REMINDER', daysPastDue: 1, stepKey: 'reminder' },
    { action: 'LATE_FEE', daysPastDue: 30, stepKey: 'fee-30' },
    { action: 'LATE_FEE', daysPastDue: 5, stepKey: 'fee-5' },
    { action: 'LETTER', daysPastDue: 20, stepKey: 'letter' },
  ];
  /** Each step counted as taken, and the day of the action that stands for it. */
  const on = (taken: Map<string, { takenOn: string }>) => new Map([...taken].map(([key, action]) => [key, action.takenOn]));

  it('counts a step taken by an earlier action of its kind taken at its days or more, from that action’s day', () => {
    const taken = on(
      carriedOver(steps, [
        { action: 'LATE_FEE', daysPastDue: 14, takenOn: '2026-11-10' },
        { action: 'LETTER', daysPastDue: 19, takenOn: '2026-11-15' },
      ]),
    );
    expect([...taken]).toEqual([['fee-5', '2026-11-10']]);
  });

  it('lets each earlier action stand for one step, the one taken at the fewest days for the earliest stage', () => {
    const taken = on(
      carriedOver(steps, [
        { action: 'LATE_FEE', daysPastDue: 40, takenOn: '2026-11-30' },
        { action: 'LATE_FEE', daysPastDue: 6, takenOn: '2026-10-27' },
      ]),
    );
    expect(Object.fromEntries(taken)).toEqual({ 'fee-5': '2026-10-27', 'fee-30': '2026-11-30' });
    expect([...on(carriedOver(steps, [{ action: 'LATE_FEE', daysPastDue: 40, takenOn: '2026-11-30' }]))]).toEqual([
      ['fee-5', '2026-11-30'],
    ]);
  });

  it('counts an action of unknown days for any step of its kind, and nothing for another kind', () => {
    const taken = on(
      carriedOver(steps, [
        { action: 'REMINDER', daysPastDue: null, takenOn: '2026-11-01' },
        { action: 'CALL_REQUEST', daysPastDue: 60, takenOn: '2026-11-02' },
      ]),
    );
    expect([...taken]).toEqual([['reminder', '2026-11-01']]);
  });
});

describe('takenSteps', () => {
  const path = [
    { action: 'LATE_FEE', daysPastDue: 5, stepKey: 'fee-5' },
    { action: 'LATE_FEE', daysPastDue: 30, stepKey: 'fee-30' },
    { action: 'CALL_REQUEST', daysPastDue: 10, stepKey: 'call' },
  ];

  it('leaves an earlier action for a later step when a step was taken under its own key (moved away and back)', () => {
    const taken = takenSteps(path, [
      { action: 'LATE_FEE', daysPastDue: 6, stepKey: 'fee-5' },
      { action: 'LATE_FEE', daysPastDue: 35, stepKey: 'other-path-fee-35' },
    ]);
    expect(Object.fromEntries([...taken].map(([key, a]) => [key, a.stepKey]))).toEqual({ 'fee-5': 'fee-5', 'fee-30': 'other-path-fee-35' });
  });

  it('takes calls and dialer exports again on another path: they are the retailer’s own work', () => {
    const taken = takenSteps(path, [{ action: 'CALL_REQUEST', daysPastDue: 40, stepKey: 'other-path-call' }]);
    expect([...taken.keys()]).toEqual([]);
  });
});
