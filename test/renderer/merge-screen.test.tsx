// @vitest-environment happy-dom
// The mail-merge screen against a fake main that keeps a merge the way the contract says (rows
// checked, paged, fixed and left out): what the person sees is read from the page, and what the
// screen asks of main is read from the requests it made.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MergeRow, MergeView } from '../../shared/ipc/contract/merge.ts';
import { MergeScreen } from '../../renderer/src/screens/merge/merge-screen.tsx';
import { startComposeSync } from '../../renderer/src/store/sync/compose-sync.ts';
import { fakeMain, render, type, until, useStore, user, withViewport } from './harness.ts';

// pdf.js has no worker in happy-dom; no page of a preview is drawn here (the e2e spec draws them).
vi.mock('../../renderer/src/preview/pdfjs.ts', () => ({
  warmUpPdfJs: () => undefined,
  openPdfBytes: () => new Promise(() => undefined),
}));

// happy-dom lays nothing out: every row measures 0 px, and the virtual list would keep adding
// rows to fill the view. A row is 40 px here.
beforeEach(() => {
  Object.defineProperty(HTMLTableRowElement.prototype, 'offsetHeight', { configurable: true, get: () => 40 });
});
afterEach(() => {
  delete (HTMLTableRowElement.prototype as { offsetHeight?: number }).offsetHeight;
});

const FIELDS = ['Name', 'Fax', 'Account', 'Patient list'];

function view(over: Partial<MergeView> = {}): MergeView {
  return {
    id: 'm1',
    state: 'draft',
    template: { name: 'notice.docx', fields: FIELDS, kinds: { mergeFields: 3, tags: 1 }, pages: 2 },
    data: { kind: 'csv', name: 'doctors.csv', columns: ['Name', 'Fax', 'Account', 'Patients'], rows: 6, notes: ['Read as Windows-1252.'] },
    mapping: {
      fields: { Name: 'Name', Fax: 'Fax', Account: 'Account', 'Patient list': 'Patients' },
      numberColumn: 'Fax',
      toHeaderField: null,
    },
    options: {
      fromHeader: 'ACME PHARMACY',
      resolution: 'standard',
      priority: 'Normal',
      paperSize: null,
      cover: { enabled: false, to: '', from: '', subject: '', message: '' },
    },
    converters: [
      { id: 'word', label: 'Microsoft Word', available: false, detail: 'Word is not installed on this computer.', fidelity: 'exact' },
      { id: 'libreoffice', label: 'LibreOffice', available: true, detail: 'LibreOffice 25.2', fidelity: 'close' },
      { id: 'builtin', label: 'Built in', available: true, detail: 'Drawn by the app itself.', fidelity: 'approximate' },
    ],
    converter: 'builtin',
    missingFields: [],
    counts: { rows: 6, ready: 4, problems: 1, leftOut: 0, duplicates: 1 },
    estimate: { pagesPerFax: 2, faxes: 5, cost: 0.7 },
    blockers: [],
    progress: null,
    updatedAt: 1,
    ...over,
  };
}

function row(i: number, over: Partial<MergeRow> = {}): MergeRow {
  const digits = `1212555${String(100 + i).padStart(4, '0')}`;
  return {
    row: i,
    line: i + 1,
    number: digits,
    display: `+1 212 555 ${String(100 + i).padStart(4, '0')}`,
    values: { Name: `Dr ${i}`, Fax: `212 555 ${100 + i}`, Account: `A-${i}`, 'Patient list': 'P' },
    problems: [],
    leftOut: false,
    ...over,
  };
}

/** A merge in the fake main: its view and rows, listed, fixed and left out as main would. */
function fakeMerge(first: MergeView, rows: MergeRow[]) {
  const m = { view: first, rows };
  const bump = (patch: Partial<MergeView> = {}) => {
    m.view = { ...m.view, ...patch, updatedAt: m.view.updatedAt + 1 };
    return m.view;
  };
  fakeMain.answer('getMerge', () => ({ merge: m.view }));
  fakeMain.answer('listGroups', () => ({ groups: [{ id: 4, name: 'Clinics', members: 2 }] }));
  fakeMain.answer('listMergeRows', ({ filter, offset, limit }) => {
    const shown = m.rows.filter((r) =>
      filter === 'problems'
        ? r.problems.length > 0
        : filter === 'duplicates'
          ? r.duplicateOf !== undefined
          : filter === 'left-out'
            ? r.leftOut
            : true,
    );
    return { rows: shown.slice(offset, offset + limit), total: shown.length };
  });
  fakeMain.answer('fixMergeRow', ({ row: index, values }) => {
    const fixed = { ...m.rows[index]!, display: values.find((v) => v.column === 'Fax')?.value ?? m.rows[index]!.display, problems: [] };
    m.rows[index] = fixed;
    return { row: fixed, merge: bump({ counts: { ...m.view.counts, problems: 0, ready: m.view.counts.ready + 1 } }) };
  });
  fakeMain.answer('setMergeRowsLeftOut', ({ rows: which, leftOut }) => {
    for (const i of which) m.rows[i] = { ...m.rows[i]!, leftOut };
    return bump();
  });
  fakeMain.answer('updateMerge', ({ mapping, converter, options }) =>
    bump({ ...(mapping && { mapping }), ...(converter && { converter }), ...(options && { options }) }),
  );
  return m;
}

const SIX = [
  row(0),
  row(1),
  row(2, { display: '555 01', number: undefined, problems: ['The fax number 555 01 is too short: type all its digits.'] }),
  row(3, { duplicateOf: 1, number: row(1).number, display: row(1).display }),
  row(4),
  row(5),
];

const text = (el: Element | null | undefined) => el?.textContent ?? '';
const byTestId = (root: HTMLElement, id: string) => root.querySelector(`[data-testid=${id}]`);

describe('Mail merge screen', () => {
  it('shows the template’s fields, the rows with their problems in words, and the estimate on Send', async () => {
    withViewport(900, 600);
    fakeMerge(view(), SIX.slice());
    const screen = await render(<MergeScreen />);
    await until(() => expect(screen.querySelectorAll('[data-testid=merge-row]')).toHaveLength(6));

    expect(text(byTestId(screen, 'merge-template-name'))).toBe('notice.docx');
    expect(text(byTestId(screen, 'merge-template-fields'))).toBe('4 fields:NameFaxAccountPatient list');
    expect(text(byTestId(screen, 'merge-template-kinds'))).toBe('3 Word merge fields, 1 {{tag}}');
    expect(text(byTestId(screen, 'merge-data-summary'))).toContain('doctors.csv· 6 rows · 4 columns');
    expect(text(byTestId(screen, 'merge-data-summary'))).toContain('Read as Windows-1252.');

    const rows = [...screen.querySelectorAll('[data-testid=merge-row]')];
    expect(text(rows[2])).toContain('The fax number 555 01 is too short: type all its digits.');
    expect(rows[2]?.className).toContain('row-problem');
    expect(text(rows[3])).toContain('Duplicate of row 2');
    expect(text(rows[0])).toContain('Ready');

    expect(text(byTestId(screen, 'merge-estimate'))).toBe('5 faxes · 2 pages each · about $0.70');
    const send = byTestId(screen, 'merge-send-button') as HTMLButtonElement;
    expect(send.textContent).toBe('Send 5 faxes');
    expect(send.disabled).toBe(false);
  });

  it('names a field no column fills before anything is sent, and keeps Send disabled with the reason', async () => {
    withViewport(900, 600);
    const blocked = view({
      mapping: {
        fields: { Name: 'Name', Fax: 'Fax', Account: null, 'Patient list': 'Patients' },
        numberColumn: 'Fax',
        toHeaderField: null,
      },
      missingFields: ['Account'],
      blockers: [{ code: 'missing-fields', message: 'No column fills «Account».', action: 'Pick one, or add it to the sheet.' }],
    });
    fakeMerge(blocked, SIX.slice());
    const screen = await render(<MergeScreen />);
    await until(() => expect(byTestId(screen, 'merge-missing-fields')).not.toBeNull());
    expect(text(byTestId(screen, 'merge-missing-fields'))).toBe('No column fills «Account»: pick one, or add it to the sheet.');
    const send = byTestId(screen, 'merge-send-button') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    const reason = screen.querySelector(`#${CSS.escape(send.getAttribute('aria-describedby') ?? '')}`);
    expect(text(reason)).toContain('No column fills «Account». Pick one, or add it to the sheet.');

    // Picking the column sends the whole mapping with it.
    const select = screen.querySelector<HTMLSelectElement>('select[aria-invalid=true]')!;
    await user(() => {
      select.value = 'Account';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(fakeMain.requestsTo('updateMerge').at(-1)?.mapping?.fields).toEqual({
      Name: 'Name',
      Fax: 'Fax',
      Account: 'Account',
      'Patient list': 'Patients',
    });
  });

  it('fixes a bad number in place: main gets the number column’s new value, and the row is ready', async () => {
    withViewport(900, 600);
    fakeMerge(view(), SIX.slice());
    const screen = await render(<MergeScreen />);
    await until(() => expect(screen.querySelectorAll('[data-testid=merge-fix]').length).toBeGreaterThan(0));
    const bad = screen.querySelector<HTMLInputElement>('input[aria-label="Fax number, row 3"]')!;
    expect(bad.value).toBe('555 01');
    await type(bad, '212 555 0199');
    await user(() => {
      bad.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await until(() =>
      expect(fakeMain.requestsTo('fixMergeRow')).toEqual([
        { mergeId: 'm1', row: 2, values: [{ column: 'Fax', value: '212 555 0199' }], seen: 1 },
      ]),
    );
    await until(() => expect(text(screen.querySelectorAll('[data-testid=merge-row]')[2])).toContain('Ready'));
  });

  it('leaves out every problem row, not only those on screen, and shows 2,000 rows without making 2,000', async () => {
    withViewport(900, 400);
    const many = Array.from({ length: 2000 }, (_, i) =>
      row(i, i % 3 === 0 ? { problems: ['No value for «Account»: type it, or leave the row out.'] } : {}),
    );
    const problems = many.filter((r) => r.problems.length).map((r) => r.row);
    fakeMerge(
      view({
        data: { ...view().data!, rows: 2000 },
        counts: { rows: 2000, ready: 1333, problems: problems.length, leftOut: 0, duplicates: 0 },
      }),
      many,
    );
    const screen = await render(<MergeScreen />);
    await until(() => expect(screen.querySelectorAll('[data-testid=merge-row]').length).toBeGreaterThan(0));
    expect(screen.querySelectorAll('[data-testid=merge-row]').length).toBeLessThan(60);
    // Only the first page was asked for.
    expect(fakeMain.requestsTo('listMergeRows').every((r) => r.offset === 0)).toBe(true);

    const button = [...screen.querySelectorAll('button')].find((b) => b.textContent === 'Leave out all problem rows')!;
    await user(() => button.click());
    await until(() => expect(fakeMain.requestsTo('setMergeRowsLeftOut')).toHaveLength(1));
    expect(fakeMain.requestsTo('setMergeRowsLeftOut')[0]).toEqual({ mergeId: 'm1', rows: problems, leftOut: true, seen: 1 });
  });

  it('offers the converters with their fidelity, an unavailable one disabled with why', async () => {
    withViewport(900, 600);
    fakeMerge(view(), SIX.slice());
    const screen = await render(<MergeScreen />);
    await until(() => expect(byTestId(screen, 'merge-converter')).not.toBeNull());
    const radios = [...screen.querySelectorAll<HTMLInputElement>('[data-testid=merge-converter] input[type=radio]')];
    expect(radios.map((r) => [r.value, r.disabled, r.checked])).toEqual([
      ['word', true, false],
      ['libreoffice', false, false],
      ['builtin', false, true],
    ]);
    const section = text(byTestId(screen, 'merge-converter'));
    expect(section).toContain('Not available: Word is not installed on this computer.');
    expect(section).toContain('Built in Approximate layout');
    await user(() => radios[1]!.click());
    await until(() => expect(fakeMain.requestsTo('updateMerge').at(-1)).toEqual({ mergeId: 'm1', converter: 'libreoffice' }));
  });

  it('shows the To header each row gets, and says when it was cut', async () => {
    withViewport(900, 600);
    const long = SIX.map((r, i) =>
      i === 0 ? { ...r, values: { ...r.values, Name: 'DR ALICE MORGAN-SMITH' }, toHeader: 'DR ALICE MORGAN' } : r,
    );
    fakeMerge(view({ mapping: { ...view().mapping, toHeaderField: 'Name' } }), long);
    const screen = await render(<MergeScreen />);
    await until(() => expect(byTestId(screen, 'merge-header-preview')).not.toBeNull());
    expect(text(byTestId(screen, 'merge-header-preview'))).toBe(
      'Row 1 gets “DR ALICE MORGAN” — cut from “DR ALICE MORGAN-SMITH”: fax headers print 15 characters.',
    );
  });

  it('asks before sending again what the duplicate guard refused, and sends only on yes', async () => {
    withViewport(900, 600);
    const m = fakeMerge(view(), SIX.slice());
    const bridge = window.openfax!;
    const asked: boolean[] = [];
    window.openfax = {
      ...bridge,
      startMerge: async (request: { allowDuplicate?: boolean }) => {
        asked.push(Boolean(request.allowDuplicate));
        if (!request.allowDuplicate)
          return { ok: false, error: { code: 'merge-duplicate', message: 'Row 2’s fax went to +1 212 555 0101 today at 10:42.' } };
        m.view = {
          ...m.view,
          state: 'running',
          updatedAt: 9,
          progress: {
            total: 5,
            rendered: 0,
            queued: 0,
            failed: 0,
            skipped: 0,
            canceled: 0,
            notSent: [],
            pageMismatch: 0,
            converter: 'builtin',
            broadcastId: 7,
          },
        };
        return { ok: true, value: m.view };
      },
    } as typeof bridge;
    try {
      const screen = await render(<MergeScreen />);
      await until(() => expect(byTestId(screen, 'merge-send-button')).not.toBeNull());
      await user(() => (byTestId(screen, 'merge-send-button') as HTMLButtonElement).click());
      await until(() => expect(text(byTestId(screen, 'merge-duplicate-message'))).toContain('Row 2’s fax went to +1 212 555 0101'));
      expect(asked).toEqual([false]);
      await user(() => (byTestId(screen, 'duplicate-send-again') as HTMLButtonElement).click());
      await until(() => expect(byTestId(screen, 'merge-run')).not.toBeNull());
      expect(asked).toEqual([false, true]);
      expect(text(byTestId(screen, 'merge-progress'))).toBe('0 of 5 made · 0 in the Outbox');
    } finally {
      window.openfax = bridge;
    }
  });

  it('while it runs: progress in words, Pause, and the way to its Outbox row', async () => {
    withViewport(900, 600);
    const running = view({
      state: 'running',
      progress: {
        total: 5,
        rendered: 3,
        queued: 2,
        failed: 1,
        skipped: 0,
        canceled: 0,
        notSent: [{ code: 'converter-timeout', message: 'LibreOffice did not finish.', rows: 1 }],
        pageMismatch: 1,
        converter: 'builtin',
        broadcastId: 7,
      },
    });
    fakeMerge(running, SIX.slice());
    fakeMain.answer('pauseMerge', () => ({ ...running, state: 'paused', updatedAt: 2 }));
    const screen = await render(<MergeScreen />);
    await until(() => expect(byTestId(screen, 'merge-progress')).not.toBeNull());
    expect(text(byTestId(screen, 'merge-progress'))).toBe(
      "3 of 5 made · 2 in the Outbox · 1 not sent: could not be made · 1 row with a page count unlike the template's",
    );
    // Choices are fixed once it runs: nothing to fix or leave out.
    expect(screen.querySelectorAll('[data-testid=merge-fix]')).toHaveLength(0);
    await user(() => [...screen.querySelectorAll('button')].find((b) => b.textContent === 'Pause')!.click());
    await until(() => expect(text(byTestId(screen, 'merge-run'))).toContain('Resume'));
    await user(() => (byTestId(screen, 'merge-open-outbox') as HTMLButtonElement).click());
    expect(useStore.getState().screen).toBe('outbox');
    expect(useStore.getState().outboxSelection).toEqual({ kind: 'broadcast', id: 7 });
  });
});

describe('a Word file dropped on the window', () => {
  function drop(files: File[]): void {
    const e = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(e, 'dataTransfer', { value: { types: ['Files'], files } });
    window.dispatchEvent(e);
  }

  it('opens the merge with it as the template, its bytes sent to main; a PDF still goes to Compose', async () => {
    fakeMain.answer('openMergeTemplate', () => view({ data: null, counts: { rows: 0, ready: 0, problems: 0, leftOut: 0, duplicates: 0 } }));
    fakeMain.answer('addComposeFiles', () => {
      throw new Error('only the PDF test asks this');
    });
    const stop = startComposeSync();
    try {
      const docx = new File([new Uint8Array([0x50, 0x4b, 3, 4, 1, 2])], 'Notice.DOCX');
      drop([docx]);
      await until(() => expect(fakeMain.requestsTo('openMergeTemplate')).toHaveLength(1));
      const source = fakeMain.requestsTo('openMergeTemplate')[0]!.source;
      expect(source.kind === 'bytes' && [source.fileName, [...Buffer.from(source.base64, 'base64')]]).toEqual([
        'Notice.DOCX',
        [0x50, 0x4b, 3, 4, 1, 2],
      ]);
      expect(useStore.getState().screen).toBe('merge');
      await until(() => expect(useStore.getState().merge?.template?.name).toBe('notice.docx'));
      expect(fakeMain.requestsTo('addComposeFiles')).toEqual([]);

      useStore.getState().navigate('compose');
      drop([new File(['%PDF-1.4\n'], 'memo.pdf')]);
      expect(useStore.getState().screen).toBe('compose');
      expect(fakeMain.requestsTo('openMergeTemplate')).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
