import { Role } from '../../common/auth/roles';
import { WorkItemStatus } from './work-queue.entity';

/** A refusal: the contract's error code and the message saying what to do instead. */
export interface Refusal {
  code: 'INVALID_STATE' | 'BAD_USER_INPUT';
  message: string;
}

/**
 * Whether an operator may resolve the item by hand. While the cause it was
 * filed for is still open (a held invoice, a pending market drop, a billing
 * exception), resolving only the item would leave that cause half done: the
 * answer names the action that settles it, and that action resolves the item.
 */
export function manualResolveRefusal(item: { id: string; status: WorkItemStatus }, openCause: string | null): Refusal | null {
  if (item.status === WorkItemStatus.RESOLVED) return { code: 'INVALID_STATE', message: `Work item ${item.id} is already resolved` };
  if (openCause) return { code: 'INVALID_STATE', message: `Work item ${item.id} cannot be resolved by hand: ${openCause}` };
  return null;
}

/** Who may be handed an item: an active console user who can work queues (an admin or an operator). */
export function reassignRefusal(
  item: { id: string; status: WorkItemStatus },
  user: { username: string; role: Role; active: boolean },
): Refusal | null {
  if (item.status === WorkItemStatus.RESOLVED) return { code: 'INVALID_STATE', message: `Work item ${item.id} is already resolved` };
  if (!user.active) return { code: 'INVALID_STATE', message: `${user.username} is deactivated; hand the item to an active user` };
  if (user.role !== Role.ADMIN && user.role !== Role.OPERATOR) {
    return { code: 'BAD_USER_INPUT', message: `${user.username} is ${user.role} and cannot work items; choose an admin or an operator` };
  }
  return null;
}
