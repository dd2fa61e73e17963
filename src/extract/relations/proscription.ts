/**
 * `proscribed` and `delisted`. Voice decides where the organisation is: after an active verb
 * (`the ministry has proscribed X`), before a passive one (`X was banned`, `X proscribed by the
 * ministry`), after a fronted participle (`Banned in 2016, X is ...`), after a modifier
 * (`outlawed X`: weak), or in a status apposition (`X, a proscribed organisation`).
 * Lifting cues are read first so that the `ban` inside `lifted the ban on X` is not a ban.
 */
import type { Token } from '../text/tokenize.js';
import type { Span } from '../types.js';
import {
  cover, dateNear, hedgedIntent, leftList, leftSubject, matches, negated, ORG, presentTense, rightObjects, tokenIndex,
  type Proposal, type SentenceContext,
} from './context.js';
import type { Mention } from '../mentions/mention.js';
import { governingPreposition } from '../mentions/position.js';

const VERB = /\b(proscrib(?:e|es|ed|ing)|ban(?:s|ned|ning)?|outlaw(?:s|ed|ing)?|designat(?:e|es|ed|ing)|blacklist(?:s|ed|ing)?|list(?:s|ed|ing)?|declar(?:e|es|ed|ing)|notif(?:y|ies|ied))\b/gi;
const LIST_CONTEXT = /terror|proscri|banned|schedule|sanction|unlawful|\bFTO\b|SDGT|extremist|outlaw/i;
const STATUS = /^(?:proscribed|banned|terrorist|unlawful|outlawed|illegal|extremist)\b/i;
const ADD_TO_LIST = /\b(?:add(?:s|ed|ing)?|includ(?:e|es|ed|ing)|put(?:s|ting)?|plac(?:e|es|ed|ing))\b(.{0,90}?)\b(?:to|in|on|into|under)\s+(?:its|the|their|a)\s+(?:[\w-]+\s+){0,2}?(?:(?:list|schedule|roster)\s+of\s+(?:proscribed|banned|terrorist|outlawed|designated)|(?:first|1st)\s+schedule|proscribed\s+list|terror(?:ist)?\s+list|(?:banned|proscribed)\s+(?:outfits|organi[sz]ations|groups)['’]?\s+list|(list)\b)/gi;
const NOMINAL = /\b(?:bans?|proscriptions?|designations?|outlawing)\s+(?:on|of|against)\b/gi;
const LIFT = /\b(?:lift(?:s|ed|ing)?|revok(?:e|es|ed|ing)|withdr(?:aw|ew|awn|awing|aws)|remov(?:e|es|ed|ing)|quash(?:es|ed|ing)?|set(?:s|ting)?\s+aside|rescind(?:s|ed|ing)?|overturn(?:s|ed|ing)?|end(?:s|ed|ing)?|revocation\s+of|lifting\s+of|removal\s+of|withdrawal\s+of)\s+(?:of\s+)?(?:the\s+|a\s+|its\s+)?(?:\w+\s+){0,2}?(?:ban|proscription|designation|listing)(?:\s+(?:on|of|against)\b)?/gi;
const LIFTED_PASSIVE = /\b(?:ban|proscription|designation|listing)\b(.{0,80}?)\b(?:was|has been|had been|is|were|have been|being)\s+(?:formally\s+|officially\s+|later\s+)?(?:lifted|revoked|withdrawn|removed|quashed|set aside|rescinded|overturned|ended)\b/gi;
const DELIST_VERB = /\b(de-?proscrib(?:e|es|ed|ing)|de-?list(?:s|ed|ing)?|unbann(?:ed|ing)|de-?notif(?:y|ies|ied))\b/gi;
const REMOVE_FROM = /\bremov(?:e|es|ed|ing)\b(.{0,80}?)\bfrom\s+(?:the|its|their)\s+(?:list|first schedule|schedule|terror(?:ist)? list|proscribed list)/gi;
const NO_LONGER = /\bno\s+longer\s+(?:a\s+)?(?:proscribed|banned|listed|designated|outlawed)\b/gi;

const CONNECTORS = new Set([',', 'is', 'was', 'are', 'were', 'as', 'a', 'an', 'the', 'now', 'also', 'already', 'formally', 'officially', 'been', 'has', 'have', 'being', 'be', '‘', '’', "'", '"', '“', '”', '(', 'declared', 'remains', 'remain', 'became']);
/** Words after which a participle modifies a noun (`of outlawed X`) rather than heading a verb phrase. */
const MODIFIER_PREV = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'of', 'for', 'with', 'against', 'on', 'by', 'from', 'to', 'and', 'or', 'into', 'among', 'other', 'two', 'three', 'several', 'many', 'all', 'some', 'another', 'as', 'in', 'about', 'like', 'including']);
const BE = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being', "'s"]);
const ADVERBS = new Set(['formally', 'officially', 'also', 'now', 'already', 'today', 'recently', 'finally', 'earlier', 'later', 'again', 'subsequently', 'effectively', 'on', 'first', 'initially', 'originally', 'previously', 'once']);

function participle(word: string): boolean {
  return /(ed|nned)$/i.test(word);
}

/** Only connectors stand between `m` and token `cue`: `X is a`, `X, a`, `X as a`. */
function attached(ctx: SentenceContext, m: Mention, cue: number): boolean {
  for (let i = m.t1; i < cue; i++) {
    const t = ctx.doc.tokens[i] as Token;
    if (!CONNECTORS.has(t.lower) && !(t.type === 'word' && /ly$/.test(t.lower))) return false;
  }
  return cue - m.t1 <= 8;
}

function inside(spans: Span[], offset: number): boolean {
  return spans.some((s) => s.start <= offset && offset < s.end);
}

export function delistings(ctx: SentenceContext, out: Proposal[]): Span[] {
  const used: Span[] = [];
  const push = (subject: Mention | undefined, cue: Span, rule: string, base: number): void => {
    used.push(cue);
    // `the commission will also denotify X`: a lifting announced for later is no lifting yet.
    if (!subject || negated(ctx, cue.start) || hedgedIntent(ctx, cue.start)) return;
    out.push({ subject, predicate: 'delisted', object: null, date: dateNear(ctx, cover(cue, subject)) ?? instrumentDate(ctx), rule, base, cue });
  };
  for (const { start, end } of matches(ctx, LIFT)) {
    const t = tokenIndex(ctx, end);
    const objects = rightObjects(ctx, t, ORG, { list: true });
    if (objects.length === 0) push(leftSubject(ctx, tokenIndex(ctx, start), ORG), { start, end }, 'delisted.lift', 0.8);
    for (const o of objects) push(o, { start, end }, 'delisted.lift', 0.85);
  }
  for (const { m, start, end } of matches(ctx, LIFTED_PASSIVE)) {
    if (inside(used, start)) continue;
    const inner = ctx.mentions.filter((x) => x.start >= start + (m[0].length - (m[1] ?? '').length - m[0].length) && x.start >= start && x.end <= end);
    const subject = inner[0] ?? leftSubject(ctx, tokenIndex(ctx, start), ORG);
    push(subject, { start, end }, 'delisted.passive', 0.8);
  }
  for (const { start, end } of matches(ctx, REMOVE_FROM)) {
    const inner = ctx.mentions.filter((x) => x.start >= start && x.end <= end && ORG.includes(x.kind));
    for (const o of inner) push(o, { start, end }, 'delisted.removed', 0.85);
  }
  for (const { start, end } of matches(ctx, NO_LONGER)) push(leftSubject(ctx, tokenIndex(ctx, start), ORG), { start, end }, 'delisted.no-longer', 0.7);
  for (const { m, start, end } of matches(ctx, DELIST_VERB)) {
    const c = tokenIndex(ctx, start);
    const passive = BE.has(ctx.doc.tokens[c - 1]?.lower ?? '') || participle(m[1] ?? '') && !!ctx.mentions.find((x) => x.t1 === c);
    const subjects = passive ? [leftSubject(ctx, c, ORG)] : rightObjects(ctx, c + 1, ORG, { list: true });
    for (const s of subjects) push(s, { start, end }, passive ? 'delisted.passive' : 'delisted.active', 0.85);
  }
  return used;
}

export function proscriptions(ctx: SentenceContext, out: Proposal[], lifted: Span[]): void {
  const { doc, s } = ctx;
  const emit = (subject: Mention | undefined, cue: Span, rule: string, base: number, opts: { date?: boolean; word?: string } = {}): void => {
    if (!subject || negated(ctx, cue.start)) return;
    let date = opts.date === false ? null : dateNear(ctx, cover(cue, subject)) ?? instrumentDate(ctx);
    let assumed = false;
    if (date === null && opts.date !== false && (presentTense(ctx, cue, opts.word ?? '') || ctx.headline)) {
      date = doc.date;
      assumed = true;
    }
    const intent = hedgedIntent(ctx, cue.start);
    out.push({
      subject, predicate: 'proscribed', object: null, date: intent ? null : date, dateAssumed: assumed && !intent,
      rule: intent ? `${rule}.intent` : rule, base: intent ? base * 0.6 : base, cue,
    });
  };

  for (const { m, start, end } of matches(ctx, ADD_TO_LIST)) {
    if (inside(lifted, start)) continue;
    // A bare `the list` counts only where the sentence says what list it is.
    if (m[2] && !LIST_CONTEXT.test(ctx.text) && !ctx.banList) continue;
    let inner = ctx.mentions.filter((x) => x.start > start && x.end < end && ORG.includes(x.kind));
    const c = tokenIndex(ctx, start);
    // `X and Y were added to the list`.
    if (inner.length === 0 && BE.has(doc.tokens[c - 1]?.lower ?? '')) {
      const subject = passiveSubject(ctx, c - 1);
      inner = subject ? leftList(ctx, subject, ORG) : [];
    }
    // `placed 13 new groups on the list, including four ...: X, Y and Z`: the names follow the count.
    if (inner.length === 0) {
      const rest = doc.text.slice(end, s.end);
      const intro = /(?:,\s*including\b[^:]{0,80}:|\bincluding\b|:)/i.exec(rest);
      if (intro) inner = rightObjects(ctx, tokenIndex(ctx, end + intro.index + intro[0].length), ORG, { list: true, max: 12 });
    }
    for (const o of inner) emit(o, { start, end }, 'proscribed.added-to-list', 0.85, { word: 'added' });
  }
  for (const { start, end } of matches(ctx, NOMINAL)) {
    if (inside(lifted, start)) continue;
    const objects = rightObjects(ctx, tokenIndex(ctx, end), ORG, { list: true });
    for (const o of objects) emit(o, { start, end }, 'proscribed.nominal', 0.6);
  }

  for (const { m, start, end } of matches(ctx, VERB)) {
    if (inside(lifted, start)) continue;
    const word = (m[1] ?? '').toLowerCase();
    const c = tokenIndex(ctx, start);
    const cue = { start, end };
    if (/^(list|designat|notif)/.test(word) && !LIST_CONTEXT.test(ctx.text.replace(m[0], ''))) continue;
    if (/^(declar|notif)/.test(word)) {
      declared(ctx, c, cue, word, emit);
      continue;
    }
    // Effective previous token, skipping adverbs and dates (`The ministry Thursday banned`).
    let p = c - 1;
    while (p >= s.t0) {
      const t = doc.tokens[p] as Token;
      const isDate = ctx.dates.some((d) => d.start <= t.start && t.end <= d.end);
      if (ADVERBS.has(t.lower) || isDate || (/ly$/.test(t.lower) && t.type === 'word' && !t.cap)) p--;
      else break;
    }
    const prev = doc.tokens[p];
    const isParticiple = participle(word);
    const after = ctx.doc.text.slice(end, Math.min(s.end, end + 40));

    // Fronted participle: `Banned in December 2016, X is ...`.
    if (isParticiple && p < s.t0 + (doc.tokens[s.t0]?.type === 'punct' ? 1 : 0)) {
      const comma = ctx.mentions.find((x) => x.start > end && ORG.includes(x.kind) && doc.text.slice(end, x.start).includes(','));
      emit(comma, cue, 'proscribed.fronted', 0.85);
      continue;
    }
    // Passive or reduced relative: `X was banned`, `X proscribed by the ministry in 2016`, `X, banned in 2016,`.
    const reduced = ctx.mentions.find((x) => (x.t1 === p + 1 || (prev?.text === ',' && x.t1 === p)) && ORG.includes(x.kind));
    if (isParticiple && prev && (BE.has(prev.lower) || (reduced && /^\s*(by|in|on|under|since|last|earlier|as\s+(?:a|an|the)\s)/i.test(after)))) {
      const subject = reduced ?? passiveSubject(ctx, p);
      const all = subject && BE.has(prev.lower) ? leftList(ctx, subject, ORG) : [subject];
      for (const x of all) emit(x, cue, 'proscribed.passive', 0.85, { word });
      continue;
    }
    // `with the banning of X`: a nominal use, weaker and dated only by a date right at it.
    if (/ing$/.test(word) && prev && MODIFIER_PREV.has(prev.lower) && doc.tokens[c + 1]?.lower === 'of') {
      for (const o of rightObjects(ctx, c + 2, ORG, { list: true })) emit(o, cover(cue, o), 'proscribed.nominal', 0.6, { date: false });
      continue;
    }
    if (isParticiple && (!prev || MODIFIER_PREV.has(prev.lower) || prev.type === 'punct')) {
      // Modifier before a name: `outlawed Ansar-ul-Hussain`, `the banned outfit X` (weak, undated).
      const named = rightObjects(ctx, c + 1, ORG, { max: 4 });
      if (named.length > 0 && /^\s*(?:['‘’"“]|\s*(?:outfit|group|organi[sz]ation|terror|militant|party)\b|\s*\p{Lu})/u.test(after)) {
        for (const o of named) emit(o, cue, 'proscribed.modifier', 0.55, { date: false });
        continue;
      }
      // Status apposition: `X, a proscribed terrorist organisation`, `X as a banned outfit`.
      const subject = leftSubject(ctx, c, ORG, 12);
      if (subject && attached(ctx, subject, c)) emit(subject, cue, 'proscribed.status', 0.75, { date: false });
      continue;
    }
    // Active: `the ministry has proscribed a group identified as X`, `banned X and Y`.
    const objects = rightObjects(ctx, c + 1, ORG, { list: true, max: 10 });
    for (const o of objects) emit(o, cue, 'proscribed.active', 0.9, { word });
  }
}

/** `... according to a notification issued by the ministry on Monday`: the instrument's date dates the act. */
function instrumentDate(ctx: SentenceContext): string | null {
  for (const d of ctx.dates) {
    const before = ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 70), d.start);
    if (/\b(?:notification|order|gazette|notice|statement|circular)\b[^.;]*$/i.test(before)) return d.value;
  }
  return null;
}

/**
 * Subject of a passive whose auxiliary chain ends at token `p`: the name before it, unless a
 * relative pronoun intervenes (`the organisations that were banned`: a generic noun, no name).
 */
function passiveSubject(ctx: SentenceContext, p: number): Mention | undefined {
  let i = p;
  while (i > ctx.s.t0 && /^(was|were|is|are|been|be|being|has|have|had|also|formally|officially|later|already|not|first|initially|originally|previously|once)$/.test(ctx.doc.tokens[i]?.lower ?? '')) i--;
  const t = ctx.doc.tokens[i];
  // `after the Iron Column was proscribed`: the name right before the auxiliary, even in a subordinate clause.
  const adjacent = ctx.mentions.find((m) => m.t1 === i + 1 && ORG.includes(m.kind));
  if (adjacent) return adjacent;
  if (t && /^(that|which|who)$/.test(t.lower)) {
    const before = ctx.mentions.find((m) => m.t1 === i || (ctx.doc.tokens[i - 1]?.text === ',' && m.t1 === i - 1));
    return before && ORG.includes(before.kind) && governingPreposition(ctx.doc, before.t0, ctx.s.t0) === null ? before : undefined;
  }
  return leftSubject(ctx, p + 1, ORG);
}

/** `declared X (as) a proscribed organisation`, `X was declared a terrorist outfit`, `X formally declared proscribed outfit`. */
function declared(
  ctx: SentenceContext, c: number, cue: Span, word: string,
  emit: (m: Mention | undefined, cue: Span, rule: string, base: number, opts?: { date?: boolean; word?: string }) => void,
): void {
  const { doc } = ctx;
  const rest = doc.text.slice(cue.end, Math.min(ctx.s.end, cue.end + 140));
  const status = /\b(?:as\s+)?(?:an?\s+|the\s+)?(?:['‘"“]?)(proscribed|banned|terrorist|unlawful|outlawed|illegal|extremist)\b/i.exec(rest);
  if (!status) return;
  const statusStart = cue.end + status.index;
  // `declared X, an offshoot of Y, a terrorist organisation`: the names the verb governs, not those of an apposition.
  const first = ctx.mentions.find((x) => x.start >= cue.end && x.end <= statusStart && ORG.includes(x.kind));
  const between = first ? rightObjects(ctx, first.t0, ORG, { list: true }).filter((x) => x.end <= statusStart) : [];
  if (between.length > 0) {
    for (const o of between) emit(o, cue, 'proscribed.declared', 0.9, { word });
    return;
  }
  if (STATUS.test(rest.trimStart()) || /^\s*(?:as\s+)?an?\s/i.test(rest)) {
    const subject = leftSubject(ctx, c, ORG, 12);
    for (const x of subject ? leftList(ctx, subject, ORG) : []) emit(x, cue, 'proscribed.declared', 0.85, { word });
  }
}
