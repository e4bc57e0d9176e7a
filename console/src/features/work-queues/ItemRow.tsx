import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDuration, slaStanding } from '../../shared/dates';

export const WorkItemForItemRow = graphql(`
  fragment WorkItemForItemRow on WorkItem {
    id
    title
    kind
    priority
    status
    createdAt
    dueAt
    resolvedAt
    assignee {
      id
      displayName
    }
    account {
      id
      number
      name
    }
  }
`);

function SlaMeter({ createdAt, dueAt, resolvedAt, now }: { createdAt: string; dueAt: string; resolvedAt: string | null; now: number }) {
  const s = slaStanding(createdAt, dueAt, now, resolvedAt);
  const pct = Math.min(100, Math.max(2, Math.round(s.used * 100)));
  const tone = s.overdue ? 'danger' : s.used > 0.75 ? 'warning' : 'ok';
  return (
    <div className={`sla sla-${tone}`}>
      <div
        className="sla-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(s.used * 100)}
        aria-label="SLA used"
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="sla-label">{s.label}</span>
    </div>
  );
}

/** One item of a queue: a box to pick it for bulk work, what it is, who has it, and its SLA. */
export function ItemRow({
  item: ref,
  queueKey,
  selected,
  picked,
  now,
  onSelect,
  onPick,
}: {
  item: FragmentType<typeof WorkItemForItemRow>;
  queueKey: string;
  selected: boolean;
  picked: boolean;
  now: number;
  onSelect(id: string): void;
  onPick(id: string, on: boolean): void;
}) {
  const item = getFragmentData(WorkItemForItemRow, ref);
  return (
    <tr className={`row-link${selected ? ' row-selected' : ''}`} aria-selected={selected} onClick={() => onSelect(item.id)}>
      <td className="narrow" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Pick ${item.title}`}
          checked={picked}
          disabled={item.status === 'RESOLVED'}
          onChange={(e) => onPick(item.id, e.target.checked)}
        />
      </td>
      <td>
        <span className={`priority priority-${item.priority}`} title={`Priority ${item.priority}`}>
          P{item.priority}
        </span>
      </td>
      <td>
        <Link to={`/queues/${encodeURIComponent(queueKey)}?item=${item.id}`} className="strong" onClick={(e) => e.stopPropagation()}>
          {item.title}
        </Link>
        <div className="muted small">
          <code>{item.kind}</code>
          {item.account && (
            <>
              {' · '}
              {item.account.number} {item.account.name}
            </>
          )}
        </div>
      </td>
      <td>
        <StatusChip status={item.status} />
        {item.assignee && <div className="muted small">{item.assignee.displayName}</div>}
      </td>
      <td className="nowrap">{formatDuration(now - new Date(item.createdAt).getTime())}</td>
      <td>
        <SlaMeter createdAt={item.createdAt} dueAt={item.dueAt} resolvedAt={item.resolvedAt} now={now} />
      </td>
    </tr>
  );
}
