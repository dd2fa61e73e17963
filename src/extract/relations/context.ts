/**
 * What a relation rule sees of one sentence, and the moves every rule makes: find the clause
 * subject to the left of a cue, the names it governs to the right, the date nearest to it.
 */
import type { Predicate } from '../../model/types.js';
import type { DateMention } from '../dates/find-dates.js';
import { tokenAtOrAfter, type Doc, type Sentence } from '../document.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { GENERIC_ORG_NOUNS } from '../lexicon/words.js';
import type { Mention, MentionKind } from '../mentions/mention.js';
import { governingPreposition } from '../mentions/position.js';
import type { Token } from '../text/tokenize.js';
import type { Span } from '../types.js';

export interface SentenceContext {
  doc: Doc;
  s: Sentence;
  text: string;
  /** Names and references in the sentence, by position. */
  mentions: Mention[];
  /** The same, by first token. */
  startsAt: Map<number, Mention>;
  dates: DateMention[];
  /** Headline or caption line: no final punctuation. */
  headline: boolean;
  /** The document speaks of a list of banned organisations: a bare `the list` is that list. */
  banList: boolean;
}

export interface Proposal {
  subject: Mention;
  predicate: Predicate;
  object: Mention | string | null;
  date: string | null;
  /** The date is the document's own, assumed from the tense rather than read: any read date wins over it. */
  dateAssumed?: boolean;
  rule: string;
  /** Strength of the wording alone, before attribution. */
  base: number;
  cue: Span;
  authority?: Mention;
  law?: Mention;
}

export type Kinds = readonly MentionKind[];
export const ORG: Kinds = ['organisation', 'unknown'];
export const PLACE: Kinds = ['place'];
export const ORG_OR_PLACE: Kinds = ['organisation', 'unknown', 'place'];

const CLAUSE_STOP = new Set([';', ':', 'but', 'while', 'whereas', 'although', 'though', 'because', 'when', 'after', 'before', 'since', 'whom', 'if']);
const RIGHT_SKIP = new Set([
  'the', 'a', 'an', 'its', 'their', 'banned', 'outlawed', 'proscribed', 'terror', 'terrorist', 'militant', 'sectarian',
  'jihadist', 'extremist', 'islamist', 'separatist', 'so-called', 'now-defunct', 'defunct', 'parent', 'main', 'mother',
  'larger', 'notorious', 'dreaded', 'infamous', 'armed', 'based', 'backed', '-', "'", '‘', '’', '"', '“', '”', 'group',
  'outfit', 'organisation', 'organization', 'party', 'movement', 'network', 'identified', 'as', 'named', 'called',
  'known', 'religious', 'political', 'religio-political', 'far-right', 'neo-nazi', 'white', 'nationalist', 'supremacist',
  'global', 'international', 'transnational', 'criminal', 'cartel', 'gang', 'pakistan-based', 'entity', 'all', 'of',
  'another', 'two', 'three', 'four', 'five', 'more', 'other', 'new', 'its', 'both', 'self-styled', 'self-proclaimed',
  'shadowy', 'little-known', 'obscure', 'hardline', 'fundamentalist', 'insurgent', 'rebel', 'armed', 'violent',
  'wing', 'arm', 'student', 'students', 'youth', 'affiliate', 'faction', 'front', 'military', 'charity', 'women',
  'already', 'now', 'formally', 'officially', 'previously', 'since-banned', 'then', 'currently',
  'associated', 'affiliated', 'allied', 'linked', 'including', 'namely', 'six', 'seven', 'eight', 'nine', 'ten', 'several',
  'activities', 'activity',
]);

export function tokenIndex(ctx: SentenceContext, offsetInDoc: number): number {
  return tokenAtOrAfter(ctx.doc, offsetInDoc);
}

function kindOk(m: Mention, kinds: Kinds): boolean {
  return kinds.includes(m.kind);
}

/**
 * The nearest name of the wanted kinds left of token `cue`, in the same clause, that no
 * preposition governs (`a recruiter for X and had been to Syria to fight ISIS` has no subject).
 */
export function leftSubject(ctx: SentenceContext, cue: number, kinds: Kinds, maxTokens = 25): Mention | undefined {
  const { doc, s } = ctx;
  let stop = Math.max(s.t0, cue - maxTokens);
  for (let i = cue - 1; i >= stop; i--) {
    const t = doc.tokens[i] as Token;
    if (CLAUSE_STOP.has(t.lower)) {
      stop = i + 1;
      break;
    }
  }
  const candidates = ctx.mentions
    .filter((m) => m.t1 <= cue && m.t0 >= stop && kindOk(m, kinds) && governingPreposition(doc, m.t0, s.t0) === null && !gerundObject(ctx, m))
    .sort((a, b) => b.t0 - a.t0);
  // A name of the wanted kind beats a nearer stray word nothing has classified (`Shia men`);
  // an unclassified acronym or multi-word name (`KYKL`) is a name all the same.
  const strong = (m: Mention): boolean => m.kind !== 'unknown' || m.acronym || m.t1 - m.t0 >= 2 || /[-‐‑]/.test(m.text);
  const best = candidates.find(strong) ?? candidates[0];
  return best ? appositionHead(ctx, best, candidates) ?? best : undefined;
}

/**
 * `X, formerly called Y, recruits ...`, `X, a faction of Y, operates ...`: a name inside an
 * apposition set off by commas describes X; the clause's subject is X.
 */
function appositionHead(ctx: SentenceContext, inner: Mention, candidates: Mention[]): Mention | undefined {
  const toks = ctx.doc.tokens;
  if (toks[inner.t1]?.text !== ',') return undefined;
  for (const head of candidates) {
    if (head.t1 >= inner.t0 || toks[head.t1]?.text !== ',') continue;
    const between = toks.slice(head.t1 + 1, inner.t0);
    if (between.length === 0 || between.length > 6) continue;
    if (between.every((t) => t.type === 'word' && !t.cap)) return head;
  }
  return undefined;
}

/** `proscribing this organisation`, `recruiting Shia men`: the object of a gerund is no clause subject. */
function gerundObject(ctx: SentenceContext, m: Mention): boolean {
  let i = m.t0 - 1;
  while (i > ctx.s.t0 && /^(the|a|an|this|that|its|their|terrorist|terror|militant|banned|proscribed)$/.test(ctx.doc.tokens[i]?.lower ?? '')) i--;
  const t = ctx.doc.tokens[i];
  return !!t && t.type === 'word' && !t.cap && /ing$/.test(t.lower) && t.lower.length > 4;
}

/** `X, Y and Z were banned`: the coordination ending in `last`, read leftwards. */
export function leftList(ctx: SentenceContext, last: Mention, kinds: Kinds): Mention[] {
  // `X (XA)`: start from the name the acronym in parentheses belongs to.
  if (ctx.doc.tokens[last.t0 - 1]?.text === '(' && ctx.doc.tokens[last.t1]?.text === ')') {
    const owner = ctx.mentions.find((m) => m.t1 === last.t0 - 1 && m.entity === last.entity);
    if (owner) last = owner;
  }
  const out = [last];
  let cur = last;
  for (;;) {
    let i = cur.t0 - 1;
    const t = ctx.doc.tokens[i];
    if (!t || i < ctx.s.t0) break;
    if (t.lower === 'and' || t.text === ',' || t.text === '&') i--;
    else break;
    if (ctx.doc.tokens[i]?.text === ',') i--;
    // Skip an acronym in parentheses: `X (XA), Y (YA) and Z`.
    if (ctx.doc.tokens[i]?.text === ')') {
      const inner = ctx.mentions.find((m) => m.t1 === i);
      if (inner && ctx.doc.tokens[inner.t0 - 1]?.text === '(') i = inner.t0 - 2;
    }
    const prev = ctx.mentions.find((m) => m.t1 === i + 1 && kindOk(m, kinds));
    if (!prev) break;
    out.unshift(prev);
    cur = prev;
  }
  return out;
}

/** Names of the wanted kinds right after a cue; with `list`, a coordination `X, Y and Z`. */
export function rightObjects(ctx: SentenceContext, from: number, kinds: Kinds, opts: { max?: number; list?: boolean } = {}): Mention[] {
  const { doc, s } = ctx;
  const max = opts.max ?? 8;
  const out: Mention[] = [];
  let i = from;
  let budget = max;
  while (i < s.t1 && budget > 0) {
    // `its student wing, X`: a possessive pronoun modifies the name that follows.
    const found = ctx.startsAt.get(i);
    const m = found && !(found.via === 'pronoun' && /^(its|their)$/i.test(found.text)) ? found : undefined;
    // A place as modifier (`Pakistan-based`, `Pakistan's`) is skipped, whatever the rule wants.
    const afterM = m ? doc.tokens[m.t1] : undefined;
    if (m && m.kind === 'place' && afterM && ((afterM.text === '-' && /(ed|led|run)$/.test(doc.tokens[m.t1 + 1]?.lower ?? '')) || afterM.lower === "'s")) {
      i = m.t1 + 1;
      budget--;
      continue;
    }
    if (m) {
      if (kindOk(m, kinds)) {
        out.push(m);
        if (!opts.list) return out;
        i = m.t1;
        // `X (XA) and Y (YA)`: the acronym in parentheses belongs to X.
        if (doc.tokens[i]?.text === '(') {
          const inner = ctx.mentions.find((x) => x.t0 === i + 1);
          if (inner && doc.tokens[inner.t1]?.text === ')') i = inner.t1 + 1;
        }
        // `X, Y and Z`, `X and its offshoot Y` stop at anything else.
        const t = doc.tokens[i];
        const t2 = doc.tokens[i + 1];
        if (t && (t.text === ',' || t.lower === 'and' || t.lower === '&') && i < s.t1) {
          i += t.text === ',' && t2?.lower === 'and' ? 2 : 1;
          budget = 6;
          continue;
        }
        return out;
      }
      // A place as modifier (`Pakistan-based`, `Pakistan's`) may be skipped; anything else ends the search.
      const after = doc.tokens[m.t1];
      if (m.kind === 'place' && after && (after.text === '-' || after.lower === "'s")) {
        i = m.t1 + 1;
        budget--;
        continue;
      }
      return out;
    }
    const t = doc.tokens[i] as Token;
    if (GENERIC_ORG_NOUNS.has(t.lower)) {
      // `a banned organisation involved in ...`: a generic object, not a name.
      const n = doc.tokens[i + 1];
      const named = ctx.startsAt.has(i + 1) || (n && /^['‘’"“”,–—-]$/.test(n.text)) || n?.lower === 'identified' || n?.lower === 'called' || n?.lower === 'named' || n?.lower === 'known';
      if (!named) return out;
    }
    // `six Palestinian organisations, including X`: a nationality describes the groups, it ends nothing.
    const demonym = t.cap && !!gazetteer().demonym(t.text);
    if (!RIGHT_SKIP.has(t.lower) && !GENERIC_ORG_NOUNS.has(t.lower) && !/^[,–—]$/.test(t.text) && !demonym) return out;
    // A comma after the cue's own words ends it, unless it opens an apposition naming them (`two groups, X and Y`).
    if (t.text === ',' && out.length === 0 && i > from + 1 && !GENERIC_ORG_NOUNS.has(doc.tokens[i - 1]?.lower ?? '')) return out;
    i++;
    budget--;
  }
  return out;
}

/**
 * The date nearest a statement in its sentence, preferring one after it (`banned in December
 * 2016`); `span` covers the cue and its arguments. A date far away belongs to another clause.
 */
export function dateNear(ctx: SentenceContext, span: Span, reach = 90): string | null {
  let best: DateMention | undefined;
  let bestScore = Infinity;
  for (const d of ctx.dates) {
    const distance = d.start >= span.end ? d.start - span.end : d.end <= span.start ? (span.start - d.end) * 1.5 : 0;
    if (distance > reach) continue;
    if (distance < bestScore) {
      bestScore = distance;
      best = d;
    }
  }
  return best?.value ?? null;
}

const NEGATION = /(?:\b(?:not|never|no longer|refused to|declined to|yet to)|n['’]t)(?:\s+[\w-]+){0,4}\s*$/i;

export function negated(ctx: SentenceContext, cueStart: number): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cueStart - 50), cueStart);
  // Only within the clause: `not X, but Y was banned` negates X alone.
  const clause = before.split(/[,;:]|\bbut\b/).pop() ?? before;
  return NEGATION.test(clause);
}

const INTENT = /\b(will|would|shall|to be|plans? to|planning to|intends? to|intending to|set to|moves? to|move to|draft|proposed|proposal to|seeks? to|seeking to|recommend(?:s|ed)?|considering|mulls?|may|could|might|wants? to|asked .{0,30} to)\b/i;

export function hedgedIntent(ctx: SentenceContext, cueStart: number): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cueStart - 45), cueStart);
  return INTENT.test(before);
}

/** `has proscribed`, `have been banned`, `bans`: news reporting what happened on its own date. */
export function presentTense(ctx: SentenceContext, cue: Span, word: string): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cue.start - 40), cue.start).toLowerCase();
  // `already proscribed`, `an order that bans X`: a standing state, not today's act.
  if (/\balready\b/.test(before) || /\b(?:that|which)\s+(?:\w+ly\s+)?$/.test(before)) return false;
  if (/\b(has|have)\s+(?:\w+ly\s+|also\s+|now\s+)*(?:been\s+)?(?:\w+ly\s+)?$/.test(before)) return true;
  return /(?:es|s)$/.test(word) && !/ss$/.test(word) && !/\b(the|a|its)\s+$/.test(before);
}

export function cover(...spans: (Span | undefined)[]): Span {
  const list = spans.filter((s): s is Span => !!s);
  return { start: Math.min(...list.map((s) => s.start)), end: Math.max(...list.map((s) => s.end)) };
}

export function mentionAt(ctx: SentenceContext, t: number): Mention | undefined {
  return ctx.mentions.find((m) => m.t0 <= t && t < m.t1);
}

export function spanOf(doc: Doc, t0: number, t1: number): Span {
  return { start: (doc.tokens[t0] as Token).start, end: (doc.tokens[t1 - 1] as Token).end };
}

/** Matches of `re` in the sentence, with document offsets. */
export function* matches(ctx: SentenceContext, re: RegExp): Generator<{ m: RegExpExecArray; start: number; end: number }> {
  re.lastIndex = 0;
  for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
    yield { m, start: ctx.s.start + m.index, end: ctx.s.start + m.index + m[0].length };
    if (m[0].length === 0) re.lastIndex++;
  }
}
