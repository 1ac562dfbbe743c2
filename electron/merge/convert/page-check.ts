// A converted document whose page count differs from what the template says it has is
// flagged (a long value that pushed a line onto a new page, a converter's different layout).
// Word writes the count it last laid out into docProps/app.xml; a template without one is not
// judged.

/** The template's and the PDF's page counts when they differ; undefined when they agree or the template states none. */
export function pageMismatch(templatePages: number | undefined, pdfPages: number): { template: number; pdf: number } | undefined {
  if (templatePages === undefined || !Number.isInteger(templatePages) || templatePages < 1) return undefined;
  return templatePages === pdfPages ? undefined : { template: templatePages, pdf: pdfPages };
}
