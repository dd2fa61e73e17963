/**
 * Reconciliation: what the news says set against what a list says. The news often reports a
 * ban before a list shows it (or a list compiled from secondary sources lacks its date), and
 * sometimes reports what a list contradicts. For each ban or lifting the news reported in the
 * list's jurisdiction — a proposal or an accepted fact, of no list — reconciliation says:
 * - `corroborated`: the list holds the same ban (it starts within the tolerance of the news
 *   date), or the same lifting; or the list gives no date and the news gives one;
 * - `not-on-list`: the list does not hold the organisation at all (not yet, or never);
 * - `conflicting`: the list holds the organisation, but its dates disagree with the news by more
 *   than the tolerance (a ban the list dates years apart, a lifting while the list shows it listed).
 * A news statement the ingest already folded into the list's own fact (the same ban, the
 * article added as evidence) is corroboration too, and is reported as such.
 */
import { NotFoundError } from '../errors.js';
import { dateBounds } from '../model/partial-date.js';
import type { Entity, Fact } from '../model/types.js';
import type { ListRecord, Repository } from '../store/repository.js';
import { evidenceExcerpt } from './evidence-text.js';
import { type ListingPeriod, UNKNOWN_START, listingPeriods } from './listings.js';

export const DEFAULT_TOLERANCE_DAYS = 7;

export type CorroborationStatus = 'corroborated' | 'not-on-list' | 'conflicting';

export interface Corroboration {
  list: string;
  status: CorroborationStatus;
  /** What the list says, in words: "pk-nacta lists it from 2016-12-30". */
  detail: string;
  /** The list period compared with, where there is one. */
  period: Pick<ListingPeriod, 'from' | 'fromAsStated' | 'until' | 'untilAsStated'> | null;
}

export interface ReconcileItem {
  fact: Pick<Fact, 'id' | 'predicate' | 'date' | 'status' | 'extractor' | 'confidence'>;
  entity: Pick<Entity, 'id' | 'name' | 'kind'>;
  corroboration: Corroboration;
  /** The news evidence: the document and the sentence. */
  evidence: { documentId: number; date: string; url: string | null; sentence: string | null; attribution: string | null } | null;
  /** True when the ingest added the article to the list's own fact rather than proposing a fact of its own. */
  foldedIntoList: boolean;
}

export interface ReconcileReport {
  list: ListRecord;
  toleranceDays: number;
  items: ReconcileItem[];
  counts: Record<CorroborationStatus, number>;
}

const DAY = 86_400_000;

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * One event by its dates: the list's date (as the list states it: `2016` is any day of 2016)
 * and the reported one overlap, give or take the tolerance.
 */
function near(listDay: string, listStated: string | null, reported: string | null, tolerance: number): boolean {
  const r = reported ? dateBounds(reported) : null;
  if (!r) return false;
  const l = (listStated ? dateBounds(listStated) : null) ?? { start: listDay, end: listDay };
  return l.start <= shift(r.end, tolerance) && shift(r.start, -tolerance) <= l.end;
}

function asStated(day: string, stated: string | null): string {
  return stated ?? day;
}

/**
 * How one reported ban or lifting (`fact`) stands against a list's periods for its organisation.
 * `reportedOn` is the day of the report, for a fact without a date of its own.
 */
export function corroborate(fact: Pick<Fact, 'predicate' | 'date'>, listId: string, periods: readonly ListingPeriod[], reportedOn: string | null, tolerance = DEFAULT_TOLERANCE_DAYS): Corroboration {
  const summary = (p: ListingPeriod) => ({ from: p.from, fromAsStated: p.fromAsStated, until: p.until, untilAsStated: p.untilAsStated });
  const listed = (p: ListingPeriod) => `${listId} lists it ${p.from === UNKNOWN_START ? 'with no date' : `from ${asStated(p.from, p.fromAsStated)}`}${p.until ? ` until ${asStated(p.until, p.untilAsStated)}` : ''}`;
  if (periods.length === 0) return { list: listId, status: 'not-on-list', detail: `${listId} does not list it`, period: null };
  if (fact.predicate === 'proscribed') {
    const same = periods.find((p) => p.from !== UNKNOWN_START && near(p.from, p.fromAsStated, fact.date, tolerance));
    if (same) return { list: listId, status: 'corroborated', detail: `${listed(same)}: the same ban`, period: summary(same) };
    const undated = periods.find((p) => p.from === UNKNOWN_START);
    if (undated && fact.date) {
      return { list: listId, status: 'corroborated', detail: `${listed(undated)}: the reported date ${fact.date} may date it`, period: summary(undated) };
    }
    if (!fact.date) {
      const day = reportedOn ?? '9999-12-31';
      const inForce = periods.find((p) => p.from <= day && (p.until === null || day < p.until));
      if (inForce) return { list: listId, status: 'corroborated', detail: `${listed(inForce)}: listed when reported (${day})`, period: summary(inForce) };
      return { list: listId, status: 'conflicting', detail: `${periods.map(listed).join('; ')}: not listed when reported (${day})`, period: summary(periods[0]!) };
    }
    return { list: listId, status: 'conflicting', detail: `${periods.map(listed).join('; ')}; reported banned ${fact.date}`, period: summary(periods[0]!) };
  }
  // A lifting.
  const ended = periods.find((p) => p.until !== null && near(p.until, p.untilAsStated, fact.date ?? reportedOn, tolerance));
  if (ended) return { list: listId, status: 'corroborated', detail: `${listed(ended)}: the same lifting`, period: summary(ended) };
  const open = periods.find((p) => p.until === null);
  const day = fact.date ? dateBounds(fact.date)?.end ?? fact.date : reportedOn;
  if (open && day && open.from <= day) {
    return { list: listId, status: 'conflicting', detail: `${listed(open)}: still listed after the reported lifting (${fact.date ?? reportedOn})`, period: summary(open) };
  }
  return { list: listId, status: 'conflicting', detail: `${periods.map(listed).join('; ')}; reported lifted ${fact.date ?? `by ${reportedOn}`}`, period: summary(periods.at(-1)!) };
}

/** A fact reported by the news or an analyst, not a list: one that reconciliation sets against lists. */
export function isReported(fact: Fact): boolean {
  return (fact.predicate === 'proscribed' || fact.predicate === 'delisted') && !fact.qualifiers.list && !fact.extractor.startsWith('importer:');
}

/** Set the bans and liftings reported in the list's jurisdiction against the list. */
export async function reconcile(repo: Repository, listId: string, options: { toleranceDays?: number } = {}): Promise<ReconcileReport> {
  const list = await repo.getList(listId);
  if (!list) throw new NotFoundError(`no list "${listId}" in this registry: it has ${(await repo.lists()).map((l) => l.id).join(', ') || 'none yet (run proscribe bootstrap)'}`);
  const tolerance = options.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
  const listFacts = await repo.listFacts({ predicate: ['proscribed', 'delisted'], list: list.id });
  const periods = listingPeriods(listFacts.filter((f) => f.status === 'accepted'));
  const reported = (await repo.listFacts({ predicate: ['proscribed', 'delisted'], jurisdiction: list.jurisdiction, list: null }))
    .filter((f) => f.status !== 'rejected' && isReported(f));
  // The list's own facts the ingest added an article to.
  const folded = listFacts.filter((f) => f.status === 'accepted' && f.evidence.some((e) => e.documentId !== null));

  const entities = await repo.getEntities([...reported, ...folded].map((f) => f.subjectId));
  const documents = new Map<number, Awaited<ReturnType<Repository['getDocument']>>>();
  const items: ReconcileItem[] = [];
  const evidenceOf = async (f: Fact): Promise<ReconcileItem['evidence']> => {
    const ev = f.evidence.find((e) => e.documentId !== null);
    if (!ev) return null;
    if (!documents.has(ev.documentId!)) documents.set(ev.documentId!, await repo.getDocument(ev.documentId!));
    const doc = documents.get(ev.documentId!);
    if (!doc) return null;
    return { documentId: doc.id, date: doc.date, url: doc.url, sentence: evidenceExcerpt(doc.text, ev.start, ev.end)?.sentence ?? null, attribution: ev.attribution };
  };
  const entityRef = (id: number) => {
    const e = entities.get(id);
    return { id, name: e?.name ?? `entity ${id}`, kind: e?.kind ?? 'organisation' } as const;
  };
  for (const f of reported) {
    const evidence = await evidenceOf(f);
    items.push({
      fact: { id: f.id, predicate: f.predicate, date: f.date, status: f.status, extractor: f.extractor, confidence: f.confidence },
      entity: entityRef(f.subjectId),
      corroboration: corroborate(f, list.id, periods.get(f.subjectId) ?? [], evidence?.date ?? null, tolerance),
      evidence,
      foldedIntoList: false,
    });
  }
  for (const f of folded) {
    const evidence = await evidenceOf(f);
    const ps = periods.get(f.subjectId) ?? [];
    const period = ps.find((p) => p.proscribedFacts.includes(f.id) || p.delistedFact === f.id) ?? null;
    items.push({
      fact: { id: f.id, predicate: f.predicate, date: f.date, status: f.status, extractor: f.extractor, confidence: f.confidence },
      entity: entityRef(f.subjectId),
      corroboration: {
        list: list.id, status: 'corroborated', detail: `the article states the list's own ${f.predicate === 'proscribed' ? 'ban' : 'lifting'} (${f.date ?? 'undated'}) and was added to it as evidence`,
        period: period ? { from: period.from, fromAsStated: period.fromAsStated, until: period.until, untilAsStated: period.untilAsStated } : null,
      },
      evidence,
      foldedIntoList: true,
    });
  }
  items.sort((a, b) => a.entity.name.localeCompare(b.entity.name) || a.fact.id - b.fact.id);
  const counts: Record<CorroborationStatus, number> = { corroborated: 0, 'not-on-list': 0, conflicting: 0 };
  for (const i of items) counts[i.corroboration.status]++;
  return { list, toleranceDays: tolerance, items, counts };
}

/**
 * How a reported ban or lifting stands against every list of its jurisdiction: what the review
 * queue shows beside a proposal.
 */
export async function corroborationsOf(repo: Repository, fact: Fact, reportedOn: string | null): Promise<Corroboration[]> {
  if (!isReported(fact) || !fact.qualifiers.jurisdiction) return [];
  // A watch list is not a ban: a reported ban is set against the bans and designations only.
  const lists = (await repo.lists()).filter((l) => l.jurisdiction === fact.qualifiers.jurisdiction && l.measure !== 'watch');
  const out: Corroboration[] = [];
  for (const list of lists) {
    const facts = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], list: list.id, subjectId: fact.subjectId });
    out.push(corroborate(fact, list.id, listingPeriods(facts).get(fact.subjectId) ?? [], reportedOn));
  }
  return out;
}
