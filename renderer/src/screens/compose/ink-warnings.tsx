// What will suffer on the recipient's paper, page by page, under the preview: light text,
// small text at standard resolution, pages heavy with black. The words come from the one rule
// (shared/ink-warnings.ts) over the facts main measured when each document was added. Pages
// with the same trouble in the same words share a line, so small print on every page of a
// contract is one line, not forty; each page named is a button that shows it in fax view.

import { Fragment, useState } from 'react';
import type { PaperSize, Resolution } from '../../../../shared/domain.ts';
import { type InkDocument, type InkWarning, inkWarnings, uncheckedPages } from '../../../../shared/ink-warnings.ts';
import { Icon } from '../../components/icon.tsx';

/** Lines shown before "Show all": the page keeps most of the pane. */
const FIRST_SHOWN = 3;

export interface InkWarningsProps {
  documents: readonly InkDocument[];
  resolution: Resolution;
  paper: PaperSize;
  /** The fax's page number of the first document's first page (2 after the cover page). */
  firstPage: number;
  /** Shows page `page` (1-based, within the fax) in fax view. */
  onShow(page: number): void;
}

interface Line {
  kind: InkWarning['kind'];
  problem: string;
  action: string;
  pages: number[];
}

/** Warnings of one kind and the same words, as one line naming every page they are on. */
function lines(warnings: readonly InkWarning[]): Line[] {
  const byWords = new Map<string, Line>();
  for (const w of warnings) {
    const key = `${w.kind}\n${w.problem}`;
    const line = byWords.get(key);
    if (line) line.pages.push(w.page);
    else byWords.set(key, { kind: w.kind, problem: w.problem, action: w.action, pages: [w.page] });
  }
  return [...byWords.values()];
}

function PageButtons({ pages, onShow }: { pages: number[]; onShow(page: number): void }) {
  return (
    <>
      {pages.length === 1 ? 'Page ' : 'Pages '}
      {pages.map((page, i) => (
        <Fragment key={page}>
          {i === 0 ? '' : i === pages.length - 1 ? ' and ' : ', '}
          <button
            type="button"
            className="ink-page"
            data-testid="ink-warning-page"
            aria-label={`Show page ${page}`}
            title={`Show page ${page} in fax view`}
            onClick={() => onShow(page)}
          >
            {page}
          </button>
        </Fragment>
      ))}
      :
    </>
  );
}

export function InkWarnings({ documents, resolution, paper, firstPage, onShow }: InkWarningsProps) {
  const [all, setAll] = useState(false);
  const found = lines(inkWarnings(documents, { resolution, paper, firstPage }));
  const unchecked = uncheckedPages(documents);
  if (found.length === 0 && unchecked === 0) return null;
  const shown = all ? found : found.slice(0, FIRST_SHOWN);
  return (
    <section className="ink-warnings" aria-label="How the pages will print" data-testid="ink-warnings">
      {found.length > 0 && (
        <ul className="ink-warning-list">
          {shown.map((line) => (
            <li key={`${line.kind}:${line.problem}`} className="ink-warning" data-testid="ink-warning" data-kind={line.kind}>
              <Icon name="warning" />
              <span>
                <PageButtons pages={line.pages} onShow={onShow} /> {line.problem} <span className="muted">{line.action}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {found.length > FIRST_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${found.length} warnings`}
        </button>
      )}
      {unchecked > 0 && (
        <p className="muted ink-unchecked" data-testid="ink-unchecked">
          {unchecked} later page{unchecked === 1 ? ' was' : 's were'} not checked for faint, small or heavy print: look at{' '}
          {unchecked === 1 ? 'it' : 'them'} in fax view.
        </p>
      )}
    </section>
  );
}
