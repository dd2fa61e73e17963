/**
 * `proscribed` and `delisted`. Voice decides where the organisation is: after an active verb
 * (`the ministry has proscribed X`), before a passive one (`X was banned`, `X proscribed by the
 * ministry`), after a fronted participle (`Banned in 2016, X is ...`), after a modifier
 * (`outlawed X`: weak), or in a status apposition (`X, a proscribed organisation`).
 * Lifting cues are read first so that the `ban` inside `lifted the ban on X` is not a ban.
 */
import type { Token } from '../text/tokenize.js';
import { GENERIC_ORG_NOUNS } from '../lexicon/words.js';
import { addDays } from '../dates/calendar.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import type { Span } from '../types.js';
import {
  cover, dateNear, followingInstrumentDate, hedgedIntent, leftList, scheduledDate, leftSubject, matches, negated, ORG, presentTense, relativeAntecedent, rightItems, rightObjects, tokenIndex,
  type Proposal, type SentenceContext,
} from './context.js';
import type { Mention } from '../mentions/mention.js';
import { governingPreposition } from '../mentions/position.js';

const VERB = /\b((?:re-?)?proscrib(?:e|es|ed|ing)|ban(?:s|ned|ning)?|outlaw(?:s|ed|ing)?|(?:re-?)?designat(?:e|es|ed|ing)|blacklist(?:s|ed|ing)?|prohibit(?:s|ed|ing)?|(?:re-?)?list(?:s|ed|ing)?|declar(?:e|es|ed|ing)|notif(?:y|ies|ied))\b/gi;
const LIST_CONTEXT = /terror|proscri|banned|schedule|sanction|unlawful|\bFTO\b|SDGT|\bSDN\b|\bOFAC\b|13224|extremist|outlaw|Criminal Code|UAPA/i;
const STATUS = /^(?:proscribed|banned|terrorist|unlawful|outlawed|illegal|extremist)\b/i;
const ADD_TO_LIST = /\b(?:add(?:s|ed|ing)?|includ(?:e|es|ed|ing)|put(?:s|ting)?|plac(?:e|es|ed|ing))\b([\s\S]{0,320}?)\b(?:to|in|on|into|under)\s+(?:(?:its|the|their|a)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:list|schedule|roster)\s+of\s+(?:proscribed|banned|terrorist|outlawed|designated)|(?:first|1st)\s+schedule|schedule\s+\d+|proscribed\s+list|terror(?:ist)?\s+list|(?:banned|proscribed)\s+(?:outfits|organi[sz]ations|groups)['’]?\s+list|(list)\b)/gi;
const ACT_ON_NOUN = /\b(announc(?:es|ed)|approv(?:es|ed)|notif(?:ies|ied)|impos(?:es|ed)|order(?:s|ed)|enact(?:s|ed)|issu(?:es|ed)|confirm(?:s|ed)|has\s+(?:announced|approved|notified|imposed|ordered|enacted|issued))\s+(?:the\s+|a\s+|its\s+)?(?:[\w-]+\s+){0,8}?$/i;
const NOMINAL = /\b(?:bans?|proscriptions?|designations?|listings?|declarations?|outlawing)\s+(?:on|of|against)\b/gi;
const LIFT = /\b(?:lift(?:s|ed|ing)?|revok(?:e|es|ed|ing)|withdr(?:aw|ew|awn|awing|aws)|remov(?:e|es|ed|ing)|quash(?:es|ed|ing)?|set(?:s|ting)?\s+aside|rescind(?:s|ed|ing)?|overturn(?:s|ed|ing)?|annull?(?:s|ed|ing)?|struck\s+down|strikes?\s+down|end(?:s|ed|ing)?|revocation\s+of|lifting\s+of|removal\s+of|withdrawal\s+of)\s+(?:of\s+)?(?:the\s+|a\s+|its\s+)?(?:[\w’'()-]+\s+){0,5}?(?:ban|proscription|designation|listing|notification|order)(?:\s+(?:on|of|against|proscribing|banning|declaring|outlawing|listing)\b)?/gi;
const LIFTED_PASSIVE = /\b(?:ban|proscription|designation|listing|declaration)\b(.{0,80}?|[^.;]{0,50}?,[^,.;]{1,70},\s*)\b(?:(?:was|has been|had been|is|were|have been|being)\s+(?:formally\s+|officially\s+|later\s+)?(?:lifted|revoked|withdrawn|removed|quashed|set aside|rescinded|overturned|ended|allowed\s+to\s+lapse|struck\s+down)|lapsed|expired|ended|ran\s+out)\b/gi;
const DELIST_VERB = /\b(de-?proscrib(?:e|es|ed|ing)|de-?list(?:s|ed|ing)?|unbann(?:ed|ing)|de-?notif(?:y|ies|ied))\b/gi;
const REMOVE_FROM = /\b(?:remov(?:e|es|ed|ing|al\s+of)|deleted|dropped|struck\s+off)\b(.{0,120}?)\bfrom\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:list|schedule|roster)/gi;
const STRUCK_OFF = /\b(?:struck|strikes|strike|taken|took|takes)\s+(.{1,80}?)\s+off\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:list|schedule|roster)/gi;
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
    // `OFAC is also removing X from the SDN List`: an act in progress on the article's day.
    const today = /\b(?:is|are)\s+(?:now\s+|also\s+|today\s+)?(?:removing|lifting|revoking|delisting|de-?proscribing|withdrawing)\b/i.test(ctx.doc.text.slice(Math.max(ctx.s.start, cue.start - 30), cue.end)) ? ctx.doc.date : null;
    out.push({ subject, predicate: 'delisted', object: null, date: effectiveDate(ctx) ?? dateNear(ctx, cover(cue, subject), 90, 'ban', cue) ?? instrumentDate(ctx) ?? followingInstrumentDate(ctx) ?? today ?? alsoDate(ctx, cue, out), rule, base, cue });
  };
  for (const { start, end } of matches(ctx, LIFT)) {
    const t = tokenIndex(ctx, end);
    const objects = rightObjects(ctx, t, ORG, { list: true });
    // `X was banned in 2002; in 2021 the cabinet lifted the ban`: the ban the text just reported.
    const definite = /\bthe\s+ban\b/i.test(ctx.doc.text.slice(start, end));
    const reported = definite
      ? ctx.mentions.find((m) => ORG.includes(m.kind) && m.end < start && /^\s*(?:was|were|had\s+been|has\s+been)\s+(?:first\s+)?(?:banned|proscribed|outlawed)\b/i.test(ctx.doc.text.slice(m.end, m.end + 30))) ??
        [...out].reverse().find((p) => p.predicate === 'proscribed' && p.subject.sentence >= ctx.s.index - 2)?.subject
      : undefined;
    // `overturns ban on a mosque association`: the lifted ban is on a group the words describe, not on a name before.
    const describedObject = /\b(?:on|of|against)$/i.test(ctx.doc.text.slice(start, end)) &&
      /^\s*(?:(?:the|a|an|its|their|this|that)\s+)?(?:[\w-]+\s+){0,3}?(?:association|group|organi[sz]ation|outfit|party|charity|movement|network|body|entity|club|society)\b/i.test(ctx.doc.text.slice(end, end + 60));
    if (objects.length === 0 && !describedObject) push(leftSubject(ctx, tokenIndex(ctx, start), ORG) ?? reported, { start, end }, 'delisted.lift', 0.8);
    for (const o of objects) push(o, { start, end }, 'delisted.lift', 0.85);
  }
  for (const { m, start, end } of matches(ctx, LIFTED_PASSIVE)) {
    if (inside(used, start)) continue;
    const inner = ctx.mentions.filter((x) => x.start >= start + (m[0].length - (m[1] ?? '').length - m[0].length) && x.start >= start && x.end <= end);
    // `That ban lapsed in 2014`: the ban the text just reported.
    const previous = /^(?:that|this|the)\s+ban\b/i.test(ctx.doc.text.slice(Math.max(ctx.s.start, start - 5), end)) && start - ctx.s.start < 6
      ? [...out].reverse().find((p) => p.predicate === 'proscribed' && p.subject.sentence >= ctx.s.index - 2)?.subject : undefined;
    const subject = inner[0] ?? leftSubject(ctx, tokenIndex(ctx, start), ORG) ?? previous;
    push(subject, { start, end }, 'delisted.passive', 0.8);
  }
  for (const { m, start, end } of matches(ctx, REMOVE_FROM)) {
    // `removed X and Y from the list`; `X was removed from the First Schedule`: the names before `from`.
    const from = start + m[0].search(/\bfrom\s+(?:the|its|their)\s/i);
    const inner = ctx.mentions.filter((x) => x.start >= start && x.end <= from && ORG.includes(x.kind));
    const c = tokenIndex(ctx, start);
    const subjects = inner.length > 0 ? inner : BE.has(ctx.doc.tokens[c - 1]?.lower ?? '') ? [passiveSubject(ctx, c - 1)] : [];
    for (const o of subjects) push(o, { start, end }, 'delisted.removed', 0.85);
  }
  for (const { start, end } of matches(ctx, STRUCK_OFF)) {
    const inner = ctx.mentions.filter((x) => x.start > start && x.end < end && ORG.includes(x.kind) && !/\boff\b/.test(ctx.doc.text.slice(start, x.start)));
    for (const o of inner) push(o, { start, end }, 'delisted.struck-off', 0.85);
  }
  for (const { start, end } of matches(ctx, NO_LONGER)) push(leftSubject(ctx, tokenIndex(ctx, start), ORG), { start, end }, 'delisted.no-longer', 0.7);
  for (const { m, start, end } of matches(ctx, DELIST_VERB)) {
    const c = tokenIndex(ctx, start);
    const passive = BE.has(ctx.doc.tokens[c - 1]?.lower ?? '') || participle(m[1] ?? '') && !!ctx.mentions.find((x) => x.t1 === c);
    // `...: proscribed in 2005; deproscribed in 2019`, an entry's `Deproscribed in 2019.`: the item or entry it belongs to.
    const entry = participle(m[1] ?? '') && (c === ctx.s.t0 || /^[;:]$/.test(ctx.doc.tokens[c - 1]?.text ?? ''))
      ? (c === ctx.s.t0 ? ctx.heading : [...ctx.mentions].reverse().find((x) => x.end < start && ORG.includes(x.kind) && /^\s*(?:\([^)]*\))?\s*:/.test(ctx.doc.text.slice(x.end, Math.min(start, x.end + 14)))))
      : undefined;
    const subjects = entry ? [entry] : passive ? [leftSubject(ctx, c, ORG)] : rightObjects(ctx, c + 1, ORG, { list: true });
    for (const s of subjects) push(s, { start, end }, passive ? 'delisted.passive' : 'delisted.active', 0.85);
  }
  return used;
}

/**
 * A sentence whose subject is the banned groups themselves and whose predicate lists them:
 * `The designated groups are: X, Y and Z`, `Earlier bans include X in 2012 and Y in 2014`,
 * `Other outfits banned this year include X`.
 */
/** `... now shows the following additions, each with its date:` then the names: the additions to a ban list. */
const FOLLOWING = /\bthe\s+following\s+(?:additions|organi[sz]ations|groups|outfits|entities|names)\b[^:.]{0,140}:/gi;
const LISTED_GROUPS = /\b(?:(?:(?:designated|banned|proscribed|outlawed|listed|blacklisted|notified)\s+(?:terrorist\s+|militant\s+|terror\s+)?(?:groups|organi[sz]ations|outfits|entities|organisations))|(?:groups|organi[sz]ations|outfits|entities)\s+(?:that\s+(?:were|have\s+been|had\s+been)\s+|already\s+|previously\s+|also\s+)?(?:banned|proscribed|designated|listed|outlawed)(?:\s+[\w-]+){0,5}?|(?:earlier|previous|past|other|prior)\s+(?:bans|proscriptions|designations|listings)|among\s+(?:the\s+)?(?:groups|organi[sz]ations|outfits|entities)\s+(?:on|in)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:list|schedule)|(?:affiliates|organi[sz]ations|groups|entities|outfits|fronts)\s+(?:named|listed|covered|included|specified)\s+(?:in|by)\s+(?:the|its|this)\s+(?:[\w-]+\s+){0,2}?(?:notification|order|notice|list|gazette|schedule))\s+(?:are|were|include|includes|included|comprise|comprised|have\s+included)\b\s*:?/gi;

export function proscriptions(ctx: SentenceContext, out: Proposal[], lifted: Span[]): void {
  const before = out.length;
  proscriptionsInSentence(ctx, out, lifted);
  banCompanions(ctx, out, before);
}

/**
 * `The ministry banned X ... in September 2023, together with its youth organisation, Y`: the
 * companions of a ban the sentence reported are banned with it, on its date.
 */
function banCompanions(ctx: SentenceContext, out: Proposal[], from: number): void {
  const bans = out.slice(from).filter((p) => p.predicate === 'proscribed' && p.subject.sentence === ctx.s.index);
  if (bans.length === 0) return;
  for (const { start, end } of matches(ctx, /\b(?:together|along)\s+with\b/gi)) {
    const ban = [...bans].reverse().find((p) => p.cue.end <= start);
    if (!ban) continue;
    for (const { mention } of rightItems(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 6 })) {
      if (mention.entity === ban.subject.entity || out.some((p) => p.predicate === 'proscribed' && p.subject === mention)) continue;
      out.push({ subject: mention, predicate: 'proscribed', object: null, date: ban.date, dateAssumed: ban.dateAssumed, rule: 'proscribed.together-with', base: ban.base * 0.9, cue: { start, end } });
    }
  }
}

function proscriptionsInSentence(ctx: SentenceContext, out: Proposal[], lifted: Span[]): void {
  const { doc, s } = ctx;
  for (const { start, end } of matches(ctx, FOLLOWING)) {
    if (inside(lifted, start) || !(ctx.banList || LIST_CONTEXT.test(ctx.text) || previousListContext(ctx))) continue;
    // A ban verb of the sentence reads the list itself (`has placed the following organisations on ...:`).
    if (/\b(?:ban|proscrib|outlaw|designat|list(?:s|ed)|plac|add)/i.test(ctx.doc.text.slice(ctx.s.start, start))) continue;
    for (const { mention, date } of rightItems(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 12 })) {
      out.push({ subject: mention, predicate: 'proscribed', object: null, date: date ?? recentDate(ctx, out), rule: 'proscribed.following', base: 0.8, cue: { start, end } });
    }
  }
  for (const { start, end } of matches(ctx, LISTED_GROUPS)) {
    if (inside(lifted, start) || negated(ctx, start)) continue;
    const cue = { start, end };
    // A date inside the subject (`groups banned in 2019 include`) dates every item without one of its own.
    const own = ctx.dates.find((d) => d.start >= start && d.end <= end)?.value ?? null;
    const owner = affiliatesOwner(ctx, out, ctx.doc.text.slice(start, end));
    for (const { mention, date } of rightItems(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 12 })) {
      if (negated(ctx, mention.start)) continue;
      out.push({ subject: mention, predicate: 'proscribed', object: null, date: date ?? own ?? recentDate(ctx, out), rule: 'proscribed.listed-groups', base: 0.8, cue });
      if (owner && owner.group.entity !== mention.entity) {
        out.push({ subject: mention, predicate: owner.predicate, object: owner.group, date: null, rule: `${owner.predicate}.listed-affiliates`, base: 0.75, cue });
      }
    }
  }
  const emit = (subject: Mention | undefined, cue: Span, rule: string, base: number, opts: EmitOptions = {}): void => {
    if (!subject || negated(ctx, cue.start)) return;
    let date = opts.itemDate ?? (opts.date === false ? null : effectiveDate(ctx) ?? dateNear(ctx, cover(cue, subject), 90, 'ban', cue) ?? instrumentDate(ctx) ?? alsoDate(ctx, cue, out));
    let assumed = false;
    // `Court upholds ban on X`: a headline about a ruling on a ban does not date the ban.
    const ruling = /\b(?:upholds?|upheld|challeng\w*|overturns?|quash\w*|appeals?|court)\b/i.test(doc.text.slice(Math.max(ctx.s.start, cue.start - 40), cue.start));
    if (date === null && opts.date !== false && !cumulative(ctx, cue) && (opts.present || presentTense(ctx, cue, opts.word ?? '') || (ctx.headline && !ruling))) {
      // `has placed 13 groups on the list` after `designated X on Wednesday`: the same announcement,
      // dated as the article dated it; otherwise the news is of its own day.
      const inferred = recentDate(ctx, out) ?? followingInstrumentDate(ctx);
      date = inferred ?? doc.date;
      // A day the text gives elsewhere is a reading; the article's own day is only an assumption.
      assumed = inferred === null;
    } else if (date === null && opts.date !== false && opts.simplePast && !cumulative(ctx, cue)) {
      // `the interior ministry banned four groups` after `Chile on Monday outlawed ...`: the same act.
      const recent = recentDate(ctx, out) ?? leadActDate(ctx);
      if (recent) {
        date = recent;
        assumed = true;
      }
    }
    const intent = hedgedIntent(ctx, cue.start);
    const scheduled = intent ? scheduledDate(ctx, cue.start) : null;
    if (scheduled) {
      // Decided, in force from a day named: dated by that day, a little weaker than a ban in force.
      out.push({ subject, predicate: 'proscribed', object: null, date: scheduled, rule: `${rule}.scheduled`, base: base * 0.9, cue });
      return;
    }
    // `plans to ban X`, `will proscribe X if passed`: an intention is no ban, and proposes none.
    if (intent) return;
    out.push({ subject, predicate: 'proscribed', object: null, date, dateAssumed: assumed, rule, base, cue });
  };

  for (const { m, start, end } of matches(ctx, ADD_TO_LIST)) {
    if (inside(lifted, start)) continue;
    // A bare `the list` counts only where the sentence says what list it is.
    if (m[2] && !LIST_CONTEXT.test(ctx.text) && !ctx.banList) continue;
    // The names before the list's own words: `to its ISIL and Al-Qaida Sanctions List` names the list, not groups added.
    const listWords = start + Math.max(0, m[0].search(/\b(?:to|in|on|into|under)\s+(?:(?:its|the|their|a)\s+)?(?:[\w-]+\s+){0,3}?(?:list|schedule|roster|first|1st|proscribed|terror)/i));
    let inner = ctx.mentions.filter((x) => x.start > start && x.end <= listWords && ORG.includes(x.kind));
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
      if (intro) {
        const items = rightItems(ctx, tokenIndex(ctx, end + intro.index + intro[0].length), ORG, { list: true, max: 12 });
        for (const { mention, date } of items) emit(mention, { start, end }, 'proscribed.added-to-list', 0.85, { word: 'added', ...(date ? { itemDate: date } : {}) });
        continue;
      }
    }
    for (const o of inner) emit(o, { start, end }, 'proscribed.added-to-list', 0.85, { word: 'added' });
  }
  for (const { start, end } of matches(ctx, NOMINAL)) {
    if (inside(lifted, start)) {
      // `The listing of X, first made in 2017, lapsed`: the ban it ends began on the date the apposition gives.
      const began = ctx.dates.find((d) => d.start > end && /\b(?:first\s+)?(?:made|imposed|introduced|in\s+force\s+since|dating\s+from)\s*(?:in|on|from)?\s*$/i.test(doc.text.slice(Math.max(s.start, d.start - 30), d.start)));
      const named = began ? rightObjects(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 4 }) : [];
      for (const o of named) emit(o, { start, end }, 'proscribed.nominal', 0.6, { itemDate: began!.value });
      continue;
    }
    // `announces the designation of X`, `approved the ban on X`, `notified the ban on X`: the verb
    // that governs the noun makes it an act, dated like one.
    const governing = ACT_ON_NOUN.exec(ctx.doc.text.slice(Math.max(s.start, start - 40), start));
    const items = rightItems(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 10 });
    for (const { mention, date } of items) {
      const present = !!governing && /^(?:\w+s|has\s)/i.test(governing[1] ?? '') && !/ss$/i.test(governing[1] ?? '');
      emit(mention, { start, end }, governing ? 'proscribed.nominal-act' : 'proscribed.nominal', governing ? 0.8 : 0.6, { present, ...(date ? { itemDate: date } : {}) });
    }
  }

  for (const { m, start, end } of matches(ctx, VERB)) {
    if (inside(lifted, start)) continue;
    const word = (m[1] ?? '').toLowerCase();
    const c = tokenIndex(ctx, start);
    const cue = { start, end };
    if (/^(?:re-?)?(list|designat|notif)/.test(word) && !LIST_CONTEXT.test(ctx.text.replace(m[0], '')) && !(ctx.banList && /^(?:re-?)?(list|designat)/.test(word)) && !previousListContext(ctx)) continue;
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

    // `the group already proscribed as both al-Ghurabaa and The Saved Sect`: the names it is banned
    // under are its aliases, not new bans.
    const asNames = isParticiple ? /^\s*as\s+(?:both\s+)?/i.exec(after) : null;
    if (asNames && doc.tokens[c + 1]?.lower === 'as') {
      const first = c + 2 + (doc.tokens[c + 2]?.lower === 'both' ? 1 : 0);
      const names = ctx.startsAt.has(first) || (doc.tokens[first]?.lower === 'the' && ctx.startsAt.has(first + 1)) ? rightItems(ctx, first, ORG, { list: true, max: 6 }) : [];
      // `the group already proscribed as ...`: the phrase right before the participle, whatever governs it.
      let q = c - 1;
      while (q > s.t0 && ADVERBS.has(doc.tokens[q]?.lower ?? '')) q--;
      const owner = names.length === 0 ? undefined : ctx.mentions.find((x) => x.t1 === q + 1 && ORG.includes(x.kind)) ?? leftSubject(ctx, c, ORG);
      if (owner && owner.entity !== undefined) {
        for (const { mention } of names) {
          if (mention.entity !== owner.entity && mention.via === 'name') out.push({ subject: owner, predicate: 'alias', object: mention.name, date: null, rule: 'alias.proscribed-as', base: 0.8, cue });
        }
        continue;
      }
    }

    // `X was proscribed by Britain in 2023 and listed by Canada a year later`: a second participle of the same subject.
    if (isParticiple && prev?.lower === 'and' && /^\s*(?:by|in|on|under|since|as)\b/i.test(after)) {
      const first = [...out].reverse().find((x) => x.predicate === 'proscribed' && x.subject.sentence === s.index && x.cue.end <= start && /passive|reduced/.test(x.rule));
      if (first) {
        // Dated by its own words only: the first participle's date lies between it and the subject.
        const own = ctx.dates.find((d) => d.start >= cue.end && d.start - cue.end <= 60)?.value ?? null;
        emit(first.subject, cue, 'proscribed.passive-and', 0.8, { word, ...(own ? { itemDate: own } : {}) });
        continue;
      }
    }

    // Fronted participle: `Banned in December 2016, X is ...`.
    if (isParticiple && p < s.t0 + (doc.tokens[s.t0]?.type === 'punct' ? 1 : 0)) {
      const comma = ctx.mentions.find((x) => x.start > end && ORG.includes(x.kind) && doc.text.slice(end, x.start).includes(','));
      // `Tanzim X\nProscribed in November 2014.`: an entry's line speaks of its heading.
      emit(comma ?? ctx.heading, cue, comma ? 'proscribed.fronted' : 'proscribed.entry', 0.85);
      // `Outlawed in 2002 along with Y, it ...`: the groups banned with it.
      const along = /\balong\s+with\s+$/i;
      for (const x of ctx.mentions) {
        if (x.start > end && ORG.includes(x.kind) && along.test(doc.text.slice(Math.max(end, x.start - 20), x.start)) && x !== comma) emit(x, cue, 'proscribed.fronted', 0.8);
      }
      continue;
    }
    // `Sikh X Lehar (SXL): proscribed in March 2001; deproscribed in 2026`.
    if (isParticiple && prev?.text === ':') {
      let k = p;
      if (doc.tokens[k - 1]?.text === ')') k = doc.tokens.slice(s.t0, k).map((t) => t.text).lastIndexOf('(') + s.t0;
      const named = ctx.mentions.find((x) => x.t1 === k && ORG.includes(x.kind));
      if (named) {
        emit(named, cue, 'proscribed.entry', 0.85);
        continue;
      }
    }
    // Passive or reduced relative: `X was banned`, `X proscribed by the ministry in 2016`, `X, banned in 2016,`.
    // `Lal Kranti Dal (Marxist-Leninist), banned since 2009,`: step over the name's own parenthesis.
    const closes = prev?.text === ',' && doc.tokens[p - 1]?.text === ')' ? doc.tokens.slice(s.t0, p - 1).map((t) => t.text).lastIndexOf('(') + s.t0 : -1;
    const reduced = ctx.mentions.find((x) => (x.t1 === p + 1 || (prev?.text === ',' && (x.t1 === p || (closes > s.t0 && x.t1 === closes)))) && ORG.includes(x.kind));
    if (isParticiple && prev && BE.has(prev.lower) && !reduced && genericSubject(ctx, p)) {
      // `Three more groups were outlawed later – X and Y in May 2009, and Z in ...`.
      const opener = ctx.doc.tokens.slice(c + 1, Math.min(s.t1, c + 14)).findIndex((x) => /^[–—:]$/.test(x.text));
      if (opener >= 0) {
        for (const { mention, date } of rightItems(ctx, c + 2 + opener, ORG, { list: true, max: 12 })) {
          emit(mention, cue, 'proscribed.passive-list', 0.85, { word, ...(date ? { itemDate: date } : {}) });
        }
        continue;
      }
    }
    if (isParticiple && prev && (BE.has(prev.lower) || (reduced && /^\s*(by|in|on|under|since|last|earlier|as\s+(?:a|an|the)\s)/i.test(after)))) {
      const subject = reduced ?? passiveSubject(ctx, p);
      const all = subject && BE.has(prev.lower) ? leftList(ctx, subject, ORG) : [subject];
      for (const x of all) emit(x, cue, 'proscribed.passive', 0.85, { word });
      // `it will be banned under the names X, Y and Z`: each name is banned too.
      const names = /^\s*under\s+(?:the\s+)?(?:new\s+)?names?\b\s*:?/i.exec(after);
      if (names) for (const o of rightObjects(ctx, tokenIndex(ctx, end + names[0].length), ORG, { list: true, max: 12 })) emit(o, cue, 'proscribed.passive', 0.8, { word });
      continue;
    }
    // `..., a breakaway of Harkat-ul-Noor, an outfit banned in 2019`: the apposition describes the name before it.
    if (isParticiple && prev && GENERIC_ORG_NOUNS.has(prev.lower)) {
      let k = p - 1;
      while (k > s.t0 && doc.tokens[k]?.type === 'word' && !doc.tokens[k]?.cap && !/^(?:a|an|the)$/.test(doc.tokens[k]?.lower ?? '')) k--;
      if (/^(?:a|an)$/.test(doc.tokens[k]?.lower ?? '') && doc.tokens[k - 1]?.text === ',') {
        const named = ctx.mentions.find((x) => x.t1 === k - 1 && ORG.includes(x.kind));
        if (named) {
          emit(named, cue, 'proscribed.apposition', 0.8, { word });
          continue;
        }
      }
    }
    // `with the banning of X`: a nominal use, weaker and dated only by a date right at it.
    if (/ing$/.test(word) && prev && MODIFIER_PREV.has(prev.lower) && doc.tokens[c + 1]?.lower === 'of') {
      for (const o of rightObjects(ctx, c + 2, ORG, { list: true })) emit(o, cover(cue, o), 'proscribed.nominal', 0.6, { date: false });
      continue;
    }
    // `..., also designated X`: an adverb of the clause before the participle makes it the verb.
    const verbAdverb = doc.tokens.slice(p + 1, c).some((t) => ['also', 'formally', 'officially', 'today', 'subsequently', 'later', 'finally'].includes(t.lower));
    if (isParticiple && !verbAdverb && (!prev || MODIFIER_PREV.has(prev.lower) || prev.type === 'punct')) {
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
    const items = rightItems(ctx, c + 1, ORG, { list: true, max: 10 });
    // `X, which India banned as an unlawful association in 2004`: the relative pronoun is the object.
    const relative = items.length === 0 ? objectRelative(ctx, c) : undefined;
    if (relative) {
      emit(relative, cue, 'proscribed.relative', 0.8, { word });
      continue;
    }
    const lead30 = doc.text.slice(Math.max(s.start, start - 30), start);
    // `Norway also confirmed the listing X, Y and Z`: the act of the verb that governs the noun.
    const simplePast = (isParticiple || /\b(?:announced|approved|confirmed|ordered)\s+(?:the\s+)?$/i.test(lead30)) && !/\b(?:had|already|previously|earlier|first|once|originally|initially)\b/i.test(lead30);
    for (const { mention, date } of items) emit(mention, cue, 'proscribed.active', 0.9, { word, simplePast, ...(date ? { itemDate: date } : {}) });
  }
}

interface EmitOptions {
  /** false: the wording dates nothing (`outlawed X`), so no date is read or assumed. */
  date?: boolean;
  /** The date the statement's own list item gives (`X in 2012, Y in 2014`). */
  itemDate?: string;
  /** The governing verb reports the act as of the article's day (`announces the designation of`). */
  present?: boolean;
  /** An active verb in the simple past (`the ministry outlawed X`), which may retell the lead's act. */
  simplePast?: boolean;
  word?: string;
}

/** `with effect from March 1`, `comes into force on Thursday`: the day a ban takes effect beats the day it was announced. */
function effectiveDate(ctx: SentenceContext): string | null {
  for (const d of ctx.dates) {
    const before = ctx.doc.text.slice(Math.max(ctx.s.start, d.start - 40), d.start);
    const own = d.text.toLowerCase();
    if (/\b(?:effective|with\s+(?:immediate\s+)?effect|in(?:to)?\s+(?:force|effect)|takes?\s+effect|took\s+effect|come\s+into|comes\s+into|came\s+into)\s*(?:from|on|as\s+of)?\s*$/i.test(before) ||
      (/^from\b/.test(own) && /\b(?:effect|force)\b[^.]*$/i.test(before))) return d.value;
  }
  return null;
}

/**
 * `The ministry also outlawed five more groups`: with `also` and no date of its own, the
 * ban is part of the one reported just before, and shares its date.
 */
function alsoDate(ctx: SentenceContext, cue: Span, out: Proposal[]): string | null {
  const before = ctx.doc.text.slice(Math.max(ctx.s.start, cue.start - 30), cue.start);
  if (!/\b(?:also|in\s+addition|separately|at\s+the\s+same\s+time)\b/i.test(before)) return null;
  for (let k = out.length - 1; k >= 0; k--) {
    const p = out[k] as Proposal;
    // `builds on the designation of X on August 11`: a ban named in passing is not the act reported.
    if (p.predicate !== 'proscribed' || p.date === null || p.dateAssumed || p.rule === 'proscribed.nominal') continue;
    // `X has been listed since 2003`: a standing state, not an act another can be part of.
    const sentence = ctx.doc.sentences[p.subject.sentence];
    if (sentence && /\bsince\s+(?:\w+\s+){0,2}\d{4}\b/i.test(ctx.doc.text.slice(sentence.start, sentence.end))) continue;
    return p.subject.sentence >= ctx.s.index - 6 ? p.date : null;
  }
  return null;
}

/**
 * `Today, OFAC sanctioned a trading company and two individuals ... OFAC designated X pursuant to
 * E.O. 13224`: the lead dated the act (today, or a day of the last week) without naming whom; a
 * later sentence of the same authority names them, undated.
 */
function leadActDate(ctx: SentenceContext): string | null {
  const own = ctx.mentions.filter((m) => m.kind === 'authority' && m.end <= ctx.s.end);
  // `Chile on Monday outlawed ...` then `the Chilean interior ministry banned ...`: the state of the authority names it too.
  const countryOf = (m: Mention): string | null => m.country ?? gazetteer().demonym(ctx.doc.tokens[m.t0 - 1]?.text ?? '');
  // `Norway also confirmed the listing ...`: a state acting in its own name.
  const states = ctx.mentions.filter((m) => m.kind === 'place' && m.placeLevel === 'country' && m.end <= ctx.s.end && governingPreposition(ctx.doc, m.t0, ctx.s.t0) === null).map((m) => m.name.toLowerCase());
  const authorities = [...own.map((m) => m.text.toLowerCase()), ...own.map((m) => gazetteer().countryName(countryOf(m) ?? '')?.toLowerCase() ?? '').filter(Boolean), ...states];
  if (authorities.length === 0) return null;
  const weekBefore = addDays(ctx.doc.date, -7);
  for (const d of ctx.allDates) {
    if (d.sentence > 3 || d.sentence >= ctx.s.index || d.value.length !== 10 || d.value < weekBefore || d.value > ctx.doc.date) continue;
    const lead = ctx.doc.sentences[d.sentence];
    const text = lead ? ctx.doc.text.slice(lead.start, lead.end) : '';
    if (!/\b(?:sanction|designat|ban|proscrib|list|outlaw)\w*/i.test(text)) continue;
    if (authorities.some((a) => text.toLowerCase().includes(a))) return d.value;
  }
  return null;
}

/**
 * `The Centre banned X and eight of its affiliates ... The affiliates named in the notification
 * are: A, B`: a list of a group's affiliates (fronts, wings) named just before is of that group.
 */
function affiliatesOwner(ctx: SentenceContext, out: Proposal[], subject: string): { group: Mention; predicate: 'affiliated_with' | 'front_for' | 'offshoot_of' } | null {
  const noun = /^\s*(?:the\s+)?(affiliates|fronts|wings|offshoots|associates)\b/i.exec(subject)?.[1]?.toLowerCase();
  if (!noun) return null;
  const predicate = noun === 'fronts' ? 'front_for' : noun === 'wings' || noun === 'offshoots' ? 'offshoot_of' : 'affiliated_with';
  for (let k = out.length - 1; k >= 0; k--) {
    const p = out[k] as Proposal;
    if (p.predicate !== 'proscribed' || p.subject.sentence >= ctx.s.index || p.subject.sentence < ctx.s.index - 4) continue;
    const sentence = ctx.doc.sentences[p.subject.sentence];
    if (sentence && new RegExp(`\\b(?:its|their)\\s+${noun}\\b`, 'i').test(ctx.doc.text.slice(sentence.start, sentence.end))) return { group: p.subject, predicate };
  }
  return null;
}

/** A day the article gave to a ban it reported in the last week before its own date, if any. */
function recentDate(ctx: SentenceContext, out: Proposal[]): string | null {
  const weekBefore = addDays(ctx.doc.date, -7);
  for (let k = out.length - 1; k >= 0; k--) {
    const p = out[k] as Proposal;
    if (p.predicate !== 'proscribed' || p.date === null || p.dateAssumed || p.subject.sentence >= ctx.s.index) continue;
    if (p.date.length === 10 && p.date >= weekBefore && p.date <= ctx.doc.date) return p.date;
  }
  return null;
}

/** `has so far banned 81 organisations`, `a total of`: a running count, not today's act. */
function cumulative(ctx: SentenceContext, cue: Span): boolean {
  const around = ctx.doc.text.slice(Math.max(ctx.s.start, cue.start - 40), Math.min(ctx.s.end, cue.end + 60));
  return /\b(?:so\s+far|to\s+date|till\s+date|until\s+now|thus\s+far|in\s+total|in\s+all|a\s+total\s+of|altogether|since\s+then|over\s+the\s+years|in\s+recent\s+years|at\s+least)\b/i.test(around);
}

/** `... re-listed X as a terrorist organisation. The group was first listed in 2023.`: the sentence before says which list. */
function previousListContext(ctx: SentenceContext): boolean {
  // `The Noor Brigades have been listed by Norway since 2011.` in a text about terrorist listings.
  if (/\blisted\s+(?:by|since|under)\b/i.test(ctx.text)) {
    for (let k = Math.max(0, ctx.s.index - 4); k < ctx.s.index; k++) {
      const s = ctx.doc.sentences[k];
      if (s && LIST_CONTEXT.test(ctx.doc.text.slice(s.start, s.end))) return true;
    }
  }
  const prev = ctx.doc.sentences[ctx.s.index - 1];
  return !!prev && LIST_CONTEXT.test(ctx.doc.text.slice(prev.start, prev.end)) && /^\s*(?:the|this|that)\s+(?:group|organi[sz]ation|outfit|entity)\b|^\s*it\b/i.test(ctx.text);
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
    const comma = ctx.doc.tokens[i - 1]?.text === ',';
    const before = ctx.mentions.find((m) => m.t1 === i || (comma && m.t1 === i - 1));
    // `former members of X, which was listed in 2022`: after a comma the relative clause is about X itself.
    if (!before) return relativeAntecedent(ctx, i, ORG);
    return ORG.includes(before.kind) && (comma || governingPreposition(ctx.doc, before.t0, ctx.s.t0) === null) ? before : undefined;
  }
  // `X (XA) and Y (YA), militant outfits of A and B respectively, were banned`: the names before the apposition.
  if (t?.text === ',') {
    const head = beforeApposition(ctx, i);
    if (head) return head;
  }
  return leftSubject(ctx, p + 1, ORG);
}

/** `X, which India banned`: the name before `, which` when a subject stands between it and the verb. */
function objectRelative(ctx: SentenceContext, cue: number): Mention | undefined {
  const toks = ctx.doc.tokens;
  for (let k = cue - 1; k > Math.max(ctx.s.t0, cue - 7); k--) {
    if (!/^(?:which|that|whom)$/.test(toks[k]?.lower ?? '')) continue;
    if (k === cue - 1) return undefined;
    let end = toks[k - 1]?.text === ',' ? k - 1 : k;
    // `X (XA), which the ministry banned`: past the acronym to the name it belongs to.
    if (toks[end - 1]?.text === ')') {
      const inner = ctx.mentions.find((m) => m.t1 === end - 1 && toks[m.t0 - 1]?.text === '(');
      if (inner) end = inner.t0 - 1;
    }
    // `X, the British neo-Nazi group that the United Kingdom proscribed`: across the description.
    return ctx.mentions.find((m) => m.t1 === end && ORG.includes(m.kind)) ?? relativeAntecedent(ctx, k, ORG);
  }
  return undefined;
}

/** The passive's subject is a count of groups, not a name: `Another four groups were banned`. */
function genericSubject(ctx: SentenceContext, p: number): boolean {
  let i = p;
  while (i > ctx.s.t0 && /^(was|were|is|are|been|be|being|has|have|had|also|later|then)$/.test(ctx.doc.tokens[i]?.lower ?? '')) i--;
  const noun = ctx.doc.tokens[i];
  return !!noun && /^(?:groups|organi[sz]ations|outfits|entities|organisations|parties|others)$/.test(noun.lower) && !ctx.mentions.some((m) => m.t1 === i + 1);
}

/** The name ending right before an apposition `, <lower-case description ...>,` that closes at token `comma`. */
function beforeApposition(ctx: SentenceContext, comma: number): Mention | undefined {
  const toks = ctx.doc.tokens;
  for (let k = comma - 1; k > Math.max(ctx.s.t0, comma - 16); k--) {
    if (toks[k]?.text !== ',') continue;
    const first = toks[k + 1];
    if (!first || first.type !== 'word' || first.cap) return undefined;
    let end = k;
    // `Y (YA),`: step over the acronym.
    if (toks[end - 1]?.text === ')') {
      const inner = ctx.mentions.find((m) => m.t1 === end - 1);
      if (inner && toks[inner.t0 - 1]?.text === '(') end = inner.t0 - 1;
    }
    // `X, the British neo-Nazi group that the United Kingdom proscribed`: across the description.
    return ctx.mentions.find((m) => m.t1 === end && ORG.includes(m.kind)) ?? relativeAntecedent(ctx, k, ORG);
  }
  return undefined;
}

/** `declared X (as) a proscribed organisation`, `X was declared a terrorist outfit`, `X formally declared proscribed outfit`. */
function declared(
  ctx: SentenceContext, c: number, cue: Span, word: string,
  emit: (m: Mention | undefined, cue: Span, rule: string, base: number, opts?: EmitOptions) => void,
): void {
  const { doc } = ctx;
  const rest = doc.text.slice(cue.end, Math.min(ctx.s.end, cue.end + 420));
  const status = /\b(?:as\s+)?(?:an?\s+|the\s+)?(?:['‘"“]?)(proscribed|banned|terrorist|unlawful|outlawed|illegal|extremist)\b/i.exec(rest);
  if (!status) return;
  const statusStart = cue.end + status.index;
  // `declared X, an offshoot of Y, a terrorist organisation`: the names the verb governs, not those of an apposition.
  const first = ctx.mentions.find((x) => x.start >= cue.end && x.end <= statusStart && ORG.includes(x.kind));
  const between = first ? rightObjects(ctx, first.t0, ORG, { list: true, max: 12 }).filter((x) => x.end <= statusStart) : [];
  if (between.length > 0) {
    for (const o of between) emit(o, cue, 'proscribed.declared', 0.9, { word });
    return;
  }
  if (STATUS.test(rest.trimStart()) || /^\s*(?:as\s+)?an?\s/i.test(rest)) {
    const subject = leftSubject(ctx, c, ORG, 12);
    for (const x of subject ? leftList(ctx, subject, ORG) : []) emit(x, cue, 'proscribed.declared', 0.85, { word });
  }
}
