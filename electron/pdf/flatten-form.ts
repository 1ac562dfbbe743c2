// Filled form fields are annotations, not page content: pdf-lib's copyPages drops the
// document's /AcroForm (and its NeedAppearances flag), and fax renderers often skip
// annotations altogether, so typed values vanish. Flattening draws each field's appearance
// into its page. Appearances are drawn first where the file has none, or where the viewer
// that filled the form left the job to the next reader (NeedAppearances true).
//
// Our own loop rather than pdf-lib's form.flatten(): that one stops at the first widget
// without an appearance and leaves the form half flattened.

import {
  drawObject,
  PDFBool,
  PDFCheckBox,
  PDFDict,
  type PDFDocument,
  type PDFField,
  type PDFFont,
  PDFName,
  type PDFPage,
  type PDFWidgetAnnotation,
  PDFRadioGroup,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
  translate,
} from 'pdf-lib';
import { createLogger } from '../core/logger.ts';

const log = createLogger('pdf');
// Annotation flags (PDF 32000-1, 12.5.3): hidden and no-view widgets are not printed.
const HIDDEN = 1 << 1;
const NO_VIEW = 1 << 5;

/** Flattens the document's form in place; returns whether it had any fields. */
export function flattenForm(doc: PDFDocument): boolean {
  const form = doc.getForm();
  const fields = form.getFields();
  if (fields.length === 0) return false;
  const stale = form.acroForm.dict.lookup(PDFName.of('NeedAppearances')) === PDFBool.True;
  let font: PDFFont | undefined;
  for (const field of fields) {
    try {
      if (stale || field.needsAppearancesUpdate()) {
        font ??= doc.embedStandardFont(StandardFonts.Helvetica);
        field.defaultUpdateAppearances(font);
      }
    } catch (error) {
      // A value Helvetica cannot draw (Greek, Cyrillic, CJK): the viewer's own appearance stays.
      log.warn(`the appearance of form field "${field.getName()}" could not be drawn`, error);
    }
  }
  const pages = doc.getPages();
  for (const field of fields) {
    for (const widget of field.acroField.getWidgets()) {
      const widgetRef = doc.context.getObjectRef(widget.dict);
      const page = pages.find((p) => p.ref === widget.P()) ?? (widgetRef ? doc.findPageForAnnotationRef(widgetRef) : undefined);
      if (!page) continue;
      const appearance = appearanceOf(field, widget);
      if (appearance && (widget.getFlags() & (HIDDEN | NO_VIEW)) === 0) draw(page, widget, appearance);
      if (widgetRef) page.node.removeAnnot(widgetRef);
    }
  }
  // The values are page content now: without the form, no viewer draws the fields again on top.
  doc.catalog.delete(PDFName.of('AcroForm'));
  return true;
}

/** The appearance stream a printer would draw: for a box or radio, the one of its value. */
function appearanceOf(field: PDFField, widget: PDFWidgetAnnotation): PDFRef | undefined {
  let normal: PDFRef | PDFDict;
  try {
    normal = widget.getNormalAppearance();
  } catch {
    return undefined;
  }
  if (normal instanceof PDFRef) return normal;
  if (!(normal instanceof PDFDict) || !(field instanceof PDFCheckBox || field instanceof PDFRadioGroup)) return undefined;
  const value = field.acroField.getValue();
  const state = normal.get(value) ?? normal.get(widget.getAppearanceState() ?? PDFName.of('Off')) ?? normal.get(PDFName.of('Off'));
  return state instanceof PDFRef ? state : undefined;
}

function draw(page: PDFPage, widget: PDFWidgetAnnotation, appearance: PDFRef): void {
  const rect = widget.getRectangle();
  const name = page.node.newXObject('FlatWidget', appearance);
  page.pushOperators(pushGraphicsState(), translate(rect.x, rect.y), drawObject(name), popGraphicsState());
}
