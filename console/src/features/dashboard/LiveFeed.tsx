import { useLive } from '../../app/live/LiveProvider';
import { describeEvent } from '../../app/live/describe-event';
import { Link } from '../../app/router';
import { EmptyState, Loading } from '../../shared/components/feedback';
import { formatDuration } from '../../shared/dates';
import { useNow } from '../../shared/hooks/useNow';

/** The hub's events as they happen, newest first. */
export function LiveFeed({ limit = 25 }: { limit?: number }) {
  const { feed, ready } = useLive();
  const now = useNow(10_000);
  if (!ready) return <Loading label="Catching up with the hub…" />;
  if (feed.length === 0) return <EmptyState title="Nothing has happened yet">Events appear here as they happen.</EmptyState>;
  return (
    <ol className="feed" aria-label="Live events">
      {feed.slice(0, limit).map((e) => {
        const d = describeEvent(e);
        const age = formatDuration(now - new Date(e.occurredAt).getTime());
        return (
          <li key={e.id} className={`feed-item feed-${d.tone}`}>
            <span className="feed-dot" aria-hidden="true" />
            <div className="feed-body">
              <div className="feed-title">{d.link ? <Link to={d.link}>{d.title}</Link> : d.title}</div>
              {d.detail && <div className="feed-detail">{d.detail}</div>}
            </div>
            <time className="feed-time" dateTime={e.occurredAt} title={new Date(e.occurredAt).toLocaleString()}>
              {age} ago
            </time>
          </li>
        );
      })}
    </ol>
  );
}
