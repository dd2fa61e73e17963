/**
 * Dates in the text, resolved against the document date and kept as precise as the text is:
 * `in December 2016` → `2016-12`, `in 2016` → `2016`, `2014 or 2015` → `2014/2015`,
 * `on Wednesday` → the last Wednesday on or before the document date, `in March` → the most
 * recent March not after it, `the last week of February 2020` → a day range. chrono-node reads
 * full day dates and relative phrases; the rules here add what news needs on top of it.
 */
import * as chrono from 'chrono-node';
import { tokenAtOrAfter, type Doc } from '../document.js';
import { MONTHS, WEEKDAYS } from '../lexicon/words.js';
import type { Span } from '../types.js';
import {
  addDays, daysInMonth, formatDay, formatMonth, parseYmd, resolveWeekday, yearForDay, yearForMonth,
} from './calendar.js';

export interface DateMention extends Span {
  sentence: number;
  /** ISO partial date or `from/to` range. */
  value: string;
  text: string;
}

const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;
const YEAR = String.raw`((?:19|20)\d\d)`;
const WEEKDAY = String.raw`(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;

function capitalised(s: string | undefined): boolean {
  return !!s && /^\p{Lu}/u.test(s);
}

function monthNumber(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3))) + 1;
}

interface Rule {
  re: RegExp;
  /** `before`: the text of the sentence before the match. */
  value(m: RegExpExecArray, docDate: string, before: string): string | null;
}

const FUTURE_BEFORE = /\b(?:will|shall|is\s+to|are\s+to|would)\b[^.;]{0,50}$|\b(?:come|comes)\s+into\s+(?:force|effect)\s*$/i;
const FUTURE_AFTER = /^[\s,]*(?:[\w-]+\s+){0,5}(?:will|shall)\b/i;

const RULES: Rule[] = [
  {
    // `the last week of February 2020`, `the first week of March`.
    re: new RegExp(String.raw`\b(?:the\s+)?(first|second|third|fourth|last|final)\s+week\s+of\s+${MONTH}(?:,?\s+${YEAR})?`, 'gi'),
    value(m, docDate) {
      if (!capitalised(m[2])) return null;
      const month = monthNumber(m[2] ?? '');
      const year = m[3] ? Number(m[3]) : yearForMonth(docDate, month);
      const dim = daysInMonth(year, month);
      const which = (m[1] ?? '').toLowerCase();
      const startDay = which === 'last' || which === 'final' ? dim - 6 : 1 + 7 * ['first', 'second', 'third', 'fourth'].indexOf(which);
      const endDay = Math.min(dim, startDay + 6);
      return `${formatDay({ y: year, m: month, d: startDay })}/${formatDay({ y: year, m: month, d: endDay })}`;
    },
  },
  {
    // `2014 or 2015`, `between 2014 and 2015`, `2014-15`.
    re: new RegExp(String.raw`\b(?:between\s+)?${YEAR}\s*(?:or|and|[-–/])\s*((?:19|20)?\d\d)\b(?![-/]\d)`, 'gi'),
    value(m) {
      const a = Number(m[1]);
      let b = Number(m[2]);
      const raw = m[0];
      if ((m[2] ?? '').length === 2) b = Math.floor(a / 100) * 100 + b;
      if (b <= a || b - a > 30) return null;
      if (/\band\b/.test(raw) && !/^between/i.test(raw)) return null;
      return `${a}/${b}`;
    },
  },
  {
    // `March 1, 2020`, `Jul 31`, `1st March 2020`, `15th of April, 2021` (chrono's en-GB reads `Jul 31` as a year).
    re: new RegExp(String.raw`\b(?:${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH})\b(?!:|\s+\d{3}\b)(?:,?\s+${YEAR})?`, 'gi'),
    value(m, docDate) {
      const monthName = m[1] ?? m[4];
      if (!capitalised(monthName)) return null;
      const month = monthNumber(monthName ?? '');
      const day = Number(m[2] ?? m[3]);
      const year = m[5] ? Number(m[5]) : yearForDay(docDate, month, day);
      if (day < 1 || day > daysInMonth(year, month)) return null;
      return formatDay({ y: year, m: month, d: day });
    },
  },
  {
    // `in August and November 2003`, `between March and May 2020`: the months of one year, as a range.
    re: new RegExp(String.raw`\b(?:in|between|from)\s+${MONTH}\s+(?:and|or|to|through|-|–)\s+${MONTH},?\s+${YEAR}\b`, 'gi'),
    value(m) {
      if (!capitalised(m[1]) || !capitalised(m[2])) return null;
      const a = monthNumber(m[1] ?? '');
      const b = monthNumber(m[2] ?? '');
      if (b <= a) return null;
      return `${formatMonth(Number(m[3]), a)}/${formatMonth(Number(m[3]), b)}`;
    },
  },
  {
    // `early/mid/late December 2016`, `December 2016`, `December, 2016`.
    re: new RegExp(String.raw`\b(?:(?:early|mid|late|end of|beginning of|start of)[\s-]+)?${MONTH},?\s+${YEAR}\b`, 'gi'),
    value(m) {
      if (!capitalised(m[1])) return null;
      return formatMonth(Number(m[2]), monthNumber(m[1] ?? ''));
    },
  },
  {
    // `in March` with no year (and no day after it).
    re: new RegExp(String.raw`\b(?:in|since|during|by|until|till|from|last|this|early|mid|late|end of|beginning of|earlier in)[\s-]+(?:early\s+|mid-?|late\s+)?${MONTH}\b(?!\s*,?\s*\d)(?:\s+of\s+(this|last|next)\s+year)?`, 'gi'),
    value(m, docDate) {
      if (!capitalised(m[1])) return null;
      const month = monthNumber(m[1] ?? '');
      const { y } = parseYmd(docDate);
      const which = (m[2] ?? '').toLowerCase();
      const year = which === 'this' ? y : which === 'last' ? y - 1 : which === 'next' ? y + 1 : yearForMonth(docDate, month);
      return formatMonth(year, month);
    },
  },
  {
    // `in 2016`, `since 2007`, `the year 2019`.
    re: new RegExp(String.raw`\b(?:in|since|during|by|until|till|from|of|year|early|mid|late|around|circa|before|after|end of|beginning of)\s+(?:the\s+)?(?:year\s+)?${YEAR}\b(?![-–/]\d|\s*\))`, 'gi'),
    value(m) {
      return m[1] ?? null;
    },
  },
  {
    // `on Wednesday`, `last Friday`, `Thursday` in `The ministry Thursday banned ...`.
    re: new RegExp(String.raw`\b(?:(last|this|next|on|since|by|from|early|late)\s+)?${WEEKDAY}\b(?!\s*,?\s*(?:\d|${MONTH}\b))`, 'gi'),
    value(m, docDate, before) {
      if (!capitalised(m[2])) return null;
      const target = WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
      const mod = (m[1] ?? '').toLowerCase();
      // `will come into effect on Thursday`, `from Thursday it will be banned`: a day still to come.
      const future = mod === 'next' || (mod !== 'last' && (FUTURE_BEFORE.test(before) || (mod === 'from' && FUTURE_AFTER.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 40)))));
      return resolveWeekday(docDate, target, mod === 'last' ? 'before' : future ? 'after' : 'onOrBefore');
    },
  },
  {
    // `on the 7th`: that day of the document's month, or of the month before when it is still to come.
    re: /\b(?:on|since|from|by|until)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)/gi,
    value(m, docDate) {
      const day = Number(m[1]);
      const { y, m: mo, d } = parseYmd(docDate);
      const [year, month] = day <= d ? [y, mo] : mo === 1 ? [y - 1, 12] : [y, mo - 1];
      if (day < 1 || day > daysInMonth(year, month)) return null;
      return formatDay({ y: year, m: month, d: day });
    },
  },
  {
    re: /\b(today|yesterday|tomorrow|last year|this year|earlier this year|last month|this month|earlier this month)\b/gi,
    value(m, docDate) {
      const { y, m: mo } = parseYmd(docDate);
      switch ((m[1] ?? '').toLowerCase()) {
        case 'today': return docDate;
        case 'yesterday': return addDays(docDate, -1);
        case 'tomorrow': return addDays(docDate, 1);
        case 'last year': return String(y - 1);
        case 'this year': case 'earlier this year': return String(y);
        case 'last month': return mo === 1 ? formatMonth(y - 1, 12) : formatMonth(y, mo - 1);
        default: return formatMonth(y, mo);
      }
    },
  },
];

/**
 * Sentences worth handing to chrono: numeric dates and `N days ago`. Dates with month names are
 * read by the rules below, which chrono's en-GB parser gets wrong for `Jul 31`.
 */
const CHRONO_HINT = /\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\bago\b/;

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function findDates(doc: Doc, exclude: Span[]): DateMention[] {
  const found: DateMention[] = [];
  const taken = (s: Span): boolean => exclude.some((e) => overlaps(e, s)) || found.some((f) => overlaps(f, s));
  const sentenceOf = (offset: number): number => doc.tokenSentence[tokenAtOrAfter(doc, offset)] ?? 0;
  // Full dates first, from chrono, so that the partial rules below do not cut them up.
  const ref = parseYmd(doc.date);
  const instant = new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12));
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    if (!CHRONO_HINT.test(text)) continue;
    for (const r of chrono.en.GB.parse(text, { instant, timezone: 0 }, { forwardDate: false })) {
      const start = s.start + r.index;
      const span = { start, end: start + r.text.length };
      if (taken(span)) continue;
      const c = r.start;
      const relative = /\bago\b/i.test(r.text);
      if (!(c.isCertain('day') && c.isCertain('month')) && !relative) continue;
      if (!relative && !new RegExp(MONTH).test(r.text) && !/\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/.test(r.text)) continue;
      const month = c.get('month') ?? 1;
      const day = c.get('day') ?? 1;
      const year = c.isCertain('year') || relative ? (c.get('year') ?? ref.y) : yearForDay(doc.date, month, day);
      found.push({ ...span, sentence: s.index, value: formatDay({ y: year, m: month, d: day }), text: r.text });
    }
  }
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(doc.text); m; m = rule.re.exec(doc.text)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (taken(span)) continue;
      const sentence = doc.sentences[sentenceOf(span.start)];
      const value = rule.value(m, doc.date, doc.text.slice(sentence?.start ?? 0, span.start));
      if (!value) {
        // Let a shorter reading start inside a match that did not resolve (`2016 and 2014 or 2015`).
        rule.re.lastIndex = m.index + 1;
        continue;
      }
      found.push({ ...span, sentence: sentenceOf(span.start), value, text: m[0] });
    }
  }
  const dates = found.filter((d) => !dateline(doc, d)).sort((a, b) => a.start - b.start);
  carryYears(doc, dates);
  return laterYears(doc, dates);
}

const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, eighteen: 18 };
const LATER = /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|\d{1,2})\s+(years?|months?)\s+(later|earlier|before)\b/gi;

/** `... in 2019 and X two years later`: a year counted from the date just before it. */
function laterYears(doc: Doc, dates: DateMention[]): DateMention[] {
  LATER.lastIndex = 0;
  const added: DateMention[] = [];
  for (let m = LATER.exec(doc.text); m; m = LATER.exec(doc.text)) {
    const start = m.index;
    const prev = [...dates].reverse().find((d) => d.end <= start && /^\d{4}/.test(d.value) && !d.value.includes('/'));
    const sentence = doc.tokenSentence[tokenAtOrAfter(doc, start)] ?? 0;
    if (!prev || prev.sentence < sentence - 1) continue;
    const n = NUMBERS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]);
    const sign = (m[3] ?? '').toLowerCase() === 'later' ? 1 : -1;
    const value = /^month/i.test(m[2] ?? '') ? monthsFrom(prev.value, sign * n) : String(Number(prev.value.slice(0, 4)) + sign * n);
    added.push({ start, end: start + m[0].length, sentence, value, text: m[0] });
  }
  return added.length ? [...dates, ...added].sort((a, b) => a.start - b.start) : dates;
}

/**
 * `banned on 15 April 2021 ... lifted six months later` is October 2021; counted from a bare year
 * (`outlawed in 2021 ... six months later`) it is any month of a span, kept as that span.
 */
function monthsFrom(anchor: string, months: number): string {
  const shift = (year: number, month: number): string => {
    const index = year * 12 + (month - 1) + months;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  };
  const year = Number(anchor.slice(0, 4));
  if (/^\d{4}-\d{2}/.test(anchor)) return shift(year, Number(anchor.slice(5, 7)));
  return `${shift(year, 1)}/${shift(year, 12)}`;
}

/**
 * `... were banned on March 3, 2004, and the NLF on March 19`: a day named without
 * a year in a sentence about another year takes that year (the sentence's, or the one before's).
 */
function carryYears(doc: Doc, dates: DateMention[]): void {
  const docYear = doc.date.slice(0, 4);
  dates.forEach((d, k) => {
    if (!/^\d{4}-\d{2}(?:-\d{2})?$/.test(d.value) || /\b(?:19|20)\d\d\b/.test(d.text) || !/^[A-Za-z]|^(?:on|in|since|by|until|from)\s/i.test(d.text)) return;
    if (/\b(?:today|yesterday|tomorrow|this|last|next|earlier|ago|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week)\b|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b/i.test(d.text)) return;
    for (let j = k - 1; j >= 0; j--) {
      const p = dates[j] as DateMention;
      if (p.sentence < d.sentence - 1) break;
      const year = /\b((?:19|20)\d\d)\b/.exec(p.text)?.[1];
      if (!year) continue;
      if (year !== docYear) d.value = `${year}${d.value.slice(4)}`;
      return;
    }
  });
}

/**
 * `Oslo [Norway], March 2 (AGENCY): ...`, `QUETTA, Jan 9 —`: the agency's dateline says when
 * the story was filed, not when anything in it happened.
 */
function dateline(doc: Doc, d: DateMention): boolean {
  const s = doc.sentences[d.sentence];
  if (!s || d.start - s.start > 60) return false;
  const lead = doc.text.slice(s.start, d.start);
  if (/\b[a-z]{3,}\b/.test(lead.replace(/\[[^\]]*\]|\([^)]*\)/g, ''))) return false;
  return /^\s*(?:\([A-Z][A-Za-z]{1,10}\))?\s*[:–—-]/.test(doc.text.slice(d.end, d.end + 14));
}
