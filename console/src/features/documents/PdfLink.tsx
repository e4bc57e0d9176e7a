import { useEffect, useState } from 'react';
import { useSession } from '../../app/session';
import { Icon } from '../../shared/components/Icon';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { downloadPdf, fetchPdf } from './pdf';

/** A button that downloads a document (a bill, a letter) as sent. */
export function PdfLink({ path, filename, label = 'PDF' }: { path: string; filename: string; label?: string }) {
  const { session } = useSession();
  const { toast } = useToast();
  const download = async () => {
    if (!session) return;
    try {
      await downloadPdf(path, session.token, filename);
    } catch (e) {
      toast({ title: 'Could not download the document', detail: describeError(e).message, tone: 'danger' });
    }
  };
  return (
    <button type="button" className="button button-small" onClick={() => void download()} aria-label={`${label} (${filename})`}>
      <Icon name="download" size={14} /> {label}
    </button>
  );
}

/** A PDF shown in the page: the held bill exactly as it would be sent. */
export function PdfPreview({ path, title }: { path: string; title: string }) {
  const { session } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!session) return;
    let objectUrl: string | null = null;
    let gone = false;
    fetchPdf(path, session.token)
      .then((blob) => {
        if (gone) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((e: unknown) => !gone && setError(describeError(e).message));
    return () => {
      gone = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path, session]);
  if (error) return <p className="muted small">The preview could not be rendered: {error}</p>;
  if (!url) return <p className="muted small">Rendering the bill…</p>;
  return <iframe className="pdf-preview" title={title} src={url} />;
}
