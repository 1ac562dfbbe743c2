// The line fax services stamp across the top of every page (date, time, From and To headers,
// page n/m), drawn over the fax view in the band the layout leaves for it (shared/fax-page.ts).
// Openfax does not document its exact format, so it is labelled "approximate": the words and
// their order are those fax services commonly print, the font and spacing are a likeness.

export interface HeaderLineProps {
  /** When the fax is sent; the preview shows now. */
  date: Date;
  fromHeader: string;
  toHeader: string;
  /** 1-based, within the whole fax (the cover page first). */
  page: number;
  pages: number;
  /** The band's share of the page's height (the layout's headerLines ÷ the raster's height). */
  band: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "12/01/2026 09:41  From: ACME LEGAL  To: DR SMITH  Page 1/3": the header line's words. */
export function headerLineText({ date, fromHeader, toHeader, page, pages }: Omit<HeaderLineProps, 'band'>): string {
  const when = `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const parts = [when];
  if (fromHeader.trim()) parts.push(`From: ${fromHeader.trim()}`);
  if (toHeader.trim()) parts.push(`To: ${toHeader.trim()}`);
  parts.push(`Page ${page}/${pages}`);
  return parts.join('  ');
}

export function HeaderLine(props: HeaderLineProps) {
  const text = headerLineText(props);
  return (
    <div className="fax-header-line" style={{ height: `${props.band * 100}%` }} data-testid="fax-header-line">
      <span className="fax-header-text" data-testid="fax-header-text">
        {text}
      </span>
      <span className="fax-header-approx" title="Openfax does not document the exact format of the line it stamps on each page">
        approximate
      </span>
    </div>
  );
}
