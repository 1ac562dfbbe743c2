// Which column fills each template field, which holds the fax number, and which field (if
// any) becomes the To header, with the header each row gets shown as it will be sent (cut to
// what fax machines print). Then the fax's options and the cover page, whose texts may name
// fields too. A field no column fills is named here, before anything can be sent.

import { useId } from 'react';
import type { MergeMapping, MergeRow } from '../../../../shared/ipc/contract/merge.ts';
import { MAX_HEADER_LENGTH, type Resolution } from '../../../../shared/domain.ts';
import { Icon } from '../../components/icon.tsx';
import { useStore } from '../../store/index.ts';
import { HeaderField } from '../compose/header-field.tsx';
import { headerPreview, rowNumber } from './merge-words.ts';

const NONE = '';
const NO_COLUMNS: string[] = [];

/** The row the header preview shows: the one picked for the preview, else the first on hand. */
function useShownRow(): MergeRow | undefined {
  return useStore((s) => {
    const all = Object.values(s.mergeRowPages).flat();
    return all.find((r) => r.row === s.mergeSelectedRow) ?? s.mergeRowPages[0]?.[0];
  });
}

function ColumnSelect(props: {
  id: string;
  value: string | null;
  columns: readonly string[];
  invalid?: boolean;
  disabled: boolean;
  onChange(v: string | null): void;
  describedBy?: string;
}) {
  return (
    <select
      id={props.id}
      className="input"
      value={props.value ?? NONE}
      disabled={props.disabled}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange(e.target.value === NONE ? null : e.target.value)}
    >
      <option value={NONE}>(no column)</option>
      {props.columns.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

function HeaderPreview({ field }: { field: string }) {
  const row = useShownRow();
  if (!row) return null;
  const { sent, cut } = headerPreview(row.values[field], row.toHeader);
  return (
    <p className="field-hint" data-testid="merge-header-preview" aria-live="polite">
      Row {rowNumber(row.row)} gets <strong className="merge-header-sample">“{sent}”</strong>
      {cut ? ` — cut from “${row.values[field]?.trim()}”: fax headers print ${MAX_HEADER_LENGTH} characters.` : '.'}
    </p>
  );
}

export function MappingSection() {
  const merge = useStore((s) => s.merge);
  const columns = useStore((s) => s.merge?.data?.columns ?? NO_COLUMNS);
  const busy = useStore((s) => Boolean(s.mergeBusy.mapping));
  const error = useStore((s) => s.mergeErrors.mapping);
  const setMapping = useStore((s) => s.setMergeMapping);
  const id = useId();
  if (!merge?.template || !merge.data) return null;
  const { mapping, missingFields } = merge;
  const locked = merge.state !== 'draft';
  const change = (patch: Partial<MergeMapping>) => void setMapping({ ...mapping, ...patch });
  const fields = merge.template.fields;

  return (
    <section className="merge-section" aria-labelledby="merge-mapping-title" data-testid="merge-mapping">
      <h2 id="merge-mapping-title">3. Columns for the fields</h2>
      {missingFields.length > 0 && (
        <div className="banner banner-amber" role="alert" data-testid="merge-missing-fields">
          <Icon name="warning" />
          <div>
            {missingFields.map((f) => (
              <p key={f} className="merge-callout-line">
                No column fills «{f}»: pick one, or add it to the sheet.
              </p>
            ))}
          </div>
        </div>
      )}
      <div className="merge-mapping-grid">
        {fields.map((f) => {
          const missing = missingFields.includes(f);
          return (
            <div key={f} className="field">
              <label htmlFor={`${id}-f-${f}`}>{f}</label>
              <ColumnSelect
                id={`${id}-f-${f}`}
                value={mapping.fields[f] ?? null}
                columns={columns}
                invalid={missing}
                disabled={locked || busy}
                describedBy={missing ? `${id}-f-${f}-err` : undefined}
                onChange={(v) => change({ fields: { ...mapping.fields, [f]: v } })}
              />
              {missing && (
                <p id={`${id}-f-${f}-err`} className="field-error">
                  No column fills it.
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className="merge-mapping-grid">
        <div className="field">
          <label htmlFor={`${id}-number`}>Fax number column</label>
          <ColumnSelect
            id={`${id}-number`}
            value={mapping.numberColumn}
            columns={columns}
            invalid={mapping.numberColumn === null}
            disabled={locked || busy}
            onChange={(v) => change({ numberColumn: v })}
          />
          {mapping.numberColumn === null && <p className="field-error">Pick the column that holds each recipient’s fax number.</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To header from</label>
          <select
            id={`${id}-to`}
            className="input"
            value={mapping.toHeaderField ?? NONE}
            disabled={locked || busy}
            onChange={(e) => change({ toHeaderField: e.target.value === NONE ? null : e.target.value })}
          >
            <option value={NONE}>(none)</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          {mapping.toHeaderField ? (
            <HeaderPreview field={mapping.toHeaderField} />
          ) : (
            <p className="field-hint">Printed at the top of every page each recipient gets; optional.</p>
          )}
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <OptionsFields locked={locked} />
    </section>
  );
}

function OptionsFields({ locked }: { locked: boolean }) {
  const options = useStore((s) => s.mergeOptionsDraft);
  const edit = useStore((s) => s.editMergeOptions);
  const error = useStore((s) => s.mergeErrors.options);
  const id = useId();
  if (!options) return null;
  const cover = options.cover;
  return (
    <fieldset className="merge-options" disabled={locked}>
      <legend>Fax options</legend>
      <div className="merge-mapping-grid">
        <HeaderField
          label="From"
          value={options.fromHeader}
          hint="Your name or company, as each recipient sees it."
          problems={[]}
          onChange={(v) => edit({ fromHeader: v })}
        />
        <div className="field">
          <label htmlFor={`${id}-res`}>Resolution</label>
          <select
            id={`${id}-res`}
            className="input"
            value={options.resolution}
            onChange={(e) => edit({ resolution: e.target.value as Resolution })}
          >
            <option value="standard">Standard</option>
            <option value="fine">Fine</option>
          </select>
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={cover.enabled} onChange={(e) => edit({ cover: { ...cover, enabled: e.target.checked } })} />
        Add a cover page
      </label>
      {cover.enabled && (
        <div className="cover-fields">
          <p className="field-hint">
            Cover texts may use fields: {'{{Name}}'} becomes each row’s own name. Each recipient’s cover names them alone.
          </p>
          <div className="field">
            <label htmlFor={`${id}-cfrom`}>Cover: From</label>
            <input
              id={`${id}-cfrom`}
              className="input"
              maxLength={200}
              value={cover.from}
              placeholder={options.fromHeader || 'Your name or company'}
              onChange={(e) => edit({ cover: { ...cover, from: e.target.value } })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-csubject`}>Subject</label>
            <input
              id={`${id}-csubject`}
              className="input"
              maxLength={300}
              value={cover.subject}
              onChange={(e) => edit({ cover: { ...cover, subject: e.target.value } })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-cmessage`}>Message</label>
            <textarea
              id={`${id}-cmessage`}
              className="input"
              rows={3}
              maxLength={4000}
              value={cover.message}
              onChange={(e) => edit({ cover: { ...cover, message: e.target.value } })}
            />
          </div>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
