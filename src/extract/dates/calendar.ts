/** Day arithmetic on `YYYY-MM-DD` strings in UTC, and the "most recent, not after" rules news dates need. */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseYmd(iso: string): Ymd {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 };
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDay(t: Ymd): string {
  return `${t.y}-${pad(t.m)}-${pad(t.d)}`;
}

export function formatMonth(y: number, m: number): string {
  return `${y}-${pad(m)}`;
}

export function addDays(iso: string, days: number): string {
  const { y, m, d } = parseYmd(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDay({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

export function weekday(iso: string): number {
  const { y, m, d } = parseYmd(iso);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The weekday `target` (0 = Sunday) relative to the document date: `on Wednesday` is the last
 * Wednesday on or before it (the same weekday is the document date itself); `last Wednesday`
 * is strictly before; `next Wednesday` strictly after.
 */
export function resolveWeekday(docDate: string, target: number, mode: 'onOrBefore' | 'before' | 'after'): string {
  const today = weekday(docDate);
  if (mode === 'after') {
    const ahead = (target - today + 7) % 7 || 7;
    return addDays(docDate, ahead);
  }
  let back = (today - target + 7) % 7;
  if (mode === 'before' && back === 0) back = 7;
  return addDays(docDate, -back);
}

/** The year of a month named without one: the most recent such month not after the document's. */
export function yearForMonth(docDate: string, month: number): number {
  const { y, m } = parseYmd(docDate);
  return month <= m ? y : y - 1;
}

/** The year of a day named without one (`on March 1`): the most recent not after the document date. */
export function yearForDay(docDate: string, month: number, day: number): number {
  const { y, m, d } = parseYmd(docDate);
  return month < m || (month === m && day <= d) ? y : y - 1;
}
