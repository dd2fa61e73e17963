/**
 * What a relation rule sees of one sentence, and the moves every rule makes: find the clause
 * subject to the left of a cue, the names it governs to the right, the date nearest to it.
 */
import type { Predicate } from '../../model/types.js';
import type { DateMention } from '../dates/find-dates.js';
import { tokenAtOrAfter, type Doc, type Sentence } from '../document.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { FUNCTION_WORDS, GENERIC_ORG_NOUNS } from '../lexicon/words.js';
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
  /** Every date of the document, for statements dated by a neighbouring sentence. */
  allDates: DateMention[];
  /** Headline or caption line: no final punctuation. */
  headline: boolean;
  /** The document speaks of a list of banned organisations: a bare `the list` is that list. */
  banList: boolean;
  /**
   * In a list of entries (`Tanzim X\nProscribed in November 2014. A splinter of Y.`), the name
   * heading the entry: the subject of the entry's sentences that have none of their own.
   */
  heading?: Mention;
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
  'activities', 'activity', 'shia', 'shiite', 'sunni', 'deobandi', 'barelvi', 'wahhabi', 'salafi', 'salafist', 'jihadi',
  'humanitarian', 'welfare', 'political', 'separatist', 'founded', 'at', 'least', 'some', 'around', 'nearly', 'about', 'additional', 'further', 'far-right', 'far-left', 'extreme', 'right-wing', 'left-wing', 'baloch', 'sindhi', 'kashmiri', 'pashtun', 'sikh', 'khalistani',
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
  let best = candidates.find(strong) ?? candidates[0];
  // `X, a U.S.-designated terrorist organisation that operates in Syria`: the relative's antecedent.
  if (!best || best.t1 < cue - 16) {
    let rel = cue - 1;
    while (rel > s.t0 && rel >= cue - 3 && !/^(?:that|which|who)$/.test(doc.tokens[rel]?.lower ?? '')) rel--;
    const antecedent = /^(?:that|which|who)$/.test(doc.tokens[rel]?.lower ?? '') ? relativeAntecedent(ctx, rel, kinds) : undefined;
    if (antecedent) best = antecedent;
  }
  // An entry's line with no subject of its own (`Proscribed in 2014.`, `An armed group that ... operates in Syria.`).
  if (!best && ctx.heading && (cue - s.t0 <= 4 || /^\s*(?:an?|the)\s+[^,]*?\b(?:group|network|organi[sz]ation|outfit|movement|front|faction|militia|splinter|offshoot)\b/i.test(ctx.text))) return ctx.heading;
  return best ? appositionHead(ctx, best, candidates) ?? best : undefined;
}

/** The name a relative pronoun at `rel` refers to: `X that`, `X, a ... group that`. */
export function relativeAntecedent(ctx: SentenceContext, rel: number, kinds: Kinds): Mention | undefined {
  const { doc, s } = ctx;
  const direct = ctx.mentions.find((m) => m.t1 === rel || (m.t1 === rel - 1 && doc.tokens[rel - 1]?.text === ','));
  if (direct) return kindOk(direct, kinds) ? direct : undefined;
  // Back over one description (`, a U.S.-designated Foreign Terrorist Organization`) to the name before its comma.
  for (let k = rel - 1; k > Math.max(s.t0, rel - 14); k--) {
    const t = doc.tokens[k] as Token;
    if (t.text === ',') {
      if (!/^(?:a|an|the)$/.test(doc.tokens[k + 1]?.lower ?? '')) return undefined;
      const m = ctx.mentions.find((x) => x.t1 === k);
      return m && kindOk(m, kinds) ? m : undefined;
    }
    // A dot inside an abbreviation (`U.S.-designated`) ends nothing.
    const abbreviation = t.text === '.' && doc.tokens[k - 1]?.end === t.start && (doc.tokens[k - 1]?.text.length ?? 0) === 1;
    if ((/^[;:.()]$/.test(t.text) && !abbreviation) || /^(?:that|which|who|and)$/.test(t.lower)) return undefined;
  }
  return undefined;
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
    // `X (XA) and the Y were proscribed`: the article belongs to the item.
    if (ctx.doc.tokens[i]?.lower === 'the' && /^(?:and|,|&)$/.test(ctx.doc.tokens[i - 1]?.lower ?? '')) i--;
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

/** One name of an enumeration, with the date its own item gives (`X in 2012, Y in 2014`). */
export interface ListItem {
  mention: Mention;
  date: string | null;
}

/** Words that open the names of an enumeration: `including`, `namely`, `:`, `such as`. */
const LIST_OPENERS = new Set(['including', 'namely', 'viz', 'like', ':', 'such', '—', '–']);
/** Nouns that describe the groups of a sublist: `three Al Qaida affiliates: X, Y`. */
const SUBLIST_NOUNS = new Set(['affiliates', 'affiliate', 'offshoots', 'fronts', 'factions', 'wings', 'franchises', 'branches', 'allies', 'proxies', 'associates']);

function isBullet(doc: Doc, i: number): number {
  // `- X`, `• X`, `* X`, `1. X`, `2) X`, `(a) X` at the start of a line: how many tokens the marker takes.
  const t = doc.tokens[i];
  if (!t) return 0;
  const lineStart = i === 0 || doc.text.slice((doc.tokens[i - 1] as Token).end, t.start).includes('\n');
  if (!lineStart) return 0;
  if (/^[-•*–—·▪◦]$/.test(t.text)) return 1;
  const n = doc.tokens[i + 1];
  if ((t.type === 'num' || /^[a-z]$/i.test(t.text)) && n && /^[.)]$/.test(n.text)) return 2;
  if (t.text === '(' && n && doc.tokens[i + 2]?.text === ')' && /^(?:[a-z]|[ivx]+|\d+)$/i.test(n.text)) return 3;
  return 0;
}

/**
 * Names of the wanted kinds right after a cue; with `list`, the whole enumeration: `X, Y and Z`,
 * `X (XA), Y (YA) as well as Z`, `organisations including X, Y`, `three affiliates: X, Y; five
 * affiliates: Z`, bullet and numbered lines, each item with a date of its own when it gives one.
 */
export function rightItems(ctx: SentenceContext, from: number, kinds: Kinds, opts: { max?: number; list?: boolean } = {}): ListItem[] {
  const { doc, s } = ctx;
  const max = opts.max ?? 8;
  const out: ListItem[] = [];
  let i = from;
  let budget = max;
  while (i < s.t1 && budget > 0) {
    const bullet = isBullet(doc, i);
    if (bullet && opts.list) {
      i += bullet;
      continue;
    }
    // `its student wing, X`: a possessive pronoun modifies the name that follows.
    const found = ctx.startsAt.get(i);
    const m = found && !(found.via === 'pronoun' && /^(its|their)$/i.test(found.text)) ? found : undefined;
    // A place as modifier (`Pakistan-based`, `Pakistan's`) is skipped, whatever the rule wants.
    const afterM = m ? doc.tokens[m.t1] : undefined;
    // `the Jamaat's youth wing, X`: a possessor describes the name that follows, whatever its kind.
    if (m && afterM?.lower === "'s" && out.length === 0 && m.kind !== 'place') {
      i = m.t1 + 1;
      budget--;
      continue;
    }
    if (m && m.kind === 'place' && afterM && ((afterM.text === '-' && /(ed|led|run)$/.test(doc.tokens[m.t1 + 1]?.lower ?? '')) || afterM.lower === "'s")) {
      i = m.t1 + 1;
      budget--;
      continue;
    }
    // `three Al Qaida affiliates: X, Y`: the name describes the sublist; the names follow.
    if (m && opts.list && SUBLIST_NOUNS.has(doc.tokens[m.t1]?.lower ?? '') && /^[:—–-]$/.test(doc.tokens[m.t1 + 1]?.text ?? '')) {
      i = m.t1 + 2;
      budget = 6;
      continue;
    }
    if (m) {
      if (kindOk(m, kinds)) {
        const item: ListItem = { mention: m, date: null };
        out.push(item);
        if (!opts.list) return out;
        i = itemTail(ctx, m.t1, item);
        // `X, MAL's chief fundraiser in the Gulf, and Y, a MAL commander`: an apposition describes the item.
        while (doc.tokens[i]?.text === ',' && appositionAt(ctx, i + 1)) i = appositionEnd(ctx, i + 1);
        // `X, Y and Z`, `X; Y`, `X as well as Y`, a new line: anything else ends the list.
        const t = doc.tokens[i];
        const t2 = doc.tokens[i + 1];
        // `from X to Y`: the range names both.
        const first = out[0]?.mention.t0 ?? 0;
        const to = t?.lower === 'to' && out.length === 1 && (doc.tokens[first - 1]?.lower === 'from' || (doc.tokens[first - 1]?.lower === 'the' && doc.tokens[first - 2]?.lower === 'from'));
        if (t && i < s.t1 && (t.text === ',' || t.text === ';' || t.lower === 'and' || t.lower === '&' || t.lower === 'or' || to)) {
          i += (t.text === ',' || t.text === ';') && (t2?.lower === 'and' || t2?.lower === 'or') ? 2 : 1;
          budget = 6;
          continue;
        }
        if (t?.lower === 'as' && t2?.lower === 'well' && doc.tokens[i + 2]?.lower === 'as') {
          i += 3;
          budget = 6;
          continue;
        }
        if (t && isBullet(doc, i)) continue;
        return out;
      }
      // A place as modifier (`Pakistan-based`, `Pakistan's`) may be skipped; anything else ends the search.
      const after = doc.tokens[m.t1];
      if (m.kind === 'place' && after && (after.text === '-' || after.lower === "'s")) {
        i = m.t1 + 1;
        budget--;
        continue;
      }
      // `X, Kerala, Y and Z`: a place between two items of a list says where the one before is.
      if (m.kind === 'place' && opts.list && out.length > 0 && doc.tokens[m.t0 - 1]?.text === ',' && after && (after.text === ',' || after.lower === 'and')) {
        i = m.t1 + (doc.tokens[m.t1 + 1]?.lower === 'and' ? 2 : 1);
        budget = 6;
        continue;
      }
      // `4. Al-Amanat Educational Trust, Hyderabad` then `5. ...`: the place ends its numbered line.
      if (m.kind === 'place' && opts.list && out.length > 0 && doc.tokens[m.t0 - 1]?.text === ',' && isBullet(doc, m.t1) > 0) {
        i = m.t1;
        budget = 6;
        continue;
      }
      return out;
    }
    const t = doc.tokens[i] as Token;
    // `banned three groups on Monday: X, Y`: a date before the names is the statement's, not a name.
    const lead = out.length === 0 && opts.list ? ctx.dates.find((d) => d.start <= t.start && t.start < d.end) : undefined;
    if (lead) {
      while (i < s.t1 && (doc.tokens[i] as Token).start < lead.end) i++;
      budget--;
      continue;
    }
    if (GENERIC_ORG_NOUNS.has(t.lower)) {
      // `a banned organisation involved in ...`: a generic object, not a name.
      let ni = i + 1;
      const dated = opts.list ? ctx.dates.find((d) => d.start === doc.tokens[ni]?.start || (['on', 'in'].includes(doc.tokens[ni]?.lower ?? '') && d.start === doc.tokens[ni + 1]?.start)) : undefined;
      if (dated) while (ni < s.t1 && (doc.tokens[ni] as Token).start < dated.end) ni++;
      const n = doc.tokens[ni];
      // `three militant groups active in its northwest, namely X, Y and Z`: the names after the opener.
      const opener = opts.list && out.length === 0 ? laterOpener(ctx, ni) : -1;
      if (opener >= 0) {
        i = opener;
        continue;
      }
      const named = ctx.startsAt.has(i + 1) || (n && /^['‘’"“”,:–—-]$/.test(n.text)) || ['identified', 'called', 'named', 'known', 'including', 'namely', 'such', 'like'].includes(n?.lower ?? '') ||
        (opts.list && !!n && isBullet(doc, i + 1) > 0);
      if (!named) return out;
    }
    // `six Palestinian organisations, including X`: a nationality describes the groups, it ends nothing.
    const demonym = t.cap && !!gazetteer().demonym(t.text);
    const opener = opts.list && (LIST_OPENERS.has(t.lower) || (t.lower === 'as' && doc.tokens[i - 1]?.lower === 'such'));
    const count = t.type === 'num' && out.length === 0;
    // `the home-grown Kauri Iron Guard and the online network Saxon Pyre`: an article's describing words before a name.
    const described = opts.list ? articleDescription(ctx, i) : -1;
    if (described > i) {
      i = described;
      continue;
    }
    if (!RIGHT_SKIP.has(t.lower) && !GENERIC_ORG_NOUNS.has(t.lower) && !/^[,–—]$/.test(t.text) && !demonym && !opener && !count && !SUBLIST_NOUNS.has(t.lower)) {
      // `the white supremacist paramilitary organisation The Base`: describing words, then the noun, then the name.
      const noun = out.length === 0 ? describedName(ctx, i) : -1;
      if (noun < 0) return out;
      // Always move on: a describing noun no rule skips (`the suborganization X`) is passed over here.
      i = noun > i ? noun : i + 1;
      continue;
    }
    // A comma after the cue's own words ends it, unless it opens an apposition naming them (`two groups, X and Y`).
    if (t.text === ',' && out.length === 0 && i > from + 1 && !GENERIC_ORG_NOUNS.has(doc.tokens[i - 1]?.lower ?? '') && !SUBLIST_NOUNS.has(doc.tokens[i - 1]?.lower ?? '')) return out;
    i++;
    budget--;
  }
  return out;
}

/**
 * After an article, one or two describing words (`home-grown`, `online`; no verb form) and then a
 * name or a group noun: where that name or noun starts; else -1.
 */
function articleDescription(ctx: SentenceContext, i: number): number {
  const { doc, s } = ctx;
  if (!/^(?:the|a|an)$/.test(doc.tokens[i - 1]?.lower ?? '')) return -1;
  for (let k = i; k < Math.min(s.t1, i + 3); k++) {
    const w = doc.tokens[k] as Token;
    if (ctx.startsAt.has(k) || GENERIC_ORG_NOUNS.has(w.lower)) return k > i ? k : -1;
    // `the entry of PTM leader X`: a preposition or another small word ends any description.
    if (w.type !== 'word' || w.cap || FUNCTION_WORDS.has(w.lower)) return -1;
    // `and the arrested X`, `the banning Y`: a verb form is no description here (`home-grown` is).
    if (!/-/.test(w.text) && /(?:ed|ing)$/.test(w.lower)) return -1;
  }
  return -1;
}

/** `, a MAL commander`, `, MAL's chief fundraiser`: words describing the item before, not a new item. */
function appositionAt(ctx: SentenceContext, k: number): boolean {
  const t = ctx.doc.tokens[k];
  if (!t || k >= ctx.s.t1) return false;
  if (t.lower === 'a' || t.lower === 'an') return true;
  const m = ctx.startsAt.get(k);
  return !!m && ctx.doc.tokens[m.t1]?.lower === "'s" && ctx.doc.tokens[m.t1 + 1]?.type === 'word' && !ctx.doc.tokens[m.t1 + 1]?.cap;
}

/** Where an apposition from `k` ends: its closing comma or semicolon, or the sentence's end. */
function appositionEnd(ctx: SentenceContext, k: number): number {
  let depth = 0;
  for (let i = k; i < ctx.s.t1; i++) {
    const t = ctx.doc.tokens[i] as Token;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (t.text === ',' || t.text === ';')) return i;
  }
  return ctx.s.t1;
}

/** `..., namely`, `including`, `:` within a few words of a generic noun, with no name or clause end between. */
function laterOpener(ctx: SentenceContext, from: number): number {
  const { doc, s } = ctx;
  for (let k = from; k < Math.min(s.t1, from + 22); k++) {
    const w = doc.tokens[k] as Token;
    if (w.lower === 'namely' || w.lower === 'including' || w.text === ':' || (w.lower === 'such' && doc.tokens[k + 1]?.lower === 'as')) return w.lower === 'such' ? k + 2 : k + 1;
    // `among them X and Y`, `from X to Y`.
    if (w.lower === 'among' && /^(?:them|which|whom|those)$/.test(doc.tokens[k + 1]?.lower ?? '')) return k + 2;
    if (w.lower === 'from' && ctx.startsAt.has(k + 1 + (doc.tokens[k + 1]?.lower === 'the' ? 1 : 0))) return k + 1;
    const m = ctx.startsAt.get(k);
    // `four entities as terrorist entities under the Criminal Code:`: a statute or a body on the way is no name of the list.
    if (m && (m.kind === 'law' || m.kind === 'authority')) {
      k = m.t1 - 1;
      continue;
    }
    if (m || /^[.;]$/.test(w.text) || /^(?:is|are|was|were|has|have|had|said|says|will|would)$/.test(w.lower)) return -1;
  }
  return -1;
}

/** Nouns a described name may follow: `its humanitarian arm, X`. */
const DESCRIBED_NOUNS = new Set(['arm', 'wing', 'affiliate', 'faction', 'front', 'offshoot', 'splinter', 'branch', 'franchise', 'charity', 'successor', 'suborganization', 'suborganisation', 'sub-organization', 'sub-organisation', 'subsidiary', 'chapter']);

/** Index of a generic noun right before a name, reached over at most five lower-case describing words from `i`; else -1. */
function describedName(ctx: SentenceContext, i: number): number {
  const { doc, s } = ctx;
  for (let k = i; k < Math.min(s.t1, i + 6); k++) {
    const w = doc.tokens[k] as Token;
    if (GENERIC_ORG_NOUNS.has(w.lower) || DESCRIBED_NOUNS.has(w.lower)) {
      const n = doc.tokens[k + 1];
      // `three additional entities as terrorist entities under the Criminal Code, namely X`: the names come after the opener.
      return ctx.startsAt.has(k + 1) || (n && /^['‘"“,]$/.test(n.text) && ctx.startsAt.has(k + 2)) || laterOpener(ctx, k + 1) >= 0 ? k : -1;
    }
    if (w.type !== 'word' || w.cap || ctx.startsAt.has(k)) return -1;
  }
  return -1;
}

/**
 * What may follow a name inside its item before the separator: its acronym in parentheses, a
 * parenthesis or a date of its own (`X (banned in 2012)`, `X in 2014`). Returns where the item ends.
 */
function itemTail(ctx: SentenceContext, from: number, item: ListItem): number {
  const { doc, s } = ctx;
  let i = from;
  for (let guard = 0; guard < 6 && i < s.t1; guard++) {
    const t = doc.tokens[i] as Token;
    if (t.text === '(') {
      let k = i + 1;
      while (k < s.t1 && k - i <= 14 && doc.tokens[k]?.text !== ')') k++;
      if (doc.tokens[k]?.text !== ')') return i;
      const inner = ctx.mentions.filter((x) => x.t0 > i && x.t1 <= k);
      // A parenthesis that names another group is no tail of this one.
      if (inner.some((x) => x.kind === 'organisation' && !x.acronym && x.entity !== item.mention.entity)) return i;
      const d = ctx.dates.find((x) => x.start >= t.end && x.end <= (doc.tokens[k] as Token).start);
      if (d && !item.date) item.date = d.value;
      i = k + 1;
      continue;
    }
    // `X, also spelt Y, with effect from ...`: another name of the item is part of the item.
    const aka = t.text === ',' ? /^\s*(?:also\s+(?:known\s+as|spelt|spelled|called)|a\.k\.a\.?|aka|formerly(?:\s+known\s+as)?)\s+/i.exec(doc.text.slice(t.end, t.end + 30)) : null;
    const other = aka ? ctx.mentions.find((x) => x.start === t.end + aka[0].length) : undefined;
    if (other && /^[,;]$/.test(doc.tokens[other.t1]?.text ?? '')) {
      i = other.t1;
      continue;
    }
    // `X, proscribed in 2019, and Y, added in 2020`: a participle with the item's own date.
    const dated = t.text === ',' ? /^\s*(?:first\s+|later\s+|originally\s+)?(?:proscribed|banned|listed|designated|added|outlawed|notified|declared)(?:\s+(?:unlawful|illegal|an?\s+unlawful\s+association|an?\s+terrorist\s+\w+))?\s+(?:in|on|since)\s+/i.exec(doc.text.slice(t.end, t.end + 60)) : null;
    const own = dated ? ctx.dates.find((x) => x.start >= t.end + dated[0].length - 4 && x.start <= t.end + dated[0].length + 1) : undefined;
    if (own) {
      if (!item.date) item.date = own.value;
      while (i < s.t1 && (doc.tokens[i] as Token).start < own.end) i++;
      continue;
    }
    // `X, with effect from 16th March, 2026;`: an item's own effective date after a comma.
    if (t.text === ',' && /^\s*(?:with\s+(?:immediate\s+)?effect\s+from|effective(?:\s+from)?|w\.e\.f\.?)\s/i.test(doc.text.slice(t.end, t.end + 30))) {
      const eff = ctx.dates.find((x) => x.start > t.end && x.start - t.end < 30);
      if (eff) {
        if (!item.date) item.date = eff.value;
        while (i < s.t1 && (doc.tokens[i] as Token).start < eff.end) i++;
        continue;
      }
    }
    // `1. X (XA) – 03-03-2025`: a date after a dash is the item's.
    if (/^[–—-]$/.test(t.text)) {
      const after = ctx.dates.find((x) => x.start === doc.tokens[i + 1]?.start);
      if (after) {
        if (!item.date) item.date = after.value;
        i++;
        while (i < s.t1 && (doc.tokens[i] as Token).start < after.end) i++;
        continue;
      }
    }
    // `X in 2014`, `X on March 3, 2015`, `X, banned in 2012,`: a date right after the name dates the item.
    const d = ctx.dates.find((x) => x.start <= t.start && t.start < x.end) ??
      (['in', 'on', 'since', 'from'].includes(t.lower) ? ctx.dates.find((x) => x.start === doc.tokens[i + 1]?.start) : undefined);
    if (d) {
      if (!item.date) item.date = d.value;
      while (i < s.t1 && (doc.tokens[i] as Token).start < d.end) i++;
      continue;
    }
    return i;
  }
  return i;
}

/** Names of the wanted kinds right after a cue; with `list`, a coordination `X, Y and Z`. */
export function rightObjects(ctx: SentenceContext, from: number, kinds: Kinds, opts: { max?: number; list?: boolean } = {}): Mention[] {
  return rightItems(ctx, from, kinds, opts).map((x) => x.mention);
}

/**
 * The date nearest a statement in its sentence, preferring one after it (`banned in December
 * 2016`); `span` covers the cue and its arguments. A date far away belongs to another clause.
 */
export function dateNear(ctx: SentenceContext, span: Span, reach = 90, event: 'ban' | 'founded' = 'ban', cue: Span = span): string | null {
  let best: DateMention | undefined;
  let bestScore = Infinity;
  const own = event === 'founded' ? ctx.dates.filter((d) => !reportingDate(ctx, d, span)) : ctx.dates.filter((d) => !foreignDate(ctx, d, span, cue));
  for (const d of own) {
    const distance = d.start >= span.end ? d.start - span.end : d.end <= span.start ? (span.start - d.end) * 1.5 : 0;
    if (distance > reach) continue;
    if (distance < bestScore) {
      bestScore = distance;
      best = d;
    }
  }
  // `Norway has formally listed X -- with a long description between -- as a terrorist entity on Friday`:
  // the sentence's one date dates its one statement, however far the words carry it.
  if (!best && event === 'ban' && own.length === 1 && ctx.dates.length === 1 && !/;/.test(ctx.text)) best = own[0];
  return best?.value ?? null;
}

/** `..., the interior ministry said on Monday`: the day it was said, not the day of the act. */
function reportingDate(ctx: SentenceContext, d: DateMention, span: Span): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 30), d.start);
  return /\b(?:said|told|says|added|stated|announced|confirmed|reported)\s*(?:on\s*)?$/i.test(before) && d.start > span.end;
}

/** A date that belongs to another event of the sentence: `X, founded in 2010, was banned`. */
function foreignDate(ctx: SentenceContext, d: DateMention, span: Span, cue: Span): boolean {
  // `The listing of X, first made in 2017, lapsed`: the apposition dates the listing, not its end.
  if (/\b(?:first\s+)?(?:made|imposed|introduced|in\s+force\s+since|dating\s+from)\s*(?:in|on|from)?\s*$/i.test(ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 30), d.start))) return true;
  if (d.start >= cue.start && d.end <= cue.end) return false;
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 30), d.start);
  if (reportingDate(ctx, d, span)) return true;
  if (/\b(?:founded|formed|established|created|launched|set\s+up|born|killed|arrested|died|emerged|attack(?:ed)?)\b[^,.;()]*$/i.test(before)) return true;
  // `the court on Tuesday upheld the ministry's ban on X`: the day of a ruling on a ban is not the ban's.
  if (d.end <= cue.start && /^\s*(?:,\s*)?(?:upheld|upholds|uphold|confirmed|rejected|dismissed|challenged|ruled|heard|struck)\b/i.test(ctx.doc.text.slice(d.end, d.end + 20))) return true;
  // `Today's action builds on the designation of X ... on August 11`: a possessive date dates its
  // own noun, the statement only when that noun is the cue (`Friday's ban on X`).
  const possessive = /^['’]s\s+(?:[\w-]+\s+){0,2}?/.exec(ctx.doc.text.slice(d.end, d.end + 40));
  if (possessive && !(cue.start >= d.end && cue.start <= d.end + possessive[0].length)) return true;
  // `the March 2025 bombing`, `the 2019 elections`: a date that names an event of its own.
  if (/^\s*(?:bomb(?:ing|ings)?|attacks?|blasts?|raids?|massacres?|killings?|assassinations?|elections?|polls?|riots?|protests?|clashes|uprising|insurgency|operations?|offensive|war|ceasefire|talks|visit|summit|budget)\b/i.test(ctx.doc.text.slice(d.end, d.end + 16))) return true;
  // `X and Y, a commander who directed the 2025 bombing`: a relative clause after the statement
  // that does not itself ban has a date of its own.
  if (d.start >= cue.end) {
    const between = ctx.doc.text.slice(cue.end, d.start);
    const relative = /(?:\bwho|\bwhose|,\s*(?:which|that|when|where)|\b(?:that|which)(?=\s+(?:has|have|had|is|are|was|were)\b))\b(?![\s\S]*\b(?:who|whose|which|that)\b)([\s\S]*)$/i.exec(between);
    // A clause closed by its comma (`X, which also used the name Y, in September 2023`) gives the date back to the main clause.
    if (relative && !/,/.test(relative[1] ?? '') && !/\b(?:banned|proscribed|outlawed|designated|listed|declared|notified|added|delisted|removed|lifted|revoked|effective|effect|force)\b/i.test(relative[1] ?? '')) return true;
  }
  // `X, proscribed on 4th January, 2024, has been removed ... today`: a date another verb of the
  // sentence governs belongs to that verb's event.
  const verb = /\b(?:banned|proscribed|outlawed|designated|listed|declared|removed|lifted|revoked|delisted|de-?proscribed|renamed|notified|added)\s+(?:(?:again\s+)?(?:on|in|since|from|during|effective|with\s+effect\s+from)\s+)?$/.exec(before);
  if (!verb) return false;
  const at = d.start - before.length + verb.index;
  return at < cue.start || at >= cue.end;
}

const NEGATION = /(?:\b(?:not|never|no longer|refused to|declined to|yet to)|n['’]t)(?:\s+[\w-]+){0,4}\s*$/i;

export function negated(ctx: SentenceContext, cueStart: number): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cueStart - 50), cueStart);
  // Only within the clause: `not X, but Y was banned` negates X alone.
  const clause = before.split(/[,;:]|\bbut\b/).pop() ?? before;
  return NEGATION.test(clause);
}

const INTENT = /\b(will|would|shall|should|ought to|whether|to be|plans? to|planning to|intends? to|intending to|set to|moves? to|move to|draft|proposed(?!\s+by)|proposal to|seeks? to|seeking to|recommend(?:s|ed)?|considering|mulls?|could|might|wants? to|asked .{0,30} to|laid (?:an?|the) (?:draft )?order\b[^.;]{0,40}?\b(?:to|which|that)|order (?:which|that) will|spoke (?:\w+ ){0,3}?of|talked (?:\w+ ){0,3}?of|talk of|calls? for|called for|demand(?:s|ed)?|urg(?:es|ed)|threaten(?:s|ed)? to)\b/i;
/** The modal `may`, not the month (`In May it had banned ...`). */
const MAY = /\bmay\b/;

export function hedgedIntent(ctx: SentenceContext, cueStart: number): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cueStart - 45), cueStart);
  return INTENT.test(before) || MAY.test(before);
}

/** Only the future of a decision taken (`will be banned from Thursday`, `an order which will proscribe`), no hedge. */
const SCHEDULED_ONLY = /^(?:will|shall|laid (?:an?|the) (?:draft )?order\b[^.;]{0,40}?\b(?:to|which|that)|order (?:which|that) will)$/i;

/**
 * The day a ban already decided takes effect, when the words before the cue only put it in the
 * future (`will be banned from Thursday`, `an order which will, from tomorrow, ...`): a date in
 * the sentence on or after the document's. Null for a hedge (`plans to`, `may`, `considering`).
 */
export function scheduledDate(ctx: SentenceContext, cueStart: number): string | null {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cueStart - 45), cueStart);
  const found = INTENT.exec(before);
  if (!found || MAY.test(before) || !SCHEDULED_ONLY.test(found[1] ?? '')) return null;
  // `the minister laid an order today`: the day the order was laid is not the day it takes effect.
  const laid = (d: DateMention): boolean => /\blaid\b/i.test(ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 25), Math.min(ctx.s.end, d.end + 12)));
  // `will be banned, the Home Secretary announced today`: the day it was said is not the day it takes effect.
  const said = (d: DateMention): boolean => /\b(?:said|told|says|added|stated|announced|confirmed|reported)\s*(?:on\s*)?$/i.test(ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 30), d.start));
  const future = ctx.dates.filter((d) => !d.value.includes('/') && d.value.length === 10 && d.value >= ctx.doc.date && !laid(d) && !said(d));
  if (future.length === 1) return (future[0] as DateMention).value;
  if (future.length > 1) return null;
  // `... laid an order to ban X. It comes into force on Friday.`
  for (const d of ctx.allDates) {
    if (d.sentence <= ctx.s.index || d.sentence > ctx.s.index + 2 || d.value.length !== 10 || d.value < ctx.doc.date) continue;
    const lead = ctx.doc.text.slice(Math.max(0, d.start - 40), d.start);
    if (/\b(?:come|comes|coming)\s+into\s+(?:force|effect)\s*(?:on|from)?\s*$|\btakes?\s+effect\s*(?:on|from)?\s*$|^\s*$/i.test(lead) || /^from\b/i.test(d.text)) return d.value;
  }
  return null;
}

/**
 * `X has been declared a terrorist entity. The declaration was published in the Gazette on
 * Monday`: the instrument's day in the next sentences dates a ban the lead left undated.
 */
export function followingInstrumentDate(ctx: SentenceContext): string | null {
  for (const d of ctx.allDates) {
    if (d.sentence <= ctx.s.index || d.sentence > ctx.s.index + 2) continue;
    const sentence = ctx.doc.sentences[d.sentence];
    const before = ctx.doc.text.slice(Math.max(sentence?.start ?? 0, d.start - 80), d.start);
    if (/\b(?:gazette|notification|notified|notice|order|declaration|designations?|listings?|proscription|ban)\b[^.;]*\b(?:published|issued|gazetted|signed|notified|dated|came|took)\b[^.;]*$/i.test(before) ||
      /\b(?:took|takes|came|comes)\s+(?:into\s+)?(?:effect|force)\s+(?:on|from)?\s*$/i.test(before) ||
      /\b(?:take|takes|took)\s+effect\b[^.;]*\b(?:scheduled\s+for|on)\s*$/i.test(before)) return d.value;
  }
  return null;
}

/** `has proscribed`, `have been banned`, `bans`: news reporting what happened on its own date. */
export function presentTense(ctx: SentenceContext, cue: Span, word: string): boolean {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cue.start - 40), cue.start).toLowerCase();
  // `already proscribed`, `an order that bans X`: a standing state, not today's act.
  if (/\balready\b/.test(before) || /\b(?:that|which)\s+(?:\w+ly\s+)?$/.test(before)) return false;
  if (/\b(has|have)\s+(?:\w+ly\s+|also\s+|now\s+)*(?:been\s+)?(?:\w+ly\s+)?$/.test(before)) return true;
  // `the Department of State is designating X`: an act in progress on the article's day.
  if (/ing$/.test(word) && /\b(?:is|are)\s+(?:now\s+|also\s+|today\s+)?$/.test(before)) return true;
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
