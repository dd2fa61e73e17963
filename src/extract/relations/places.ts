/**
 * Where an organisation is: `based in P` (`P-based X` is read with the prefixes in links.ts),
 * `active/operating/fighting ... in P`, `recruiting ... in P1 and other areas in P2`. The places
 * are every place named in the rest of the clause, up to a purpose clause (`for fighting ...`,
 * `to fight ...`) that starts a new event.
 */
import type { Predicate } from '../../model/types.js';
import type { Mention } from '../mentions/mention.js';
import type { Token } from '../text/tokenize.js';
import { leftSubject, matches, negated, ORG, tokenIndex, type Proposal, type SentenceContext } from './context.js';

interface PlaceRule {
  id: string;
  predicate: Predicate;
  re: RegExp;
  base: number;
  /** How far (tokens) the first place may be from the cue. */
  reach: number;
}

const RULES: PlaceRule[] = [
  { id: 'based_in.based', predicate: 'based_in', base: 0.8, reach: 4,
    re: /\b(?:based|registered|headquartered|headquarters|hq|operating\s+out|operates\s+out|operated\s+out|located|operates\s+from|operating\s+from|operated\s+from|run\s+(?:\w+ly\s+)?from|runs\s+(?:\w+ly\s+)?from)\s+(?:is\s+)?(?:camps\s+)?(?:in|at|of|from)?\b/gi },
  { id: 'recruits_in.recruit', predicate: 'recruits_in', base: 0.75, reach: 10,
    re: /\brecruit(?:s|ing|ed|ment)?\b/gi },
  { id: 'operates_in.active', predicate: 'operates_in', base: 0.65, reach: 6,
    re: /\b(?:active|operat(?:e|es|ed|ing)|operations|present|presence|deployed|fighting|fought|fight|activities|attacks|stronghold|strongholds|insurgency|killed|members|cells|branches|chapters|camps|bases|units)\b/gi },
];

const PURPOSE = new Set(['for', 'to', 'against', 'which', 'who', 'that', 'while', 'but', 'after', 'before', 'when', ';']);

function placesAfter(ctx: SentenceContext, from: number, reach: number, predicate: Predicate): Mention[] {
  const { doc, s } = ctx;
  const out: Mention[] = [];
  let sawPreposition = predicate === 'based_in';
  for (let i = from; i < s.t1; i++) {
    const t = doc.tokens[i] as Token;
    const m = ctx.startsAt.get(i);
    if (m) {
      // `Islamabad-based analyst`: a modifier, not where the subject is.
      const modifier = doc.tokens[m.t1]?.text === '-' && /(ed|led|run)$/.test(doc.tokens[m.t1 + 1]?.lower ?? '');
      // `Punjab, India`: a country after a comma only says where the named place is (`Syria's Idlib` names both).
      const qualifier = m.placeLevel === 'country' && out.length > 0 && doc.tokens[m.t0 - 1]?.text === ',';
      if (m.kind === 'place' && !modifier && !qualifier && sawPreposition && (out.length > 0 || i - from <= reach)) {
        // `Syria's Idlib province` names both; `Pakistani` modifiers are no places here.
        out.push(m);
      } else if (m.kind !== 'place' && out.length > 0 && predicate !== 'operates_in') break;
      i = m.t1 - 1;
      continue;
    }
    if (['in', 'from', 'across', 'inside', 'throughout', 'within', 'of', 'around', 'near'].includes(t.lower)) sawPreposition = true;
    if (i > from && PURPOSE.has(t.lower)) break;
    // `... in Quetta and has been recruiting ...`: a new verb phrase is a new statement.
    if (t.lower === 'and' && /^(is|was|are|were|has|have|had|also|will|would|can|could)$/.test(doc.tokens[i + 1]?.lower ?? '')) break;
    if (t.text === '.' || t.text === ';') break;
    if (out.length === 0 && i - from > reach) break;
  }
  return out;
}

/** `active in Iraq since 2014`: the start of the presence, read only from `since` right after the places. */
function sinceDate(ctx: SentenceContext, after: number): string | null {
  for (const d of ctx.dates) {
    if (d.start < after || d.start - after > 30) continue;
    const gap = ctx.doc.text.slice(after, d.start);
    // The date finder may keep the preposition inside the date (`since 2014`).
    if (/^[\s,]*since\s+(?:at\s+least\s+)?$/i.test(gap) || (/^[\s,]*$/.test(gap) && /^since\b/i.test(d.text))) return d.value;
  }
  return null;
}

/** `X, a mosque association in Hamelin`, `X, an armed group from Idlib`: where the description puts it. */
const DESCRIBED_IN = /^\s*,\s*(?:an?|the)\s+(?:[a-z][\w'-]*\s+){0,3}?(?:group|organi[sz]ation|outfit|association|network|movement|militia|faction|charity|foundation|trust|company|business|firm|party|front|cell)\s+(?:in|from)\s+$/;

function describedPlace(ctx: SentenceContext, out: Proposal[]): void {
  for (const m of ctx.mentions) {
    if (!ORG.includes(m.kind) || m.via !== 'name') continue;
    const place = ctx.mentions.find((p) => p.kind === 'place' && p.t0 > m.t1 && p.t0 <= m.t1 + 9 && DESCRIBED_IN.test(ctx.doc.text.slice(m.end, p.start)));
    if (!place) continue;
    // `an armed group in Syria and Iraq`: several places are where it is active, one is its base.
    const more = ctx.mentions.filter((p) => p.kind === 'place' && p.t0 > place.t0 && p.t0 <= place.t1 + 3 && /^\s*(?:,|and|or)\s*$/.test(ctx.doc.text.slice(place.end, p.start)));
    const predicate = more.length > 0 ? 'operates_in' : 'based_in';
    for (const o of [place, ...more]) out.push({ subject: m, predicate, object: o, date: null, rule: `${predicate}.described`, base: 0.7, cue: { start: m.end, end: place.start } });
  }
}

export function places(ctx: SentenceContext, out: Proposal[]): void {
  describedPlace(ctx, out);
  for (const rule of RULES) {
    for (const { start, end } of matches(ctx, rule.re)) {
      if (negated(ctx, start)) continue;
      const c = tokenIndex(ctx, start);
      const subject = leftSubject(ctx, c, ORG);
      if (!subject) continue;
      const objects = placesAfter(ctx, tokenIndex(ctx, end), rule.reach, rule.predicate);
      const since = objects.length ? sinceDate(ctx, objects[objects.length - 1]!.end) : null;
      for (const o of objects) {
        out.push({ subject, predicate: rule.predicate, object: o, date: since, rule: rule.id, base: rule.base, cue: { start, end } });
      }
    }
  }
}
