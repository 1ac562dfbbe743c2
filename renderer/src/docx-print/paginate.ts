// docx-preview starts a new <section> only where the document breaks the page (a page break,
// Word's own last-rendered break, a new section); text that runs past the bottom of its page
// stays in the one section. Printed as is, it would run on into the next sheet's margins with
// neither header nor footer. This splits such a section where its page ends: whole blocks (a
// paragraph, a table row) move to a copy of the section that has the same header, footer and
// margins. A single block taller than a page is left for the print to fragment.

/** A layout that ends within this much of the page's bottom still fits (sub-pixel rounding). */
const FIT_PX = 1;

function bottomOf(el: Element): number {
  return el.getBoundingClientRect().bottom;
}

/** The rows of a table as docx-preview builds it (rows directly under <table>, or in a body). */
function rowsOf(table: HTMLTableElement): HTMLTableRowElement[] {
  return [...table.rows];
}

/**
 * Splits a table whose rows run past `limit`: the rows that do not fit move to a copy of the
 * table (its column widths with it), answered for the next page; undefined when not even the
 * first row fits, or every row does.
 */
function splitTable(table: HTMLTableElement, limit: number): HTMLTableElement | undefined {
  const rows = rowsOf(table);
  const first = rows.findIndex((row) => bottomOf(row) > limit);
  if (first <= 0) return undefined;
  const rest = table.cloneNode(false) as HTMLTableElement;
  for (const child of table.children) if (child.tagName === 'COLGROUP') rest.append(child.cloneNode(true));
  for (const row of rows.slice(first)) rest.append(row);
  return rest;
}

/** Articles that can be measured block by block (not laid out in columns). */
function articlesOf(section: HTMLElement): HTMLElement[] {
  return [...section.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.tagName === 'ARTICLE' && !c.style.columnCount);
}

/** The section's next page, or undefined when it fits (or cannot be split). */
function splitSection(section: HTMLElement): HTMLElement | undefined {
  if (!overflows(section)) return undefined;
  const pageHeight = Number.parseFloat(getComputedStyle(section).minHeight);
  const box = section.getBoundingClientRect();
  const articles = articlesOf(section);
  const last = articles.at(-1);
  if (!last) return undefined;
  // Below the last article sit the notes, the footer and the bottom margin; while the section
  // overflows, the article's auto margin is zero, so this is their height alone.
  const limit = box.top + pageHeight - (box.bottom - bottomOf(last)) + FIT_PX;
  const blocks = articles.flatMap((a) => [...a.children]);
  let at = blocks.findIndex((b) => bottomOf(b) > limit);
  if (at < 0) return undefined;
  const block = blocks[at];
  const carried = block instanceof HTMLTableElement ? splitTable(block, limit) : undefined;
  // The first block alone runs past the page: keep it here, the print fragments it.
  if (!carried && at === 0) at = 1;
  if (!carried && at >= blocks.length) return undefined;
  const moving = new Set(blocks.slice(carried ? at + 1 : at));
  const splitIn = block?.parentElement;
  const next = section.cloneNode(false) as HTMLElement;
  const pending: HTMLElement[] = [];
  for (const child of section.children) {
    if (child.tagName === 'HEADER' || child.tagName === 'FOOTER') next.append(child.cloneNode(true));
    if (!(child instanceof HTMLElement) || !articles.includes(child)) continue;
    const article = child.cloneNode(false) as HTMLElement;
    if (carried && child === splitIn) article.append(carried);
    for (const block of [...child.children]) if (moving.has(block)) article.append(block);
    if (article.childElementCount > 0) pending.push(article);
  }
  // The articles go where the section had them: after its header, before its footer.
  const footer = [...next.children].find((c) => c.tagName === 'FOOTER') ?? null;
  for (const article of pending) next.insertBefore(article, footer);
  section.after(next);
  return next;
}

/** True when the section is taller than its page. */
function overflows(section: HTMLElement): boolean {
  const pageHeight = Number.parseFloat(getComputedStyle(section).minHeight);
  return pageHeight > 0 && section.getBoundingClientRect().height > pageHeight + FIT_PX;
}

/**
 * Splits every section longer than its page, in order; answers the sections, one per page. One
 * still too long (a block taller than a page) is printed across pages with its margins repeated
 * on each: `box-decoration-break: clone` only there, since a cloned bottom margin leaves no room
 * for a footer that sits in it, and every page that fits would lose its footer to the next sheet.
 */
export function paginate(body: HTMLElement): HTMLElement[] {
  const pages: HTMLElement[] = [];
  let section = body.querySelector<HTMLElement>(':scope > section.docx');
  while (section) {
    pages.push(section);
    const next: Element | null = splitSection(section) ?? section.nextElementSibling;
    section = next instanceof HTMLElement && next.matches('section.docx') ? next : null;
  }
  for (const page of pages) if (overflows(page)) page.style.setProperty('box-decoration-break', 'clone');
  return pages;
}
