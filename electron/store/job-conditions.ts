// The one WHERE builder for the Outbox's filter and search (shared/outbox-filters.ts and
// shared/job-search.ts say what they mean). Every job query the person can filter or search
// goes through it: the Outbox page, the CSV export, the CLI's status.

import { FILTER_STATES, type JobFilter } from '../../shared/outbox-filters.ts';
import { parseJobSearch } from '../../shared/job-search.ts';
import { inList, likeEscape, type Params } from './sql.ts';

/** WHERE terms (to join with AND) over `jobs j JOIN documents d LEFT JOIN contacts c`. */
export function jobConditions(filter: JobFilter | undefined, search: string | undefined, params: Params): string[] {
  const where: string[] = [];
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
