import type { CollectionsActionType, CollectionsPathInput, CollectionsStepInput } from '../../generated/graphql';
import { isDecimalInput, isMoneyInput } from '../../shared/money';

export interface StepDraft {
  /** The step's identity in the form, so a notice keeps pointing at its step when steps move. */
  uid: string;
  name: string;
  action: CollectionsActionType;
  daysPastDue: string;
  minPastDue: string;
  template: string;
  queueKey: string;
  feeKind: 'amount' | 'percent';
  fee: string;
  /** uid of the earlier step this one waits for; '' for none. */
  noticeOf: string;
  noticeDays: string;
}

export interface PathDraft {
  name: string;
  segments: string;
  isDefault: boolean;
  active: boolean;
  steps: StepDraft[];
}

export const ACTIONS: Array<[CollectionsActionType, string]> = [
  ['REMINDER', 'Reminder'],
  ['LETTER', 'Letter'],
  ['CALL_REQUEST', 'Call request (work item)'],
  ['DIALER_EXPORT', 'Dialer export'],
  ['LATE_FEE', 'Late fee'],
  ['AGENCY_REFERRAL', 'Agency referral'],
  ['MARKET_DROP', 'Market drop'],
];

let uids = 0;
const newUid = () => `step-${++uids}`;

export const emptyStep = (): StepDraft => ({
  uid: newUid(),
  name: '',
  action: 'REMINDER',
  daysPastDue: '1',
  minPastDue: '0.00',
  template: '',
  queueKey: '',
  feeKind: 'amount',
  fee: '',
  noticeOf: '',
  noticeDays: '',
});
export const emptyPath = (): PathDraft => ({ name: '', segments: '', isDefault: false, active: true, steps: [emptyStep()] });

export interface StepFromApi {
  name: string;
  action: CollectionsActionType;
  daysPastDue: number;
  minPastDue: string;
  template: string | null;
  queueKey: string | null;
  feeAmount: string | null;
  feePercent: string | null;
  noticeDays?: number | null;
  noticeStep?: { position: number } | null;
}

export function draftFromPath(p: {
  name: string;
  segments: readonly string[];
  isDefault: boolean;
  active: boolean;
  steps: readonly StepFromApi[];
}): PathDraft {
  const uidsOf = p.steps.map(() => newUid());
  return {
    name: p.name,
    segments: p.segments.join(', '),
    isDefault: p.isDefault,
    active: p.active,
    steps: p.steps.map((s, i) => ({
      uid: uidsOf[i],
      name: s.name,
      action: s.action,
      daysPastDue: String(s.daysPastDue),
      minPastDue: s.minPastDue,
      template: s.template ?? '',
      queueKey: s.queueKey ?? '',
      feeKind: s.feePercent ? 'percent' : 'amount',
      fee: s.feePercent ?? s.feeAmount ?? '',
      noticeOf: s.noticeStep ? (uidsOf[s.noticeStep.position - 1] ?? '') : '',
      noticeDays: s.noticeDays === null || s.noticeDays === undefined ? '' : String(s.noticeDays),
    })),
  };
}

export type PathErrors = Record<string, string>;

export function validatePath(d: PathDraft): PathErrors {
  const e: PathErrors = {};
  if (!d.name.trim()) e.name = 'Name the path.';
  if (d.steps.length === 0) e.steps = 'A path needs at least one step.';
  d.steps.forEach((s, i) => {
    const p = `steps.${i}.`;
    if (!s.name.trim()) e[`${p}name`] = 'Name the step.';
    if (!/^\d+$/.test(s.daysPastDue)) e[`${p}daysPastDue`] = 'Whole days, 0 or more.';
    if (!isMoneyInput(s.minPastDue)) e[`${p}minPastDue`] = 'An amount such as 25.00, or 0.';
    if ((s.action === 'REMINDER' || s.action === 'LETTER') && !s.template.trim())
      e[`${p}template`] = 'Write the text; {{name}}, {{pastDue}}… are filled in.';
    if (s.action === 'CALL_REQUEST' && !s.queueKey) e[`${p}queueKey`] = 'Choose the queue the call request goes to.';
    if (s.action === 'LATE_FEE') {
      if (s.feeKind === 'amount' && !isMoneyInput(s.fee)) e[`${p}fee`] = 'A fee such as 15.00.';
      if (s.feeKind === 'percent' && !isDecimalInput(s.fee)) e[`${p}fee`] = 'A percentage such as 1.5.';
    }
    if (s.noticeOf) {
      const at = d.steps.findIndex((o) => o.uid === s.noticeOf);
      if (at < 0 || at >= i) e[`${p}noticeOf`] = 'The notice step must come earlier in the path.';
      if (!/^\d+$/.test(s.noticeDays)) e[`${p}noticeDays`] = 'Whole days, 0 or more.';
    }
  });
  // Steps run in order of lateness; a step listed after a later one would look like it runs first.
  for (let i = 1; i < d.steps.length; i++) {
    if (
      /^\d+$/.test(d.steps[i].daysPastDue) &&
      /^\d+$/.test(d.steps[i - 1].daysPastDue) &&
      Number(d.steps[i].daysPastDue) < Number(d.steps[i - 1].daysPastDue)
    ) {
      e[`steps.${i}.daysPastDue`] = `Comes before step ${i} (${d.steps[i - 1].daysPastDue} days): order the steps by days past due.`;
    }
  }
  return e;
}

export function toPathInput(d: PathDraft): CollectionsPathInput {
  return {
    name: d.name.trim(),
    segments: d.segments
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
    isDefault: d.isDefault,
    active: d.active,
    steps: d.steps.map((s): CollectionsStepInput => ({
      name: s.name.trim(),
      action: s.action,
      daysPastDue: Number(s.daysPastDue),
      minPastDue: s.minPastDue.trim(),
      template: s.action === 'REMINDER' || s.action === 'LETTER' ? s.template.trim() : null,
      queueKey: s.action === 'CALL_REQUEST' ? s.queueKey : null,
      feeAmount: s.action === 'LATE_FEE' && s.feeKind === 'amount' ? s.fee.trim() : null,
      feePercent: s.action === 'LATE_FEE' && s.feeKind === 'percent' ? s.fee.trim() : null,
      noticeStepPosition: s.noticeOf ? d.steps.findIndex((o) => o.uid === s.noticeOf) + 1 : null,
      noticeDays: s.noticeOf ? Number(s.noticeDays) : null,
    })),
  };
}
