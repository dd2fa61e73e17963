/**
 * Proposals to the output facts: entity ids, qualifiers, evidence with its attribution, a
 * confidence, and one fact per statement however often the article repeats it (compatible
 * dates merge to the most precise; the strongest evidence leads, the others are kept).
 */
import type { Predicate } from '../../model/types.js';
import { tokenAtOrAfter, type Doc } from '../document.js';
import type { EntityDraft } from '../entities/merge.js';
import type { Mention } from '../mentions/mention.js';
import { basicFold } from '../names/same-name.js';
import type { Proposal } from '../relations/context.js';
import type { ExtractedFact, FactEvidence } from '../types.js';
import type { Attribution } from './attribution.js';
import { qualify, type QualifierContext } from './qualifiers.js';

/** What each predicate's subject and object may be. */
const SHAPES: Record<Predicate, { subject: string[]; object: string[] | null }> = {
  proscribed: { subject: ['organisation'], object: null },
  delisted: { subject: ['organisation'], object: null },
  offshoot_of: { subject: ['organisation'], object: ['organisation'] },
  front_for: { subject: ['organisation'], object: ['organisation'] },
  successor_of: { subject: ['organisation'], object: ['organisation'] },
  alias: { subject: ['organisation', 'person'], object: null },
  affiliated_with: { subject: ['organisation'], object: ['organisation'] },
  supported_by: { subject: ['organisation'], object: ['organisation', 'place'] },
  allied_with: { subject: ['organisation'], object: ['organisation'] },
  opposes: { subject: ['organisation'], object: ['organisation', 'place'] },
  based_in: { subject: ['organisation'], object: ['place'] },
  operates_in: { subject: ['organisation'], object: ['place'] },
  recruits_in: { subject: ['organisation'], object: ['place'] },
  founded: { subject: ['organisation'], object: null },
  member_of: { subject: ['person'], object: ['organisation'] },
  same_as: { subject: ['organisation', 'person'], object: ['organisation', 'person'] },
};

export interface Assembly {
  facts: ExtractedFact[];
  /** Entities an `unknown` name turned out to be, by taking an organisation's place in a fact. */
  promoted: Set<number>;
  /** Entities an `unknown` name turned out to be a person, by taking a member's place in a fact. */
  people: Set<number>;
}

interface Draft {
  fact: ExtractedFact;
  dateAssumed: boolean;
  subject: number;
  object: number | string | null;
  evidences: { ev: FactEvidence; confidence: number; rule: string; qualifiers: ExtractedFact['qualifiers'] }[];
}

/** `2016` contains `2016-12`; ranges contain their ends' precision. */
function compatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  if (a.includes('/') || b.includes('/')) return a === b || a.split('/').includes(b) || b.split('/').includes(a);
  return a.startsWith(b) || b.startsWith(a);
}

function precise(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.includes('/') !== b.includes('/')) return a.includes('/') ? b : a;
  return b.length > a.length ? b : a;
}

/** An `unknown` name may fill an organisation's place when it is more than one stray word. */
function plausibleOrg(e: EntityDraft): boolean {
  const m = e.mentions.filter((x) => x.via === 'name');
  return m.some((x) => x.acronym || x.t1 - x.t0 >= 2 || /[-‐‑]/.test(x.text) || x.cue === 'organisation') || m.length >= 2;
}

export function assemble(
  doc: Doc, entities: EntityDraft[], proposals: Proposal[], attributions: Attribution[], q: QualifierContext,
): Assembly {
  const promoted = new Set<number>();
  const people = new Set<number>();
  const drafts: Draft[] = [];
  const sentenceOf = (offset: number): number => doc.tokenSentence[tokenAtOrAfter(doc, offset)] ?? -1;

  const kindOf = (m: Mention, wanted: string[]): boolean => {
    if (m.entity === undefined) return false;
    const e = entities[m.entity];
    if (!e) return false;
    if (wanted.includes(e.kind)) return true;
    if (e.kind === 'unknown' && wanted.includes('organisation') && plausibleOrg(e)) {
      promoted.add(e.index);
      return true;
    }
    if (e.kind === 'unknown' && wanted.includes('person') && m.kind === 'person') {
      people.add(e.index);
      return true;
    }
    return false;
  };

  for (const p of proposals) {
    const shape = SHAPES[p.predicate];
    const subject = p.subject.entity;
    if (subject === undefined) continue;
    const objectMention = typeof p.object === 'object' && p.object !== null ? p.object : null;
    const promotedBefore = promoted.size;
    const before = promotedBefore > 0 ? new Set(promoted) : null;
    if (!kindOf(p.subject, shape.subject)) continue;
    if (objectMention && (!shape.object || !kindOf(objectMention, shape.object))) {
      // Undo a promotion made for a proposal that failed on its object.
      if (promoted.size !== promotedBefore) for (const x of promoted) if (!before?.has(x)) promoted.delete(x);
      continue;
    }
    const object = objectMention ? (objectMention.entity ?? null) : typeof p.object === 'string' ? p.object : null;
    if (object !== null && object === subject) continue;
    const si = sentenceOf(p.cue.start);
    const s = doc.sentences[si];
    if (!s) continue;
    // An alias is a statement about a name, not a claim the sentence's hedges qualify.
    const attribution = p.predicate === 'alias' ? { text: null, factor: 1 } : (attributions[si] ?? { text: null, factor: 1 });
    const ev: FactEvidence = { start: s.start, end: s.end, attribution: attribution.text, sentence: doc.text.slice(s.start, s.end) };
    const confidence = Math.round(Math.min(0.99, p.base * attribution.factor) * 100) / 100;
    const qualified = p.predicate === 'proscribed' || p.predicate === 'delisted' ? qualify(q, p, si) : { qualifiers: {} };
    const fact: ExtractedFact = {
      subject: String(subject), predicate: p.predicate, object: object === null ? null : String(object), date: p.date,
      qualifiers: qualified.qualifiers, evidence: ev, confidence, rule: p.rule,
    };
    if ('authority' in qualified && (qualified.authority !== undefined || qualified.law !== undefined)) {
      fact.qualifierEntities = {};
      if (qualified.authority !== undefined) fact.qualifierEntities.authority = String(qualified.authority);
      if (qualified.law !== undefined) fact.qualifierEntities.law = String(qualified.law);
    }
    const key = (d: Draft): boolean =>
      d.subject === subject && d.fact.predicate === p.predicate &&
      (typeof object === 'string' && typeof d.object === 'string' ? basicFold(object) === basicFold(d.object) : d.object === object) &&
      (d.fact.qualifiers.jurisdiction === undefined || fact.qualifiers.jurisdiction === undefined || d.fact.qualifiers.jurisdiction === fact.qualifiers.jurisdiction) &&
      (d.dateAssumed || !!p.dateAssumed || compatible(d.fact.date, fact.date));
    const same = drafts.find(key);
    const entry = { ev, confidence, rule: p.rule, qualifiers: fact.qualifiers };
    if (!same) {
      drafts.push({ fact, subject, object, evidences: [entry], dateAssumed: !!p.dateAssumed });
      continue;
    }
    // A date read in the text beats one assumed from the tense.
    if (same.dateAssumed && !p.dateAssumed && fact.date !== null) {
      same.fact.date = fact.date;
      same.dateAssumed = false;
    } else if (!p.dateAssumed || same.fact.date === null) {
      same.fact.date = precise(same.fact.date, fact.date);
      if (!p.dateAssumed && fact.date !== null) same.dateAssumed = false;
    }
    same.evidences.push(entry);
    if (confidence > same.fact.confidence) {
      // The strongest statement leads; its qualifiers win, the others fill gaps.
      same.fact.qualifiers = { ...same.fact.qualifiers, ...fact.qualifiers };
      same.fact.evidence = ev;
      same.fact.rule = p.rule;
      same.fact.confidence = confidence;
      if (fact.qualifierEntities) same.fact.qualifierEntities = { ...same.fact.qualifierEntities, ...fact.qualifierEntities };
    } else {
      same.fact.qualifiers = { ...fact.qualifiers, ...same.fact.qualifiers };
      if (fact.qualifierEntities) same.fact.qualifierEntities = { ...fact.qualifierEntities, ...same.fact.qualifierEntities };
    }
  }
  const facts = drafts.map((d) => {
    const others = d.evidences.filter((e) => e.ev !== d.fact.evidence);
    const seen = new Set<number>([d.fact.evidence.start]);
    const supporting = others.filter((e) => !seen.has(e.ev.start) && seen.add(e.ev.start)).map((e) => e.ev);
    if (supporting.length > 0) {
      d.fact.supporting = supporting;
      // Repetition in one article adds a little, never the certainty of an independent source.
      d.fact.confidence = Math.round(Math.min(0.99, d.fact.confidence + 0.05 * supporting.length) * 100) / 100;
    }
    return d.fact;
  });
  return { facts, promoted, people };
}
