import { stringify } from 'csv-stringify/sync';
import type { BatchRowResult } from './batch.js';

/**
 * The batch screening result as CSV, one row per input row: the input's own columns, then the
 * top hit (`listed`: the top hit is listed itself; `top_status`: listed, linked through lineage,
 * or not-listed; `top_listings`: `list:since` pairs). One definition for `proscribe screen --input F --output OUT.csv` and the API's jobs,
 * so the two downloads are the same file.
 */
export const CSV_RESULT_COLUMNS = ['hit_count', 'alert', 'listed', 'top_score', 'top_entity_id', 'top_name', 'top_refs', 'top_matched_name', 'top_listings', 'top_status'];

export function csvLine(values: unknown[]): string {
  return stringify([values.map((v) => (v === null || v === undefined ? '' : String(v)))]);
}

export function csvResultLine(header: string[], { row, result }: BatchRowResult): string {
  const top = result.hits[0];
  return csvLine([
    ...header.map((k) => row.record[k]),
    result.hits.length, result.hits.some((h) => h.alert), top?.listed ?? false, top?.score, top?.entity.id, top?.entity.name,
    top?.entity.refs.join(' '), top?.matched_name, top?.listings.map((l) => `${l.list ?? l.jurisdiction}:${l.since ?? '?'}`).join(' '), top?.status,
  ]);
}
