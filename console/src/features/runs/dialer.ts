/** Downloads a collections run's dialer file with the session's token (the link needs the Authorization header, so a plain <a href> cannot). */
export async function downloadDialerCsv(runId: string, token: string): Promise<void> {
  const res = await fetch(`/exports/dialer/${encodeURIComponent(runId)}.csv`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).trim();
    throw new Error(text ? text.slice(0, 300) : `The hub answered ${res.status}.`);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `dialer-run-${runId}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
