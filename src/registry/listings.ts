import { dateBounds } from '../model/partial-date.js';
import type { Fact } from '../model/types.js';

/**
 * The registry's temporal logic. A listing is derived, never stored: an organisation is
 * proscribed in a jurisdiction on a day when an accepted `proscribed` fact has taken effect
 * and no later accepted `delisted` fact has ended it.
 *
 * Partial dates are read to the analyst's safety: a ban "in December 2016" counts from
 * 2016-12-01 (its earliest day) and a lifting "in November 2021" from 2021-11-30 (its latest
 * day), so an uncertain day never reports an organisation as clear while it may be banned.
 * A ban with no date counts as in force since before any date asked about; a lifting with no
 * date takes effect on the day it was recorded.
 */

export interface ListingPeriod {
  jurisdiction: string;
  /** The list of the period's facts (`pk-nacta`); null for bans reported by news or recorded by an analyst. */
  list: string | null;
  /** First day in force (`0000-01-01` when the ban's date is unknown). */
  from: string;
  /** Date as the fact gave it (`2016-12`), or null. */
  fromAsStated: string | null;
  /** First day no longer in force, or null while in force. */
  until: string | null;
  untilAsStated: string | null;
  /** Programme codes of the listing where the list gives them (OFAC: `SDGT, FTO`). */
  programs: string | null;
  /** The name the list gives the entry (an entity joined across lists has one name of its own). */
  listedAs: string | null;
  /** Where the period's first ban comes from: a list, the news, an analyst, or an import of no list (FtM). */
  origin: ListingOrigin;
  /** The `proscribed` facts in force over this period (re-listings by other sources join it). */
  proscribedFacts: number[];
  delistedFact: number | null;
}

export const UNKNOWN_START = '0000-01-01';

export type ListingOrigin = 'list' | 'news' | 'analyst' | 'import';

function originOf(fact: Fact): ListingOrigin {
  if (fact.qualifiers.list) return 'list';
  if (fact.extractor === 'analyst') return 'analyst';
  if (fact.extractor.startsWith('importer:')) return 'import';
  return 'news';
}

/** What a period is, in words: its list id, else where the ban was recorded from, with the jurisdiction. */
export function listingLabel(p: { list: string | null; jurisdiction: string; origin?: ListingOrigin }): string {
  if (p.list) return p.list;
  const from = p.origin === 'analyst' ? 'recorded by an analyst' : p.origin === 'import' ? 'imported' : 'reported in the news';
  return `ban ${from} (${p.jurisdiction})`;
}

interface Event {
  day: string;
  kind: 'proscribed' | 'delisted';
  fact: Fact;
}

function effectiveDay(fact: Fact): string {
  const bounds = fact.date ? dateBounds(fact.date) : null;
  if (fact.predicate === 'proscribed') return bounds?.start ?? UNKNOWN_START;
  return bounds?.end ?? fact.recordedAt.slice(0, 10);
}

/**
 * Periods per subject entity, jurisdiction and list, from accepted proscribed/delisted facts.
 * Each list keeps its own periods: a revocation of an FTO designation does not end an OFAC
 * designation, and a list's delisting does not end a ban reported by the news (reconciliation
 * sets the two against each other instead).
 */
export function listingPeriods(facts: readonly Fact[]): Map<number, ListingPeriod[]> {
  const bySubjectAndPlace = new Map<string, Event[]>();
  for (const fact of facts) {
    if (fact.status !== 'accepted') continue;
    if (fact.predicate !== 'proscribed' && fact.predicate !== 'delisted') continue;
    const jurisdiction = fact.qualifiers.jurisdiction ?? '??';
    const key = `${fact.subjectId}\u0000${jurisdiction}\u0000${fact.qualifiers.list ?? ''}`;
    const list = bySubjectAndPlace.get(key) ?? [];
    list.push({ day: effectiveDay(fact), kind: fact.predicate, fact });
    bySubjectAndPlace.set(key, list);
  }
  const result = new Map<number, ListingPeriod[]>();
  for (const events of bySubjectAndPlace.values()) {
    // Same day: a ban and its lifting recorded for one day apply in the order they were recorded.
    events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.fact.id - b.fact.id));
    const first = events[0]!.fact;
    const jurisdiction = first.qualifiers.jurisdiction ?? '??';
    const listId = first.qualifiers.list ?? null;
    const periods: ListingPeriod[] = [];
    let open: ListingPeriod | null = null;
    for (const e of events) {
      if (e.kind === 'proscribed') {
        if (open) open.proscribedFacts.push(e.fact.id);
        else {
          open = { jurisdiction, list: listId, from: e.day, fromAsStated: e.fact.date, programs: e.fact.qualifiers.programs ?? null, listedAs: e.fact.qualifiers.list_name ?? null, origin: originOf(e.fact), until: null, untilAsStated: null, proscribedFacts: [e.fact.id], delistedFact: null };
          periods.push(open);
        }
      } else if (open) {
        open.until = e.day;
        open.untilAsStated = e.fact.date;
        open.delistedFact = e.fact.id;
        open = null;
      }
    }
    const list = result.get(first.subjectId) ?? [];
    list.push(...periods);
    result.set(first.subjectId, list);
  }
  return result;
}

/** The period in force on `day` (YYYY-MM-DD), if any. */
export function periodOn(periods: readonly ListingPeriod[], day: string): ListingPeriod | null {
  return periods.find((p) => p.from <= day && (p.until === null || day < p.until)) ?? null;
}
