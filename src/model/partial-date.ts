/**
 * ISO partial dates and ranges as facts carry them: `2016`, `2016-12`, `2016-12-01`, `2014/2015`.
 * A partial date stands for an interval of days; the registry's temporal logic needs its bounds.
 */

const PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface DateBounds {
  /** First day the value can mean, `YYYY-MM-DD`. */
  start: string;
  /** Last day the value can mean, `YYYY-MM-DD`. */
  end: string;
}

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2021-02-30). */
export function isIsoDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function boundsOfPart(value: string): DateBounds | null {
  const m = PART.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) {
    return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(daysInMonth(year, month))}` };
  }
  return isIsoDay(value) ? { start: value, end: value } : null;
}

/** Bounds of a partial date or a `from/to` range; null when the value is not one. */
export function dateBounds(value: string): DateBounds | null {
  const parts = value.split('/');
  if (parts.length === 1) return boundsOfPart(value);
  if (parts.length !== 2) return null;
  const from = boundsOfPart(parts[0] ?? '');
  const to = boundsOfPart(parts[1] ?? '');
  if (!from || !to || from.start > to.end) return null;
  return { start: from.start, end: to.end };
}

export function isPartialDate(value: string): boolean {
  return dateBounds(value) !== null;
}

export function todayIso(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
}
