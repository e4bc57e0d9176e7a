import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { NewWorkItem, WorkItemFilter } from '../work-queues/work-queue.service';

const KIND = 'WEBHOOK_ENDPOINT_DISABLED';

/** Each item names its endpoint first, so the items of one endpoint are found by that start. */
const named = (endpointId: string) => `Webhook endpoint ${endpointId} (`;

/** The work item in INTEGRATIONS that asks an admin to look at an endpoint the hub disabled. */
export function disabledEndpointItem(endpointId: string, host: string, reason: string): NewWorkItem {
  return {
    queueKey: BuiltInQueue.INTEGRATIONS,
    kind: KIND,
    title: `${named(endpointId)}${host}) disabled: ${reason}`.slice(0, 255),
    priority: 2,
  };
}

/** The endpoint's open items of that kind: resolved once it is enabled again or deleted. */
export function disabledEndpointItems(endpointId: string): WorkItemFilter {
  return { queueKey: BuiltInQueue.INTEGRATIONS, kind: KIND, titleStart: named(endpointId) };
}
