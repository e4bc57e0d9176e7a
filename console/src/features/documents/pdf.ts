/**
 * Documents are served with the same Authorization header as the API, so a
 * plain <a href> cannot fetch them: they are read with the session's token
 * and handed to the browser as an object URL.
 */
export async function fetchPdf(path: string, token: string): Promise<Blob> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).trim();
    throw new Error(text ? text.slice(0, 300) : `The hub answered ${res.status}.`);
  }
  return res.blob();
}

/** Saves a document under a file name. */
export async function downloadPdf(path: string, token: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(await fetchPdf(path, token));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
