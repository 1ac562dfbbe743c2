// Reads .vcf files (vCard 2.1, 3.0 and 4.0, any number of cards) into import candidates.
// Line parsing is the `vcf` package's (it understands 2.1's bare "TEL;WORK;FAX" as types);
// this adds what it leaves to callers: LF-only files, 2.1 quoted-printable values, text
// escapes, "tel:" URIs, and choosing the fax among a card's numbers.

import VCard, { type Property } from 'vcf';
import type { ImportCandidate } from './import-candidates.ts';
import { collectGroups } from './import-candidates.ts';

function list(card: VCard, key: string): Property[] {
  const p = card.data[key];
  return p === undefined ? [] : Array.isArray(p) ? p : [p];
}

function typesOf(p: Property): string[] {
  const t = p.type;
  const all = Array.isArray(t) ? t : typeof t === 'string' ? [t] : [];
  return all.flatMap((v) => String(v).toLowerCase().split(','));
}

/** 2.1 writes "ENCODING=QUOTED-PRINTABLE" or the bare "QUOTED-PRINTABLE" (which vcf files under type). */
function isQuotedPrintable(p: Property): boolean {
  return /quoted-printable/i.test(String(p.encoding ?? '')) || typesOf(p).includes('quoted-printable');
}

function decodeQuotedPrintable(text: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** Splits a structured value (N, ORG) on unescaped ';'. */
function components(raw: string): string[] {
  return raw.split(/(?<!\\);/);
}

function unescapeText(raw: string): string {
  return raw.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function rawValue(p: Property): string {
  const v = p.valueOf();
  const text = Array.isArray(v) ? v.join(';') : String(v ?? '');
  return isQuotedPrintable(p) ? decodeQuotedPrintable(text, String(p.charset ?? '')) : text;
}

function textOf(p: Property | undefined): string {
  return p ? unescapeText(rawValue(p)).trim() : '';
}

function telNumber(p: Property): string {
  // vCard 4.0 writes numbers as URIs: "tel:+1-555-555-0100;ext=12".
  return rawValue(p).replace(/^tel:/i, '').replace(/;.*$/, '').trim();
}

/** A work fax before any fax; the preferred one (PREF / pref=1) first among equals. */
function pickFax(card: VCard): { fax: string; others: boolean } {
  const tels = list(card, 'tel');
  const scored = tels
    .map((p) => {
      const types = typesOf(p);
      const pref = types.includes('pref') || String(p.pref ?? '') === '1';
      return { p, types, score: (types.includes('work') ? 0 : 2) + (pref ? 0 : 1) };
    })
    .filter((t) => t.types.includes('fax'))
    .sort((a, b) => a.score - b.score);
  const first = scored.map((s) => telNumber(s.p)).find(Boolean);
  return { fax: first ?? '', others: tels.length > 0 };
}

function nameOf(card: VCard, company: string): string {
  const n = list(card, 'n')[0];
  // N is family;given;additional;prefix;suffix.
  const [family = '', given = '', additional = ''] = n ? components(rawValue(n)).map((c) => unescapeText(c).trim()) : [];
  const fromN = [given, additional, family].filter(Boolean).join(' ');
  const fn = textOf(list(card, 'fn')[0]);
  // A company's own card shows the company as FN with an empty N (what we and Apple write).
  if (fn && n && !fromN && fn === company) return '';
  return fn || fromN;
}

/** Joins 2.1 quoted-printable soft line breaks ("=" at the end of a line) and makes every line end CRLF. */
function prepare(text: string): string {
  const lines = text.replace(/\r\n?|\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (/QUOTED-PRINTABLE/i.test(line.split(':')[0] ?? '')) {
      while (line.endsWith('=') && i + 1 < lines.length) line = line.slice(0, -1) + (lines[++i] as string);
    }
    out.push(line);
  }
  return out.join('\r\n');
}

function cardProblem(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const version = /Unsupported version "([^"]*)"/.exec(text);
  if (version) return `This card is vCard ${version[1]}, which cannot be read: export it as vCard 3.0 or 4.0.`;
  if (/VERSION/.test(text)) return 'This card has no VERSION line, so it cannot be read: export the contacts again.';
  if (/END:VCARD/.test(text)) return 'This card has no END:VCARD line (the file may be cut short): export the contacts again.';
  return `This card could not be read (${text.replace(/^Invalid vCard: /, '')}).`;
}

/** True when the text looks like a vCard file. */
export function looksLikeVcard(text: string): boolean {
  return /^\s*BEGIN:VCARD/i.test(text);
}

export function readVcards(text: string): ImportCandidate[] {
  const chunks = prepare(text)
    .split(/(?=^BEGIN:VCARD)/im)
    .map((c) => c.trim())
    .filter((c) => /^BEGIN:VCARD/i.test(c));
  return chunks.map((chunk, i) => {
    const row = i + 1;
    let card: VCard;
    try {
      card = new VCard().parse(chunk);
    } catch (err) {
      return { row, name: '', company: '', faxRaw: '', toHeader: '', notes: '', groups: [], favourite: false, readError: cardProblem(err) };
    }
    const { fax, others } = pickFax(card);
    const org = list(card, 'org')[0];
    const company = org ? unescapeText(components(rawValue(org))[0] ?? '').trim() : '';
    // CATEGORIES is a comma list; an escaped "\," belongs to the name.
    const { groups } = collectGroups(
      list(card, 'categories').flatMap((p) =>
        rawValue(p)
          .split(/(?<!\\),/)
          .map(unescapeText),
      ),
    );
    return {
      row,
      name: nameOf(card, company),
      company,
      faxRaw: fax,
      toHeader: textOf(list(card, 'xOpenfaxToHeader')[0]),
      notes: list(card, 'note').map(textOf).filter(Boolean).join('\n'),
      groups,
      favourite: textOf(list(card, 'xOpenfaxFavourite')[0]) === '1',
      hasOtherPhones: !fax && others,
    };
  });
}
