// The converters as the merge calls them (DOCX to PDF: Word, LibreOffice, the built-in one).

export {
  type CreateConverterOptions,
  createConverter,
  findConverters,
  preferredConverter,
} from './converters.ts';
export { pageMismatch } from './page-check.ts';
