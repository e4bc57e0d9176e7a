import { Role } from '../../../common/auth/roles';
import { manualResolveRefusal, reassignRefusal } from '../work-item-rules';
import { WorkItemStatus } from '../work-queue.entity';

describe('manualResolveRefusal', () => {
  it('lets an item without an open cause be resolved', () => {
    expect(manualResolveRefusal({ id: '7', status: WorkItemStatus.OPEN }, null)).toBeNull();
    expect(manualResolveRefusal({ id: '7', status: WorkItemStatus.IN_PROGRESS }, null)).toBeNull();
  });

  it('refuses while the cause is open, naming the action to take', () => {
    const refusal = manualResolveRefusal({ id: '7', status: WorkItemStatus.OPEN }, 'invoice INV-1 is HELD: release it');
    expect(refusal).toEqual({
      code: 'INVALID_STATE',
      message: 'Work item 7 cannot be resolved by hand: invoice INV-1 is HELD: release it',
    });
  });

  it('refuses a resolved item', () => {
    expect(manualResolveRefusal({ id: '7', status: WorkItemStatus.RESOLVED }, null)?.message).toMatch(/already resolved/);
  });
});

describe('reassignRefusal', () => {
  const item = { id: '7', status: WorkItemStatus.IN_PROGRESS };
  const operator = { username: 'olga', role: Role.OPERATOR, active: true };

  it('hands an open or claimed item to an active admin or operator', () => {
    expect(reassignRefusal(item, operator)).toBeNull();
    expect(reassignRefusal({ ...item, status: WorkItemStatus.OPEN }, { ...operator, role: Role.ADMIN })).toBeNull();
  });

  it('refuses a resolved item, a deactivated user and a role that cannot work items', () => {
    expect(reassignRefusal({ ...item, status: WorkItemStatus.RESOLVED }, operator)?.code).toBe('INVALID_STATE');
    expect(reassignRefusal(item, { ...operator, active: false })?.code).toBe('INVALID_STATE');
    expect(reassignRefusal(item, { ...operator, role: Role.PARTNER })?.code).toBe('BAD_USER_INPUT');
    expect(reassignRefusal(item, { ...operator, role: Role.INTEGRATOR })?.code).toBe('BAD_USER_INPUT');
  });
});
