/**
 * Authority, jurisdiction, law and instrument of a ban or a lifting. The sentence itself first
 * (`by the Ministry of Interior`, `under the Anti-Terrorism Act`), then its neighbours (news
 * often names the notification's issuer one sentence later), then the document's one body or law.
 */
import type { Doc } from '../document.js';
import type { EntityDraft } from '../entities/merge.js';
import type { Mention } from '../mentions/mention.js';
import type { Proposal } from '../relations/context.js';
import type { FactQualifiers } from '../types.js';

export interface QualifierContext {
  doc: Doc;
  entities: EntityDraft[];
  mentionsBySentence: Mention[][];
  authorityCountry: Map<number, string>;
  documentCountry: string | null;
  sentenceGovernment: (string | undefined)[];
}

export interface Qualified {
  qualifiers: FactQualifiers & { section?: string };
  authority?: number;
  law?: number;
}

const INSTRUMENT = /\b(gazette notification|notification|proscription order|statutory instrument|gazette|executive order|order|notice|S\.\s?R\.\s?O\.?\s*[\d()]+(?:\s*\d{4})?|S\.?\s?O\.?\s*\d+\s*\(E\))/i;
const INSTRUMENT_WORDS = /\b(notification|gazette|order|notice)\b/i;

function nearest(ms: Mention[], at: number): Mention | undefined {
  return [...ms].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
}

function pickAuthority(q: QualifierContext, p: Proposal): Mention | undefined {
  const s = p.cue.start;
  const sentence = p.subject.sentence;
  const inSentence = (i: number): Mention[] => (q.mentionsBySentence[i] ?? []).filter((m) => m.kind === 'authority' && m.entity !== undefined);
  const here = inSentence(sentence);
  const text = q.doc.text;
  // `proscribed by the Ministry of Interior`, `a notification issued by the Interior Ministry`.
  const agent = here.find((m) => m.start > s && /\bby\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 12), m.start)) && m.start - s < 120);
  if (agent) return agent;
  const ranked = (ms: Mention[]): Mention | undefined => nearest(ms.filter((m) => (m.authorityRank ?? 2) >= 2), s) ?? nearest(ms, s);
  const local = here.filter((m) => (m.authorityRank ?? 2) >= 2);
  if (local.length > 0) return nearest(local, s);
  for (const d of [1, -1, 2]) {
    const there = inSentence(sentence + d).filter((m) => (m.authorityRank ?? 2) >= 2);
    const sText = q.doc.sentences[sentence + d];
    if (there.length > 0 && sText && INSTRUMENT_WORDS.test(text.slice(sText.start, sText.end))) return nearest(there, s);
  }
  const bodies = q.entities.filter((e) => e.kind === 'authority' && e.mentions.some((m) => (m.authorityRank ?? 2) >= 2));
  if (bodies.length === 1) return bodies[0]?.mentions[0];
  return ranked(here);
}

function pickLaw(q: QualifierContext, p: Proposal): Mention | undefined {
  const sentence = p.subject.sentence;
  const lawsIn = (i: number): Mention[] => (q.mentionsBySentence[i] ?? []).filter((m) => m.kind === 'law' && m.entity !== undefined);
  for (const d of [0, 1, -1, 2, -2]) {
    const found = nearest(lawsIn(sentence + d), p.cue.start);
    if (found) return found;
  }
  const laws = q.entities.filter((e) => e.kind === 'law');
  return laws.length === 1 ? laws[0]?.mentions[0] : undefined;
}

export function qualify(q: QualifierContext, p: Proposal, cueSentence: number): Qualified {
  const out: Qualified = { qualifiers: {} };
  const authority = pickAuthority(q, { ...p, subject: { ...p.subject, sentence: cueSentence } });
  const law = pickLaw(q, { ...p, subject: { ...p.subject, sentence: cueSentence } });
  let jurisdiction: string | undefined;
  if (authority?.entity !== undefined) {
    const e = q.entities[authority.entity];
    if (e) out.qualifiers.authority = e.names[0] ?? authority.name;
    out.authority = authority.entity;
    jurisdiction = q.authorityCountry.get(authority.entity);
  }
  if (law?.entity !== undefined) {
    const e = q.entities[law.entity];
    if (e) out.qualifiers.law = e.names[0] ?? law.name;
    out.law = law.entity;
    if (law.section) out.qualifiers.section = law.section;
    jurisdiction ??= e?.country ?? law.country;
  }
  // `proscribed by Britain in 2023 and listed by Canada a year later`: the state named as the agent of this verb.
  jurisdiction ??= (q.mentionsBySentence[cueSentence] ?? []).find((m) => m.kind === 'place' && m.placeLevel === 'country' && m.country &&
    m.start >= p.cue.end && /^\s*(?:\w+ly\s+)?by\s+(?:the\s+)?$/i.test(q.doc.text.slice(p.cue.end, m.start)))?.country;
  jurisdiction ??= q.sentenceGovernment[cueSentence] ?? q.documentCountry ?? undefined;
  if (jurisdiction) out.qualifiers.jurisdiction = jurisdiction;
  const s = q.doc.sentences[cueSentence];
  for (const i of [cueSentence, cueSentence + 1, cueSentence - 1]) {
    const t = q.doc.sentences[i];
    if (!t || !s) continue;
    const m = INSTRUMENT.exec(q.doc.text.slice(t.start, t.end));
    if (m && m[1]) {
      out.qualifiers.instrument = m[1].toLowerCase().startsWith('s') && /\d/.test(m[1]) ? m[1].replace(/\s+/g, ' ') : m[1].toLowerCase();
      break;
    }
  }
  return out;
}
