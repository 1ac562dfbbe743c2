// Address-book list benchmark: 50,000 contacts in a real SQLite file, then the keystrokes of
// typed searches ("a", "ac", "acm", "acme", digits, a number with punctuation), timed at two
// levels:
//   list   main's work for the listContacts channel (first page of 100, as the list screen asks);
//   auto   main's work for searchContacts (Compose's ranked autocomplete, 10 results);
//   store  the renderer's store action setContactQuery() until the store holds the new
//          results: the real slice, `call`, a bridge that JSON-serialises both ways (as the
//          WebSocket does), the real IPC router validating request and response, the handler.
// Target: median and p95 per keystroke < 16 ms at both levels. Exits non-zero when missed.
//
//   npx node bench/lists-contacts.ts        (BENCH_CONTACTS=N to change the count)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'zustand';
import { contactsHandlers } from '../electron/app/handlers/contacts-handlers.ts';
import type { AppServices } from '../electron/app/services.ts';
import { createEventBus } from '../electron/core/event-bus.ts';
import { createHeadlessHost } from '../electron/core/host.ts';
import { createIpcRouter, type Handlers } from '../electron/app/ipc-router.ts';
import { createContactBook } from '../electron/contacts/contact-book.ts';
import { type ContactInput, insertContacts } from '../electron/store/contacts-repo.ts';
import { openStore } from '../electron/store/store.ts';
import { EVENT_NAMES, METHOD_NAMES, type OpenfaxBridge } from '../shared/ipc/contract.ts';
import { subscriptionName } from '../shared/ipc/define.ts';
import { SETTINGS_DEFAULTS } from '../shared/settings.ts';

const TARGET_MS = 16;
const COUNT = Number(process.env.BENCH_CONTACTS ?? 50_000);
const ROUNDS = 5;
/** Typing other text first, as anyone does before a search that counts: the JIT has compiled the search by then. */
const WARM_UP = ['x', 'xy', 'q', 'qu', 'que', '9', '99', '(9', 'zed', 'zeb'];

const SEQUENCES = [
  ['a', 'ac', 'acm', 'acme'],
  ['s', 'sm', 'smi', 'smit', 'smith'],
  ['2', '21', '212', '2125', '21255', '212555'],
  ['(', '(4', '(41', '(415', '(415)', '(415) ', '(415) 5', '(415) 55', '(415) 555', '(415) 555-', '(415) 555-0'],
  ['glo', 'glob', 'globe', 'globex', 'globex ', 'globex l'],
];

const FIRST = [
  'Ann',
  'Bob',
  'Carla',
  'Dev',
  'Eve',
  'Frank',
  'Gina',
  'Hugo',
  'Iris',
  'Jon',
  'Kim',
  'Liam',
  'Mona',
  'Nils',
  'Olga',
  'Pia',
  'Quinn',
  'Raj',
  'Sara',
  'Tom',
  'Jürgen',
  'Zoë',
];
const LAST = [
  'Smith',
  'Lee',
  'Garcia',
  'Müller',
  'Patel',
  'Nguyen',
  'Kowalski',
  'Rossi',
  'Dubois',
  'Andersson',
  'Okafor',
  'Tanaka',
  'Silva',
  'Cohen',
  'Murphy',
  'Smithers',
];
const CO_A = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Pied Piper',
  'Dunder Mifflin',
];
const CO_B = ['Industries', 'Imports', 'Logistics', 'Legal', 'Medical Group', 'Dental', 'Insurance', 'Holdings', 'Ltd', 'GmbH'];
const AREAS = ['212', '415', '312', '617', '303', '206', '512', '718', '646', '404'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function contacts(n: number): ContactInput[] {
  const r = rng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)] as T;
  const out: ContactInput[] = [];
  for (let i = 0; i < n; i++) {
    const intl = r() < 0.1;
    const line = String(Math.floor(r() * 10_000)).padStart(4, '0');
    const area = pick(AREAS);
    const exchange = String(200 + Math.floor(r() * 700));
    out.push({
      name: r() < 0.05 ? '' : `${pick(FIRST)} ${pick(LAST)}`,
      company: r() < 0.2 ? '' : `${pick(CO_A)} ${pick(CO_B)} ${i % 97}`,
      faxRaw: intl ? `+44 20 79${String(i).padStart(6, '0').slice(-6)}` : `(${area}) ${exchange}-${line}`,
      faxNumber: intl ? `442079${String(i).padStart(6, '0').slice(-6)}` : `1${area}${exchange}${line}`,
      favourite: r() < 0.02,
    });
  }
  return out;
}

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] as number };
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-bench-contacts-'));
  const store = openStore(dir, { integrityCheck: 'none' });
  try {
    let t = performance.now();
    insertContacts(store.db, contacts(COUNT));
    console.log(`inserted ${COUNT.toLocaleString('en')} contacts in ${(performance.now() - t).toFixed(0)} ms`);

    // --- main level -----------------------------------------------------------------------
    const book = createContactBook({ db: store.db, defaultCountry: () => 'US' });
    t = performance.now();
    book.list({ query: '', sort: 'name', favouritesOnly: false, offset: 0, limit: 100 });
    console.log(`first list (index build) ${(performance.now() - t).toFixed(0)} ms`);
    const listSamples: number[] = [];
    const autoSamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh books each round, so no answer is remembered from the round before; separate
      // ones for the two channels, as the list screen and Compose search independently.
      const book = createContactBook({ db: store.db, defaultCountry: () => 'US' });
      const autoBook = createContactBook({ db: store.db, defaultCountry: () => 'US' });
      for (const query of ['', ...WARM_UP]) {
        book.list({ query, sort: 'name', favouritesOnly: false, offset: 0, limit: 100 });
        autoBook.searchRecipients(query, 10);
      }
      for (const seq of SEQUENCES) {
        for (const query of seq) {
          let started = performance.now();
          book.list({ query, sort: 'name', favouritesOnly: false, offset: 0, limit: 100 });
          listSamples.push(performance.now() - started);
          started = performance.now();
          autoBook.searchRecipients(query, 10);
          autoSamples.push(performance.now() - started);
          if (process.env.BENCH_VERBOSE) console.log(query.padEnd(14), listSamples.at(-1)?.toFixed(2), autoSamples.at(-1)?.toFixed(2));
        }
      }
    }

    // --- store level ----------------------------------------------------------------------
    const services = {
      store,
      events: createEventBus(),
      host: createHeadlessHost('electron'),
      settings: { get: () => SETTINGS_DEFAULTS },
    } as unknown as AppServices;
    const router = createIpcRouter(contactsHandlers(services) as unknown as Handlers, { validateResponses: true });
    const bridge: Record<string, unknown> = { capabilities: { transport: 'web', nativeFiles: false } };
    for (const name of METHOD_NAMES) {
      bridge[name] = async (req: unknown) =>
        JSON.parse(
          JSON.stringify(
            await router.dispatch(name, req === undefined ? undefined : JSON.parse(JSON.stringify(req)), { transport: 'web' }),
          ),
        );
    }
    for (const name of EVENT_NAMES) bridge[subscriptionName(name)] = () => () => {};
    (globalThis as { window?: unknown }).window = { openfax: bridge as unknown as OpenfaxBridge };
    const { createAppSlice } = await import('../renderer/src/store/slices/app-slice.ts');
    const { createContactsSlice } = await import('../renderer/src/store/slices/contacts-slice.ts');
    // Only the slices the address book needs: the others pull in browser-only modules (pdf.js).
    type Store = ReturnType<typeof createAppSlice> & ReturnType<typeof createContactsSlice>;
    const useStore = create<Store>()((...a) => {
      const args = a as unknown as Parameters<typeof createContactsSlice>;
      return { ...createAppSlice(...args), ...createContactsSlice(...args) };
    });
    await useStore.getState().reloadContacts();
    for (const query of WARM_UP) await useStore.getState().setContactQuery(query);
    const storeSamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const seq of SEQUENCES) {
        for (const query of seq) {
          const started = performance.now();
          await useStore.getState().setContactQuery(query);
          storeSamples.push(performance.now() - started);
          if (useStore.getState().contactQuery !== query || !useStore.getState().contactPages[0])
            throw new Error('the store did not take the results');
        }
      }
    }
    const last = useStore.getState();
    console.log(
      `sanity: "${last.contactQuery}" → ${last.contactTotal} matches; "acme" → ${book.list({ query: 'acme', sort: 'name', favouritesOnly: false, offset: 0, limit: 1 }).total}`,
    );

    let ok = true;
    console.log(`\nper keystroke (${listSamples.length} keystrokes, ${COUNT.toLocaleString('en')} contacts, target < ${TARGET_MS} ms)`);
    for (const [level, samples] of [
      ['list', listSamples],
      ['auto', autoSamples],
      ['store', storeSamples],
    ] as const) {
      const s = stats(samples);
      const pass = s.median < TARGET_MS && s.p95 < TARGET_MS;
      ok &&= pass;
      console.log(
        `  ${level.padEnd(6)} median ${s.median.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   max ${s.max.toFixed(2)} ms   ${pass ? 'PASS' : 'MISS'}`,
      );
    }
    return ok ? 0 : 1;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.exitCode = await main();
