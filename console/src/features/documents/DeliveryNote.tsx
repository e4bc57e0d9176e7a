/** How a document's latest delivery stands, in a few words beside its PDF button. */
export function DeliveryNote({
  deliveries,
}: {
  deliveries: ReadonlyArray<{ method: string; status: string; to?: string | null; lastError?: string | null }>;
}) {
  const last = deliveries[deliveries.length - 1];
  if (!last) return null;
  const how = last.method === 'PRINT' ? `print batch ${last.to ?? ''}`.trim() : `email to ${last.to ?? 'nobody'}`;
  const text = last.status === 'SENT' ? `Sent: ${how}` : last.status === 'QUEUED' ? `Queued: ${how}` : `Failed: ${how}`;
  return (
    <span className={last.status === 'FAILED' ? 'text-danger' : 'muted'} title={last.lastError ?? undefined}>
      {' '}
      {text}
    </span>
  );
}
