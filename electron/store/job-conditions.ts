// The one WHERE builder for the Outbox's filter and search (shared/outbox-filters.ts and
// shared/job-search.ts say what they mean). Every job query the person can filter or search
// goes through it: the Outbox page, the CSV export, the CLI's status.

import { type AccountScope, FILTER_STATES, type JobFilter, LOCAL_SANDBOX_ENDPOINT } from '../../shared/outbox-filters.ts';
import { parseJobSearch } from '../../shared/job-search.ts';
import { inList, likeEscape, type Params } from './sql.ts';

/** The side of `j.account_key` as SQL, read as shared/outbox-filters.ts `sideOfAccountKey` reads it (NULL: queued by an older version, before jobs were stamped). */
export function sideSql(params: Params, column = 'j.account_key'): string {
  params.sandboxKeyPrefix = `${LOCAL_SANDBOX_ENDPOINT}#`;
  return `CASE WHEN ${column} IS NULL THEN NULL
    WHEN substr(${column}, 1, length(:sandboxKeyPrefix)) = :sandboxKeyPrefix THEN 'sandbox' ELSE 'live' END`;
}

/** WHERE terms (to join with AND) over `jobs j JOIN documents d LEFT JOIN contacts c`. */
export function jobConditions(filter: JobFilter | undefined, search: string | undefined, params: Params, scope?: AccountScope): string[] {
  const where: string[] = [];
  if (scope && scope.view !== 'both') {
    // As `sideShown`: a job with no key (queued by an older version) goes with the side in use.
    params.scopeView = scope.view;
    params.scopeMode = scope.mode;
    where.push(`coalesce(${sideSql(params)}, :scopeMode) = :scopeView`);
  }
  if (filter && filter !== 'all') where.push(`j.state IN (${inList('f', FILTER_STATES[filter], params)})`);
  const terms = parseJobSearch(search);
  if (terms) {
    params.searchText = `%${likeEscape(terms.text)}%`;
    params.searchExact = terms.exact;
    // The recipient's name as the Outbox shows it: the contact's, else the To header.
    const ors = ["coalesce(nullif(c.name, ''), j.to_header)", 'c.company', 'd.original_name'].map(
      (col) => `${col} LIKE :searchText ESCAPE '\\'`,
    );
    ors.push('j.out_trans_id = :searchExact');
    if (terms.digits) {
      params.searchDigits = `%${terms.digits}%`;
      ors.push('j.fax_number LIKE :searchDigits');
    }
    where.push(`(${ors.join(' OR ')})`);
  }
  return where;
}
