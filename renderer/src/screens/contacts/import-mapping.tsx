// Matching a CSV's columns to contact fields. The suggestion comes from main (it recognises
// Outlook's and Google's exports); the person can change any field, and the first rows show
// what each choice gives.

import { useId, useState } from 'react';
import type { ImportFieldName, ImportMapping, ImportOpened } from '../../../../shared/ipc/contract/contacts.ts';

type Opened = Extract<ImportOpened, { ok: true }>;

const FIELDS: Array<{ field: ImportFieldName; label: string; hint: string }> = [
  { field: 'name', label: 'Name', hint: 'Several columns are joined with spaces.' },
  { field: 'company', label: 'Company', hint: '' },
  { field: 'fax', label: 'Fax number', hint: 'With several columns, the first one filled in is used.' },
  { field: 'toHeader', label: 'To header', hint: '' },
  { field: 'notes', label: 'Notes', hint: '' },
  { field: 'groups', label: 'Groups', hint: 'Names separated by ; or , (Outlook categories, Google labels).' },
  { field: 'favourite', label: 'Favourite', hint: 'yes, true, 1 or x marks a favourite.' },
];

const LAYOUT_TEXT: Record<Opened['layout'], string> = {
  outlook: 'This looks like an Outlook export: the first fax column filled in is used (Business Fax, then Other Fax, then Home Fax).',
  google: 'This looks like a Google Contacts export: the phone whose type says “Fax” is used as the fax number.',
  generic: 'The columns were matched by their names. Check them before going on.',
  vcard: '',
};

const encode = (columns: readonly string[]) => JSON.stringify(columns);

function joinLabel(field: ImportFieldName, columns: readonly string[]): string {
  return field === 'fax' ? `${columns.join(', then ')} (first filled)` : columns.join(' + ');
}

function preview(field: ImportFieldName, columns: readonly string[], row: Record<string, string>): string {
  const values = columns.map((c) => (row[c] ?? '').trim()).filter(Boolean);
  return field === 'fax' ? (values[0] ?? '') : values.join(field === 'notes' ? ' / ' : ' ');
}

export function ImportMappingStep({
  opened,
  busy,
  error,
  onBack,
  onCheck,
}: {
  opened: Opened;
  busy: boolean;
  error?: string;
  onBack(): void;
  onCheck(mapping: ImportMapping): void;
}) {
  const [mapping, setMapping] = useState<ImportMapping>(opened.mapping);
  const [missingFax, setMissingFax] = useState(false);
  const id = useId();
  const sample = opened.sample.slice(0, 3);

  const choicesFor = (field: ImportFieldName) => {
    const suggested = opened.mapping[field];
    const current = mapping[field];
    const combos = [suggested, current].filter((c, i, all) => c.length > 1 && all.findIndex((d) => encode(d) === encode(c)) === i);
    return [
      ...combos.map((c) => ({ value: encode(c), label: joinLabel(field, c) })),
      ...opened.columns.map((c) => ({ value: encode([c]), label: c })),
    ];
  };

  return (
    <form
      className="import-mapping"
      onSubmit={(e) => {
        e.preventDefault();
        if (!mapping.fax.length) {
          setMissingFax(true);
          document.getElementById(`${id}-fax`)?.focus();
          return;
        }
        onCheck(mapping);
      }}
    >
      <p>
        {opened.rowCount.toLocaleString()} {opened.rowCount === 1 ? 'row' : 'rows'} in {opened.fileName}. {LAYOUT_TEXT[opened.layout]}
      </p>
      <div className="table-scroll">
        <table className="data mapping-table">
          <caption className="visually-hidden">Which column of the file goes into each field</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Taken from the file’s column</th>
              {sample.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity but their position.
                <th scope="col" key={i}>
                  Row {i + 2}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIELDS.map(({ field, label, hint }) => {
              const invalid = field === 'fax' && missingFax && !mapping.fax.length;
              return (
                <tr key={field}>
                  <th scope="row">
                    <label htmlFor={`${id}-${field}`}>{label}</label>
                    {hint && <span className="field-hint mapping-hint">{hint}</span>}
                  </th>
                  <td>
                    <select
                      id={`${id}-${field}`}
                      className="input"
                      value={encode(mapping[field])}
                      aria-invalid={invalid || undefined}
                      aria-describedby={invalid ? `${id}-fax-error` : undefined}
                      onChange={(e) => setMapping((m) => ({ ...m, [field]: JSON.parse(e.target.value) as string[] }))}
                    >
                      <option value="[]">— Not imported —</option>
                      {choicesFor(field).map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                    {invalid && (
                      <p id={`${id}-fax-error`} className="field-error">
                        Choose the column that holds the fax numbers.
                      </p>
                    )}
                  </td>
                  {sample.map((row, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity but their position.
                    <td key={i} className="mapping-sample">
                      {preview(field, mapping[field], row) || <span className="muted">—</span>}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          Check {opened.rowCount.toLocaleString()} {opened.rowCount === 1 ? 'row' : 'rows'}
        </button>
      </div>
    </form>
  );
}
