import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClaimWorkItemMutation, ResolveWorkItemMutation, WorkItemDetailQuery, WorkItemPanel } from '../WorkItemPanel';
import { DecideProtectedStepMutation } from '../ProtectedStepDecision';
import { hubError, renderScreen } from '../../../test/render';
import { workItem as item, workQueue } from '../../../test/work-item';

const detail = (data: Record<string, unknown>) => ({
  request: { query: WorkItemDetailQuery, variables: { id: '41' } },
  result: { data: { workItem: data } },
});

describe('WorkItemPanel', () => {
  it('explains the exception and shows the age against the SLA', async () => {
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, { mocks: [detail(item())] });
    expect(await screen.findByRole('heading', { name: 'Missing rate for A-100120' })).toBeInTheDocument();
    expect(screen.getByText(/has no rate from 2026-10-01/)).toBeInTheDocument();
    expect(screen.getByText(/^2[12]h \d\dm left$/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See what is missing' })).toHaveAttribute('href', '/review?tab=blocked');
  });

  it('says clearly that someone else claimed the item first', async () => {
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, {
      mocks: [
        detail(item()),
        {
          request: { query: ClaimWorkItemMutation, variables: { id: '41' } },
          result: hubError('Work item 41 is already being worked by Dana', 'CONFLICT'),
        },
        detail(item({ status: 'IN_PROGRESS', assignee: { __typename: 'User', id: '3', displayName: 'Dana' } })),
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Claim' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else claimed it first. Work item 41 is already being worked by Dana');
  });

  it('asks for a resolution before resolving, then shows it resolved', async () => {
    const resolvedAt = new Date().toISOString();
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, {
      mocks: [
        detail(item({ status: 'IN_PROGRESS', assignee: { __typename: 'User', id: '7', displayName: 'Olga Operator' } })),
        {
          request: { query: ResolveWorkItemMutation, variables: { id: '41', resolution: 'Rate added by pricing' } },
          result: {
            data: {
              // The answer is the item as the panel shows it, so the panel needs nothing more.
              resolveWorkItem: item({
                status: 'RESOLVED',
                resolution: 'Rate added by pricing',
                resolvedAt,
                assignee: { __typename: 'User', id: '7', displayName: 'Olga Operator' },
              }),
            },
          },
        },
        detail(
          item({
            status: 'RESOLVED',
            resolution: 'Rate added by pricing',
            resolvedAt,
            assignee: { __typename: 'User', id: '7', displayName: 'Olga Operator' },
          }),
        ),
      ],
    });
    expect(await screen.findByText('Olga Operator (you)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Claim' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(screen.getByText('Say how it was resolved: the next person reads it.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Resolution'), 'Rate added by pricing');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    const done = await screen.findByText(/^Resolved /);
    expect(within(done.parentElement as HTMLElement).getByText('Rate added by pricing')).toBeInTheDocument();
    expect(screen.queryByLabelText('Resolution')).not.toBeInTheDocument();
  });

  it('answers a protected-account step: takes it anyway, with the reason', async () => {
    const held = item({
      title: 'A-100120 Ethan Wang: MARKET_DROP "Drop" held back (MEDICAL)',
      kind: 'PROTECTED_MARKET_DROP',
      queue: workQueue({ id: '8', key: 'PROTECTED_ACCOUNTS', name: 'Protected accounts' }),
      exception: null,
    });
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, {
      mocks: [
        detail(held),
        {
          request: { query: DecideProtectedStepMutation, variables: { workItemId: '41', take: true, reason: 'Certificate expired' } },
          result: {
            data: {
              decideProtectedStep: {
                ...held,
                status: 'RESOLVED',
                resolvedAt: new Date().toISOString(),
                resolution: 'Taken anyway by olga (action 12): Certificate expired',
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByRole('heading', { name: /held back/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Take the step anyway' }));
    expect(await screen.findByText(/Say why/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Reason'), 'Certificate expired');
    await userEvent.click(screen.getByRole('button', { name: 'Take the step anyway' }));
    expect(await screen.findByText('Taken anyway by olga (action 12): Certificate expired')).toBeInTheDocument();
  });
});
