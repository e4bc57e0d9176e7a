import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlackoutDatesQuery } from '../BlackoutDates';
import { CollectionsPage, CollectionsPathsQuery, UpdateCollectionsPathMutation } from '../CollectionsPage';
import { emptyPath, emptyStep, toPathInput, validatePath } from '../path-form';
import { hubError, renderScreen } from '../../../test/render';

const step = (position: number, overrides: Record<string, unknown>) => ({
  __typename: 'CollectionsStep',
  id: String(position),
  position,
  name: 'Reminder',
  action: 'REMINDER',
  daysPastDue: 5,
  minPastDue: '0.00',
  template: 'Hi {{name}}',
  queueKey: null,
  feeAmount: null,
  feePercent: null,
  noticeDays: null,
  noticeStep: null,
  ...overrides,
});

const paths = (steps: unknown[]) => ({
  request: { query: CollectionsPathsQuery },
  result: {
    data: {
      collectionsPaths: [
        { __typename: 'CollectionsPath', id: '3', name: 'VIP care', segments: ['VIP'], isDefault: false, active: true, steps },
      ],
      workQueues: [{ __typename: 'WorkQueue', id: '9', key: 'VIP_CALLS', name: 'White-glove calls' }],
    },
  },
});

describe('collections path form', () => {
  it('checks each action for what it needs and keeps steps in order of lateness', () => {
    const draft = {
      ...emptyPath(),
      name: 'High risk',
      steps: [
        { ...emptyStep(), name: 'Call', action: 'CALL_REQUEST' as const, daysPastDue: '10' },
        { ...emptyStep(), name: 'Fee', action: 'LATE_FEE' as const, daysPastDue: '5', fee: '' },
      ],
    };
    expect(validatePath(draft)).toEqual({
      'steps.0.queueKey': 'Choose the queue the call request goes to.',
      'steps.1.fee': 'A fee such as 15.00.',
      'steps.1.daysPastDue': expect.stringContaining('order the steps by days past due'),
    });
  });

  it('sends only the fields of each step action', () => {
    const input = toPathInput({
      name: ' VIP care ',
      segments: 'vip, commercial ,',
      isDefault: false,
      active: true,
      steps: [
        {
          ...emptyStep(),
          name: 'Fee',
          action: 'LATE_FEE',
          daysPastDue: '30',
          minPastDue: '25.00',
          template: 'ignored',
          feeKind: 'percent',
          fee: '1.5',
        },
      ],
    });
    expect(input).toEqual({
      name: 'VIP care',
      segments: ['VIP', 'COMMERCIAL'],
      isDefault: false,
      active: true,
      steps: [
        {
          name: 'Fee',
          action: 'LATE_FEE',
          daysPastDue: 30,
          minPastDue: '25.00',
          template: null,
          queueKey: null,
          feeAmount: null,
          feePercent: '1.5',
          noticeStepPosition: null,
          noticeDays: null,
        },
      ],
    });
  });
});

describe('notice steps in the path form', () => {
  it('follow their step when steps move, and must come earlier', () => {
    const letter = { ...emptyStep(), name: 'Letter', action: 'LETTER' as const, template: 'Pay', daysPastDue: '1' };
    const drop = {
      ...emptyStep(),
      name: 'Drop',
      action: 'MARKET_DROP' as const,
      daysPastDue: '30',
      noticeOf: letter.uid,
      noticeDays: '14',
    };
    const call = { ...emptyStep(), name: 'Call', action: 'DIALER_EXPORT' as const, daysPastDue: '1' };
    const input = toPathInput({ ...emptyPath(), name: 'P', steps: [call, letter, drop] });
    expect(input.steps.map((s) => [s.noticeStepPosition, s.noticeDays])).toEqual([
      [null, null],
      [null, null],
      [2, 14],
    ]);
    expect(validatePath({ ...emptyPath(), name: 'P', steps: [{ ...drop, daysPastDue: '0' }, letter] })).toEqual({
      'steps.0.noticeOf': 'The notice step must come earlier in the path.',
    });
  });
});

describe('CollectionsPage', () => {
  it('edits a path in a form: changes a step, adds a call request to a queue, saves', async () => {
    const before = [step(1, {})];
    const saved = [
      step(1, { daysPastDue: 3 }),
      step(2, {
        name: 'Concierge call',
        action: 'CALL_REQUEST',
        daysPastDue: 10,
        template: null,
        queueKey: 'VIP_CALLS',
        noticeDays: 14,
        noticeStep: { __typename: 'CollectionsStep', id: '1', position: 1, name: 'Reminder' },
      }),
    ];
    const blackouts = { request: { query: BlackoutDatesQuery }, result: { data: { blackoutDates: [] } } };
    renderScreen(<CollectionsPage />, {
      path: '/collections',
      mocks: [
        blackouts,
        paths(before),
        {
          request: {
            query: UpdateCollectionsPathMutation,
            variables: {
              id: '3',
              input: {
                name: 'VIP care',
                segments: ['VIP'],
                isDefault: false,
                active: true,
                steps: [
                  {
                    name: 'Reminder',
                    action: 'REMINDER',
                    daysPastDue: 3,
                    minPastDue: '0.00',
                    template: 'Hi {{name}}',
                    queueKey: null,
                    feeAmount: null,
                    feePercent: null,
                    noticeStepPosition: null,
                    noticeDays: null,
                  },
                  {
                    name: 'Concierge call',
                    action: 'CALL_REQUEST',
                    daysPastDue: 10,
                    minPastDue: '0.00',
                    template: null,
                    queueKey: 'VIP_CALLS',
                    feeAmount: null,
                    feePercent: null,
                    noticeStepPosition: 1,
                    noticeDays: 14,
                  },
                ],
              },
            },
          },
          result: {
            data: {
              updateCollectionsPath: {
                __typename: 'CollectionsPath',
                id: '3',
                name: 'VIP care',
                segments: ['VIP'],
                isDefault: false,
                active: true,
                steps: saved,
              },
            },
          },
        },
        paths(saved),
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit path VIP care' }));
    const form = screen.getByRole('form', { name: 'Edit path VIP care' });
    const first = within(form).getByRole('group', { name: /Step 1/ });
    await userEvent.clear(within(first).getByLabelText('Days past due'));
    await userEvent.type(within(first).getByLabelText('Days past due'), '3');

    await userEvent.click(within(form).getByRole('button', { name: 'Add step' }));
    const second = within(form).getByRole('group', { name: /Step 2/ });
    await userEvent.type(within(second).getByLabelText('Step name'), 'Concierge call');
    await userEvent.selectOptions(within(second).getByLabelText('Action'), 'CALL_REQUEST');
    await userEvent.clear(within(second).getByLabelText('Days past due'));
    await userEvent.type(within(second).getByLabelText('Days past due'), '10');
    await userEvent.click(within(form).getByRole('button', { name: 'Save path' }));
    expect(await within(second).findByText('Choose the queue the call request goes to.')).toBeInTheDocument();

    await userEvent.selectOptions(within(second).getByLabelText('Work queue'), 'VIP_CALLS');
    await userEvent.selectOptions(within(second).getByLabelText('Wait for notice'), 'Step 1: Reminder');
    await userEvent.click(within(form).getByRole('button', { name: 'Save path' }));
    expect(await within(second).findByText('Whole days, 0 or more.')).toBeInTheDocument();
    await userEvent.type(within(second).getByLabelText('Notice days'), '14');
    await userEvent.click(within(form).getByRole('button', { name: 'Save path' }));
    expect(await screen.findByText('Path VIP care saved')).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: /VIP care/ });
    expect(await within(card).findByText('Concierge call')).toBeInTheDocument();
    expect(within(card).getByText('day 3')).toBeInTheDocument();
    expect(within(card).getByText('14 days after “Reminder”')).toBeInTheDocument();
  });

  it('names the step the hub refused as the form numbers it, and drops the refusal once the operator edits', async () => {
    const letter = step(2, { name: 'Letter', action: 'LETTER', daysPastDue: 20, template: 'You owe {{balance}}' });
    const sentStep = (s: ReturnType<typeof step>) => ({
      name: s.name,
      action: s.action,
      daysPastDue: s.daysPastDue,
      minPastDue: s.minPastDue,
      template: s.template,
      queueKey: null,
      feeAmount: null,
      feePercent: null,
      noticeStepPosition: null,
      noticeDays: null,
    });
    renderScreen(<CollectionsPage />, {
      path: '/collections',
      mocks: [
        { request: { query: BlackoutDatesQuery }, result: { data: { blackoutDates: [] } } },
        paths([step(1, {}), letter]),
        {
          request: {
            query: UpdateCollectionsPathMutation,
            variables: {
              id: '3',
              input: {
                name: 'VIP care',
                segments: ['VIP'],
                isDefault: false,
                active: true,
                steps: [sentStep(step(1, {})), sentStep(letter)],
              },
            },
          },
          result: hubError(
            'steps[1].template uses unknown placeholder {{balance}}; use {{name}}, {{accountNumber}}, {{pastDue}}, {{daysPastDue}}',
            'BAD_USER_INPUT',
          ),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit path VIP care' }));
    const form = screen.getByRole('form', { name: 'Edit path VIP care' });
    await userEvent.click(within(form).getByRole('button', { name: 'Save path' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/^Step 2: template uses unknown placeholder \{\{balance\}\}; use/);

    const second = within(form).getByRole('group', { name: /Step 2/ });
    await userEvent.clear(within(second).getByLabelText('Text'));
    await userEvent.type(within(second).getByLabelText('Text'), 'Please pay');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });
});
