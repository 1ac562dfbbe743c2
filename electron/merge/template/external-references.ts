// Relationships that point outside the package (`TargetMode="External"` in a .rels part). A
// converter follows them while it lays out each fax: LibreOffice fetched a linked picture's URL
// for every document (a beacon to whoever made the template, a request from this machine to
// anywhere it can reach), embedded a `file:///` picture from this disk into the fax, and on
// Windows a `\\host\share` target hands the user's NTLM hash to that host; Word also loads a
// remote attached template. Only hyperlinks are kept: nothing follows them while printing.

import type { MergeProblem } from '../types.ts';
import { templateProblem } from './template-problems.ts';
import { attribute, tokenizeXml } from './xml-tokens.ts';

const OFFICE_REL = /\/relationships\/([A-Za-z]+)$/;

const UNLINK_IN_WORD =
  'In Word, choose File > Info > Edit Links to Files, select each link and click Break Link, then save the template again.';

const KINDS: Record<string, { what: string; action: string }> = {
  image: {
    what: 'a picture linked from outside the document',
    action:
      'Embed the picture instead of linking it: in Word delete it and insert it again with Insert > Pictures > This Device > Insert (not "Link to File"), or break the link under File > Info > Edit Links to Files; then save the template again.',
  },
  attachedTemplate: {
    what: 'an attached template stored outside the document',
    action:
      "Remove the attached template in Word's Developer > Document Template (clear the template's name, or pick Normal), then save the template again.",
  },
  frame: { what: 'a frame that loads a page from outside the document', action: UNLINK_IN_WORD },
  subDocument: {
    what: 'a subdocument stored outside the document (a master document)',
    action: 'In Word, open the master document in Outline view, select each subdocument and choose Unlink, then save the template again.',
  },
  oleObject: { what: 'an object linked to another file', action: UNLINK_IN_WORD },
  aFChunk: {
    what: 'a part of the text that comes from another file',
    action: 'Copy that text into the template itself, then save the template again.',
  },
};

const OTHER = {
  what: 'a reference to a file or address outside the document',
  action: `${UNLINK_IN_WORD} Pictures must be embedded, not linked.`,
};

/** The first relationship of these .rels parts that points outside the package, refused; hyperlinks pass. */
export function externalReference(rels: ReadonlyMap<string, string>): MergeProblem | undefined {
  for (const [part, xml] of rels) {
    if (!/\.rels$/i.test(part)) continue;
    for (const token of tokenizeXml(xml)) {
      if ((token.kind !== 'open' && token.kind !== 'empty') || !/(^|:)Relationship$/.test(token.name)) continue;
      if ((attribute(token, 'TargetMode') ?? '').trim().toLowerCase() !== 'external') continue;
      const type = OFFICE_REL.exec(attribute(token, 'Type') ?? '')?.[1] ?? '';
      if (type === 'hyperlink') continue;
      const kind = KINDS[type] ?? OTHER;
      const target = attribute(token, 'Target') ?? '';
      const shown = target.length > 120 ? `${target.slice(0, 117)}...` : target;
      return templateProblem(
        'external-reference',
        `The template has ${kind.what} (${shown}). A converter would fetch it while making every fax, so it is refused.`,
        kind.action,
      );
    }
  }
  return undefined;
}
