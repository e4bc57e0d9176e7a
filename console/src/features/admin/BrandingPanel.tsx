import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Card } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

/** The branding as the form starts from it; saving answers with it. */
export const BrandingForBrandingForm = graphql(`
  fragment BrandingForBrandingForm on Branding {
    name
    address
    supportPhone
    supportEmail
    website
    color
    footer
    hasLogo
  }
`);

export const BrandingQuery = graphql(`
  query Branding {
    branding {
      ...BrandingForBrandingForm
    }
  }
`);

export const SetBrandingMutation = graphql(`
  mutation SetBranding($input: BrandingInput!) {
    setBranding(input: $input) {
      ...BrandingForBrandingForm
    }
  }
`);

const MAX_LOGO_BYTES = 500 * 1024;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

interface Draft {
  name: string;
  address: string;
  supportPhone: string;
  supportEmail: string;
  website: string;
  color: string;
  footer: string;
}

/** A file's bytes as base64, for logoPng. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** The top of a bill as the draft would print it: name, contacts, logo and accent colour. */
function LetterheadPreview({ draft, logoUrl }: { draft: Draft; logoUrl: string | null }) {
  const color = COLOR.test(draft.color) ? draft.color : '#1F6FEB';
  const contacts = [draft.supportPhone, draft.supportEmail, draft.website].filter(Boolean).join('  ·  ');
  return (
    <div className="letterhead-preview" aria-label="Letterhead preview" role="img">
      <div className="letterhead-top">
        {logoUrl && <img src={logoUrl} alt="" className="letterhead-logo" />}
        <div>
          <div className="letterhead-name" style={{ color }}>
            {draft.name || 'Retailer name'}
          </div>
          {draft.address.split('\n').map((line, i) => (
            <div key={i} className="muted small">
              {line}
            </div>
          ))}
          {contacts && <div className="muted small">{contacts}</div>}
        </div>
      </div>
      <div className="letterhead-rule" style={{ background: color }} />
      <div className="letterhead-footer muted small">{draft.footer}</div>
    </div>
  );
}

const useBrandingQuery = () => useQuery(BrandingQuery, { fetchPolicy: 'cache-and-network' });

/** The branding printed on every bill and letter, with a live preview of the letterhead. */
export function BrandingPanel() {
  const { data, loading, error, refetch } = useBrandingQuery();
  if (!data?.branding) {
    return (
      <Card title="Branding">
        <ErrorNotice error={error} title="Could not load the branding" onRetry={() => void refetch()} />
        {loading && <Loading label="Loading the branding…" />}
      </Card>
    );
  }
  return <BrandingForm branding={data.branding} />;
}

function BrandingForm({ branding }: { branding: FragmentType<typeof BrandingForBrandingForm> }) {
  const b = getFragmentData(BrandingForBrandingForm, branding);
  const { toast } = useToast();
  const [save, { loading: saving }] = useMutation(SetBrandingMutation);
  const [draft, setDraft] = useState<Draft>({
    name: b.name,
    address: b.address ?? '',
    supportPhone: b.supportPhone ?? '',
    supportEmail: b.supportEmail ?? '',
    website: b.website ?? '',
    color: b.color,
    footer: b.footer ?? '',
  });
  const [logo, setLogo] = useState<File | null>(null);
  const [logoUrl, setLogoUrl] = useState<string | null>(null);
  const [problem, setProblem, onEdit] = useFormProblem();
  const shownLogo = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (shownLogo.current) URL.revokeObjectURL(shownLogo.current);
    },
    [],
  );

  const chooseLogo = (file: File | null) => {
    if (shownLogo.current) URL.revokeObjectURL(shownLogo.current);
    shownLogo.current = file ? URL.createObjectURL(file) : null;
    setLogo(file);
    setLogoUrl(shownLogo.current);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!draft.name.trim()) return setProblem('Name the retailer.');
    if (!COLOR.test(draft.color)) return setProblem('Colour: #RRGGBB, six hex digits, such as #0B6E4F.');
    if (logo && logo.type !== 'image/png') return setProblem('The logo must be a PNG image.');
    if (logo && logo.size > MAX_LOGO_BYTES) return setProblem('The logo must be at most 500 KB.');
    try {
      await save({ variables: { input: { ...draft, logoPng: logo ? await readBase64(logo) : null } } });
      toast({ title: 'Branding saved', detail: 'Documents rendered from now on carry it; stored ones keep theirs.', tone: 'success' });
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  return (
    <Card title="Branding">
      <div className="grid grid-main-side">
        <form className="form-grid" onSubmit={submit} onChange={onEdit} noValidate aria-label="Branding">
          <Field label="Retailer name">
            <input value={draft.name} onChange={set('name')} maxLength={128} />
          </Field>
          <Field label="Accent colour" hint="#RRGGBB">
            <input value={draft.color} onChange={set('color')} maxLength={7} />
          </Field>
          <Field label="Postal address" className="form-span" hint="One line per line of the address.">
            <textarea value={draft.address} onChange={set('address')} rows={3} maxLength={500} />
          </Field>
          <Field label="Support phone">
            <input value={draft.supportPhone} onChange={set('supportPhone')} maxLength={32} />
          </Field>
          <Field label="Support email">
            <input type="email" value={draft.supportEmail} onChange={set('supportEmail')} maxLength={254} />
          </Field>
          <Field label="Website">
            <input value={draft.website} onChange={set('website')} maxLength={255} />
          </Field>
          <Field label="Logo" hint={b.hasLogo ? 'A logo is set; choose a PNG to replace it.' : 'PNG, at most 500 KB.'}>
            <input type="file" accept="image/png" onChange={(e) => chooseLogo(e.target.files?.[0] ?? null)} />
          </Field>
          <Field label="Footer" className="form-span">
            <input value={draft.footer} onChange={set('footer')} maxLength={1000} />
          </Field>
          {problem && (
            <p className="notice notice-danger form-span" role="alert">
              {problem}
            </p>
          )}
          <div className="form-span">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save branding'}
            </button>
          </div>
        </form>
        <LetterheadPreview draft={draft} logoUrl={logoUrl} />
      </div>
    </Card>
  );
}
