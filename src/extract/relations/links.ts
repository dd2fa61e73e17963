/**
 * Relations between two named things, driven by cue phrases: lineage (`offshoot of`,
 * `proxy of`, `renamed`), ties (`linked with`, `allied with`), support (`pro-Iran`,
 * `Iran-backed`, `backed by`), opposition (`fighting against`). Most read `X <cue> Y` with X the
 * clause subject left of the cue; the possessive `Y's offshoot X` and the prefix `Y-backed X`
 * read the other way.
 */
import type { Predicate } from '../../model/types.js';
import { GENERIC_ORG_NOUNS } from '../lexicon/words.js';
import type { Mention } from '../mentions/mention.js';
import type { Token } from '../text/tokenize.js';
import {
  dateNear, hedgedIntent, leftSubject, matches, negated, ORG, ORG_OR_PLACE, rightItems, rightObjects, scheduledDate, spanOf, tokenIndex, type Kinds, type Proposal,
  type SentenceContext,
} from './context.js';

interface LinkRule {
  id: string;
  predicate: Predicate;
  re: RegExp;
  base: number;
  objectKinds: Kinds;
  /** The name after the cue is the subject (`X was renamed Y`: Y succeeds X). */
  reverse?: boolean;
}

const WING = String.raw`(?:(?:armed|militant|political|student|students|youth|women'?s|military|media|charity|charitable|social|welfare|international|overseas|local|regional|pakistani|indian|afghan|syrian|new)\s+)?`;

const RULES: LinkRule[] = [
  { id: 'offshoot_of.of', predicate: 'offshoot_of', base: 0.85, objectKinds: ORG,
    re: new RegExp(String.raw`\b(?:offshoots?|off-shoots?|splinter(?:\s+group|\s+faction)?|factions?|breakaway(?:\s+group|\s+faction)?|${WING}wing|branch|franchise|spin-?off|chapter|${WING}arm|sub-?group|sub-?organi[sz]ation|outgrowth)\s+(?:group\s+|faction\s+|outfit\s+)?(?:of|from|within)\b`, 'gi') },
  { id: 'offshoot_of.broke-away', predicate: 'offshoot_of', base: 0.8, objectKinds: ORG,
    re: /\b(?:broke|breaks|broken|split|splintered|splits|separated|branched|breaking)\s+(?:away\s+|off\s+)?from\b/gi },
  { id: 'front_for.of', predicate: 'front_for', base: 0.85, objectKinds: ORG_OR_PLACE,
    re: /\b(?:fronts?|prox(?:y|ies)|covers?|façades?|facades?|mouthpieces?|extensions?|manifestation|reincarnation|avatar|incarnation|new face)\s+(?:outfit\s+|group\s+|organi[sz]ation\s+|name\s+|organi[sz]ations\s+)?(?:of|for)\b/gi },
  { id: 'successor_of.renamed', predicate: 'successor_of', base: 0.85, objectKinds: ORG, reverse: true,
    re: /\b(?:renamed(?:\s+itself)?(?:\s+as)?|re-?emerged\s+(?:as|under)|rebranded(?:\s+itself)?\s+as|resurfaced\s+(?:as|under(?:\s+the\s+name)?)|changed\s+its\s+name\s+to|reconstituted\s+as|re-?formed\s+as|reorgani[sz]ed\s+as|re-?named|now\s+(?:known|called|operating)\s+as|later\s+became|turned\s+into|re-?appeared\s+as|reinvented\s+itself\s+as|reborn\s+as|re-?launched\s+(?:itself\s+)?as|morphed\s+into|resurfaced\s+as|(?:was|were|came)\s+back\s+(?:\w+\s+){0,3}?as|returned\s+(?:\w+\s+){0,3}?as)\b/gi },
  { id: 'successor_of.formerly', predicate: 'successor_of', base: 0.8, objectKinds: ORG,
    re: /\b(?:formerly|previously|earlier|originally|once|initially)\s+(?:known\s+as|called|named)?|\b(?:successor|new\s+name|continuation|re-?incarnation|(?:re-?formed|new|rebranded|renamed|revived|resurrected)\s+(?:version|avatar|incarnation|form|edition))\s+(?:organi[sz]ation\s+|group\s+|outfit\s+)?(?:of|to|for)\b/gi },
  { id: 'affiliated_with.linked', predicate: 'affiliated_with', base: 0.7, objectKinds: ORG,
    re: /\b(?:linked|associated|affiliated|connected|tied|aligned|attached|close)\s+(?:with|to)\b|\b(?:affiliates?|associates?|associate\s+organi[sz]ation)\s+of\b|\b(?:ties|links|connections|association|affiliation|liaison|nexus|contacts)\s+(?:with|to)\b/gi },
  { id: 'allied_with.allied', predicate: 'allied_with', base: 0.75, objectKinds: ORG,
    re: /\b(?:allied\s+(?:with|to)|allies?\s+of|(?:in\s+)?alliance\s+with|joined\s+hands\s+with|partnered\s+with|coalition\s+with|merged\s+with)\b/gi },
  { id: 'opposes.fight', predicate: 'opposes', base: 0.7, objectKinds: ORG_OR_PLACE,
    re: /\b(?:fight(?:s|ing)?|fought|battl(?:e|es|ed|ing)|combat(?:s|ed|ing|ting)?|wag(?:e|es|ed|ing)\s+war|at\s+war|rivals?|rivalry|opposed|oppos(?:e|es|ing)|clash(?:es|ed|ing)?)(?:\s+(?:against|with|on|of|to))?\b/gi },
  { id: 'supported_by.backed-by', predicate: 'supported_by', base: 0.75, objectKinds: ORG_OR_PLACE,
    re: /\b(?:backed|sponsored|funded|supported|financed|armed|trained|aided|propped\s+up|bankrolled)\s+by\b/gi },
];

const POSSESSIVE_CUE = /^(?:offshoot|off-shoot|splinter|faction|wing|arm|branch|franchise|front|proxy|affiliate|successor|squad|unit)s?$/i;
const PREFIX_CUE: Record<string, Predicate> = { backed: 'supported_by', sponsored: 'supported_by', funded: 'supported_by', supported: 'supported_by', based: 'based_in', linked: 'affiliated_with', affiliated: 'affiliated_with', allied: 'allied_with', aligned: 'allied_with' };

function orgOf(m: Mention): boolean {
  return ORG.includes(m.kind);
}

export function links(ctx: SentenceContext, out: Proposal[]): void {
  for (const rule of RULES) {
    for (const { start, end } of matches(ctx, rule.re)) {
      if (negated(ctx, start)) continue;
      const c = tokenIndex(ctx, start);
      // `the paraphernalia associated with X`: a participle after a common noun describes that noun.
      const before = ctx.doc.tokens[c - 1];
      if (rule.predicate === 'affiliated_with' && before && before.type === 'word' && !before.cap && !/ly$/.test(before.lower) &&
        !/^(?:is|are|was|were|be|been|being|remains|became|group|outfit|organisation|organization|party|front|closely|also|and)$/.test(before.lower) &&
        /^(?:linked|associated|affiliated|connected|tied|aligned|attached|close)$/i.test(ctx.doc.tokens[c]?.text ?? '')) continue;
      const after = tokenIndex(ctx, end);
      const left = leftSubject(ctx, c, ORG);
      // `X, a faction of A and B, a franchise of C`: a later name with its own apposition starts a new statement.
      const right = rightObjects(ctx, after, rule.reverse ? ORG : rule.objectKinds, { list: rule.predicate !== 'successor_of' })
        .filter((r, k) => k === 0 || !ownApposition(ctx, r));
      // `X emerged in 2019, when Y renamed itself`: the new name is the sentence's subject.
      if (left && right.length === 0 && rule.reverse && /itself/i.test(ctx.doc.text.slice(start, end))) {
        const main = ctx.mentions.find((m) => orgOf(m) && m.t1 <= left.t0 && m.entity !== left.entity);
        if (main) out.push({ subject: main, predicate: rule.predicate, object: left, date: null, rule: `${rule.id}-itself`, base: rule.base * 0.9, cue: { start, end } });
        continue;
      }
      if (!left && right.length > 0 && !rule.reverse) {
        // `These groups ... are said to be fronts of the NLF`: every group of the list just reported.
        for (const member of listJustReported(ctx, out, c)) {
          for (const r of right) if (r.entity !== member.entity) out.push({ subject: member, predicate: rule.predicate, object: r, date: null, rule: `${rule.id}-plural`, base: rule.base * 0.85, cue: { start, end } });
        }
        continue;
      }
      if (!left || right.length === 0) continue;
      for (const r of right) {
        const [subject, object] = rule.reverse ? [r, left] : [left, r];
        let predicate = rule.predicate;
        // A state as the principal of a proxy is its backer, not an organisation it fronts for.
        if (predicate === 'front_for' && object.kind === 'place') predicate = 'supported_by';
        if (predicate === 'opposes' && object.kind === 'place' && object.placeLevel !== 'country') continue;
        out.push({ subject, predicate, object, date: null, rule: rule.id, base: rule.base, cue: { start, end } });
      }
    }
  }
  possessives(ctx, out);
  prefixes(ctx, out);
  sublists(ctx, out);
  otherNames(ctx, out);
}

const OPERATES_AS = /\b(?:also\s+)?(?:(?:operates|operated|goes|went)\s+(?:as|under|by)\s+(?:the\s+)?(?:names?\s+(?:of\s+)?)?|(?:uses|used)\s+the\s+names?\s+)/gi;
const AMONG_ALIASES = /\b(?:among|as\s+one\s+of)\s+(?:its|their)\s+(?:aliases|other\s+names|names)\b/gi;
const OTHER_NAMES = /\b(?:(?:other|alternative|alternate|former|different|new)\s+names?|under\s+(?:the\s+)?(?:new\s+)?names?|(?:covers?|covering|includes?|extends?\s+to)\s+the\s+names?)\b(?:\s*(?:,|:|including|such\s+as|like|of|as)\s*)*/gi;

/**
 * `the order covers the group's other names, X and Y`, `it will be banned under the names X, Y
 * and Z`: each name is another name of the group the phrase belongs to.
 */
const NAME_FOR = /\b(?:is|was|are)\s+(?:also\s+)?(?:another|an\s+alternative|a\s+new|the\s+new|a\s+former|an\s+other)\s+name\s+(?:for|of|used\s+by)\b/gi;
/** `an order recognised X and Y as other names for the group`, `... as aliases of Z`. */
const RECOGNISED_AS = /\b(?:recogni[sz](?:e|es|ed|ing)|specif(?:y|ies|ied)|add(?:s|ed)?)\b([^.;]{1,160}?)\bas\s+(?:(?:other|alternative|additional)?\s*(?:names|aliases)|an?\s+(?:other\s+|alternative\s+)?(?:name|alias))\s+(?:for|of)\b/gi;

function otherNames(ctx: SentenceContext, out: Proposal[]): void {
  const { doc } = ctx;
  for (const { m, start, end } of matches(ctx, RECOGNISED_AS)) {
    const owner = rightObjects(ctx, tokenIndex(ctx, end), ORG)[0] ?? ctx.heading;
    const namesStart = start + m[0].indexOf(m[1] ?? '');
    const names = ctx.mentions.filter((x) => x.via === 'name' && x.start >= namesStart && x.end <= end && ORG.includes(x.kind));
    // `the order, in force from Monday, names X and Y as aliases of the group`: the order bans the names too.
    const order = /\b(?:order|proscri|ban)/i.test(ctx.text);
    const date = order ? scheduledDate(ctx, start) ?? dateNear(ctx, { start, end }) : null;
    for (const n of names) {
      if (!owner || n.entity === owner.entity) continue;
      out.push({ subject: owner, predicate: 'alias', object: n.name, date: null, rule: 'alias.recognised', base: 0.85, cue: { start, end } });
      // Another name of a group names a group, whatever its words look like (`Call4Noor`).
      if (n.kind === 'unknown') n.cue = 'organisation';
      if (order && !hedgedWithoutSchedule(ctx, start)) out.push({ subject: n, predicate: 'proscribed', object: null, date, rule: 'proscribed.recognised-alias', base: 0.75, cue: { start, end } });
    }
  }
  // `Also known as the Thunderbolt Brigades.` in an entry: another name of its heading.
  if (ctx.heading && /^\s*(?:also\s+known\s+as|a\.k\.a\.?|formerly\s+known\s+as)\s/i.test(ctx.text)) {
    for (const n of rightObjects(ctx, ctx.s.t0 + 3, ORG, { list: true, max: 8 })) {
      if (n.entity !== ctx.heading.entity) out.push({ subject: ctx.heading, predicate: 'alias', object: n.name, date: null, rule: 'alias.entry', base: 0.85, cue: { start: ctx.s.start, end: n.end } });
    }
  }
  // `Steel Wolves is another name for the Iron Wolf Brotherhood`.
  for (const { start, end } of matches(ctx, NAME_FOR)) {
    const alias = leftSubject(ctx, tokenIndex(ctx, start), ORG);
    const owner = rightObjects(ctx, tokenIndex(ctx, end), ORG)[0];
    if (alias && owner && alias.entity !== owner.entity && alias.via === 'name') {
      out.push({ subject: owner, predicate: 'alias', object: alias.name, date: null, rule: 'alias.name-for', base: 0.85, cue: { start, end } });
    }
  }
  // `The MIF, which attacks railway lines ..., also operates as the Sindh Mukti Lashkar`: past a relative clause.
  for (const { start, end } of matches(ctx, OPERATES_AS)) {
    const c = tokenIndex(ctx, start);
    const owner = leftSubject(ctx, c, ORG);
    // A name right before the phrase is read with its apposition in aliases.ts; a pronoun or a far subject here.
    if (!owner || owner.entity === undefined || (owner.via === 'name' && (owner.t1 >= c - 1 || c - ctx.s.t0 < 8))) continue;
    for (const { mention } of rightItems(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 6 })) {
      if (mention.via === 'name' && mention.entity !== owner.entity) out.push({ subject: owner, predicate: 'alias', object: mention.name, date: null, rule: 'alias.operates-as', base: 0.8, cue: { start, end } });
    }
  }
  // `listed X among its aliases`: the name before the phrase is another name of the group `its` refers to.
  for (const { start, end } of matches(ctx, AMONG_ALIASES)) {
    const c = tokenIndex(ctx, start);
    const owner = ctx.mentions.find((m) => m.start >= start && m.end <= end && m.via === 'pronoun');
    const alias = ctx.mentions.find((m) => m.t1 === c && m.via === 'name' && orgOf(m));
    if (owner && alias && owner.entity !== undefined && alias.entity !== owner.entity) {
      out.push({ subject: owner, predicate: 'alias', object: alias.name, date: null, rule: 'alias.among', base: 0.8, cue: { start, end } });
    }
  }
  for (const { start, end } of matches(ctx, OTHER_NAMES)) {
    const c = tokenIndex(ctx, start);
    let p = c - 1;
    if (doc.tokens[p]?.lower === "'s") p--;
    const owner = ctx.mentions.find((m) => m.t1 === p + 1 && orgOf(m) && (m.t1 - m.t0 > 0)) ?? leftSubject(ctx, c, ORG) ?? ctx.heading ??
      // `The proscription order also covers the names X and Y`: the group the order bans.
      [...out].reverse().find((x) => x.predicate === 'proscribed' && x.subject.sentence >= ctx.s.index - 2)?.subject;
    if (!owner || owner.entity === undefined) continue;
    for (const { mention } of rightItems(ctx, tokenIndex(ctx, end), ORG, { list: true, max: 12 })) {
      // A spelling the text gives as another name is one, even where it folds to the group's own.
      if (mention.via !== 'name' || (mention.entity === owner.entity && mention.name === owner.name)) continue;
      out.push({ subject: owner, predicate: 'alias', object: mention.name, date: null, rule: 'alias.other-names', base: 0.8, cue: { start, end } });
    }
  }
}

const SUBLIST: Record<string, Predicate> = {
  affiliate: 'affiliated_with', affiliates: 'affiliated_with', associates: 'affiliated_with', offshoot: 'offshoot_of', offshoots: 'offshoot_of',
  faction: 'offshoot_of', factions: 'offshoot_of', wing: 'offshoot_of', wings: 'offshoot_of', branch: 'offshoot_of', branches: 'offshoot_of',
  franchise: 'offshoot_of', franchises: 'offshoot_of', front: 'front_for', fronts: 'front_for', proxies: 'front_for', allies: 'allied_with',
};

/** `three Al Qaida affiliates: X, Y and Z; five Daesh affiliates: ...`: each name under its heading. */
function sublists(ctx: SentenceContext, out: Proposal[]): void {
  const { doc } = ctx;
  const heads = ctx.mentions.filter((m) => orgOf(m) && SUBLIST[doc.tokens[m.t1]?.lower ?? ''] && /^[:—–]$/.test(doc.tokens[m.t1 + 1]?.text ?? ''));
  heads.forEach((owner, k) => {
    const predicate = SUBLIST[doc.tokens[owner.t1]?.lower ?? ''] as Predicate;
    const next = heads[k + 1];
    for (const { mention } of rightItems(ctx, owner.t1 + 2, ORG, { list: true, max: 12 })) {
      if (next && mention.t0 >= next.t0) break;
      if (mention.entity === owner.entity) continue;
      const cue = spanOf(doc, owner.t0, owner.t1 + 1);
      out.push({ subject: mention, predicate, object: owner, date: null, rule: `${predicate}.sublist`, base: 0.75, cue });
    }
  });
}

/** `Y (YA), a franchise of ...`: the name is followed by a description of its own. */
function ownApposition(ctx: SentenceContext, m: Mention): boolean {
  const toks = ctx.doc.tokens;
  let i = m.t1;
  if (toks[i]?.text === '(') {
    while (i < ctx.s.t1 && toks[i]?.text !== ')') i++;
    i++;
  }
  return toks[i]?.text === ',' && /^(?:a|an)$/i.test(toks[i + 1]?.text ?? '');
}

/** `Example Army's offshoot – the Example Front –`, `Jaish offshoot XYZ`. */
function possessives(ctx: SentenceContext, out: Proposal[]): void {
  const { doc, s } = ctx;
  for (let i = s.t0 + 1; i < s.t1; i++) {
    const t = doc.tokens[i] as Token;
    // `its youth organisation, X`, `the party's student league`: a body for some of its members is a wing.
    const memberBody = /^(?:organi[sz]ations?|leagues?|groups?|movements?|federations?|unions?)$/.test(t.lower) &&
      /^(?:youth|student|students|women|women's|womens|ladies)$/.test(doc.tokens[i - 1]?.lower ?? '');
    if (!POSSESSIVE_CUE.test(t.lower) && !memberBody) continue;
    // `the armed wing of the Noor Movement, the Noor Brigades`: the owner after `of`, the name after the comma.
    const ofOwner = doc.tokens[i + 1]?.lower === 'of' ? ctx.mentions.find((m) => m.t0 === i + 2 && orgOf(m)) : undefined;
    if (ofOwner && doc.tokens[ofOwner.t1]?.text === ',') {
      const named = ctx.mentions.find((m) => m.t0 === ofOwner.t1 + 1 && orgOf(m) && m.entity !== ofOwner.entity);
      if (named) {
        const w = t.lower.replace(/s$/, '');
        const predicate: Predicate = w === 'front' || w === 'proxy' ? 'front_for' : w === 'affiliate' ? 'affiliated_with' : w === 'successor' ? 'successor_of' : 'offshoot_of';
        out.push({ subject: named, predicate, object: ofOwner, date: null, rule: `${predicate}.of-apposition`, base: 0.8, cue: { start: t.start, end: t.end } });
        continue;
      }
    }
    let p = i - 1;
    // `its humanitarian arm`, `the group's armed wing`: describing words between the owner and the cue.
    while (p > s.t0 && p >= i - 3 && doc.tokens[p]?.type === 'word' && !doc.tokens[p]?.cap && !/^(?:its|their|'s|of|and|the|a|an)$/.test(doc.tokens[p]?.lower ?? '')) p--;
    if (doc.tokens[p]?.lower === "'s") p--;
    const owner = ctx.mentions.find((m) => m.t1 === p + 1 && orgOf(m));
    if (!owner) continue;
    const named = rightObjects(ctx, i + 1, ORG, { max: 3 });
    const target = named[0];
    if (!target || target.entity === owner.entity) continue;
    const w = t.lower.replace(/s$/, '');
    const predicate: Predicate = w === 'front' || w === 'proxy' ? 'front_for' : w === 'affiliate' ? 'affiliated_with' : w === 'successor' ? 'successor_of' : 'offshoot_of';
    out.push({ subject: target, predicate, object: owner, date: null, rule: `${predicate}.possessive`, base: 0.8, cue: { start: t.start, end: t.end } });
  }
}

/** A hedge (`may recognise`, `plans to`) with no decided day: no ban follows from it. */
function hedgedWithoutSchedule(ctx: SentenceContext, at: number): boolean {
  return hedgedIntent(ctx, at) && scheduledDate(ctx, at) === null;
}

/**
 * The groups a plural description opening the sentence refers to (`These organizations`, `The
 * six groups`): those of the last enumeration banned in the two sentences before, if it named several.
 */
function listJustReported(ctx: SentenceContext, out: Proposal[], cue: number): Mention[] {
  const lead = ctx.doc.text.slice(ctx.s.start, (ctx.doc.tokens[cue] as Token).start);
  if (!/^\s*(?:these|those|the|all)\s+(?:(?:six|five|four|three|two|seven|eight|nine|ten|\d+)\s+)?(?:[a-z]+\s+){0,2}?(?:organi[sz]ations|groups|outfits|entities|institutions|associations)\b/i.test(lead)) return [];
  const last = [...out].reverse().find((p) => p.predicate === 'proscribed' && p.subject.sentence < ctx.s.index && p.subject.sentence >= ctx.s.index - 2);
  if (!last) return [];
  const members = out.filter((p) => p.predicate === 'proscribed' && p.cue.start === last.cue.start && p.cue.end === last.cue.end).map((p) => p.subject);
  return members.length >= 2 ? members : [];
}

const BUSINESS_NOUNS = new Set(['business', 'company', 'firm', 'charity', 'exchange', 'foundation', 'trust', 'bank']);

/** `Iran-backed X`, `Pakistan-based X`, `pro-Iran group`. */
function prefixes(ctx: SentenceContext, out: Proposal[]): void {
  const { doc, s } = ctx;
  for (let i = s.t0; i + 2 < s.t1; i++) {
    const dash = doc.tokens[i + 1] as Token;
    if (dash.text !== '-' && dash.text !== '‐') {
      // `JeM affiliated organisations X`: the same without the hyphen, after an organisation's name.
      const pred = PREFIX_CUE[dash.lower];
      const owner = pred ? ctx.mentions.find((m) => m.t1 === i + 1 && orgOf(m)) : undefined;
      if (owner && pred && pred !== 'based_in' && GENERIC_ORG_NOUNS.has(doc.tokens[i + 2]?.lower ?? '')) {
        for (const target of rightObjects(ctx, i + 3, ORG, { list: true, max: 3 })) {
          if (target.entity === owner.entity) continue;
          out.push({ subject: target, predicate: pred, object: owner, date: null, rule: `${pred}.prefix`, base: 0.7, cue: { start: owner.start, end: dash.end } });
        }
      }
      continue;
    }
    const a = doc.tokens[i] as Token;
    const b = doc.tokens[i + 2] as Token;
    if (a.lower === 'pro' || a.lower === 'anti') {
      const backer = ctx.mentions.find((m) => m.t0 === i + 2 && (m.kind === 'place' || orgOf(m)));
      if (!backer) continue;
      const target = describedOrg(ctx, backer.t1);
      if (!target || target.entity === backer.entity) continue;
      out.push({
        subject: target, predicate: a.lower === 'pro' ? 'supported_by' : 'opposes', object: backer, date: null,
        rule: a.lower === 'pro' ? 'supported_by.pro' : 'opposes.anti', base: 0.65, cue: { start: a.start, end: backer.end },
      });
      continue;
    }
    const predicate = PREFIX_CUE[b.lower];
    if (!predicate) continue;
    const first = ctx.mentions.find((m) => m.t1 === i + 1);
    if (!first || (predicate === 'based_in' && first.kind !== 'place')) continue;
    const target = rightObjects(ctx, i + 3, ORG, { max: 5 })[0] ?? describedOrg(ctx, i + 3);
    if (!target || target.entity === first.entity) continue;
    out.push({ subject: target, predicate, object: first, date: null, rule: `${predicate}.prefix`, base: 0.75, cue: { start: first.start, end: b.end } });
  }
}

/**
 * The organisation a descriptive noun phrase starting at token `from` is about: a name right
 * after it (`pro-Iran group Liwa X`) or the subject it is predicated of (`X is a pro-Iran group`).
 */
function describedOrg(ctx: SentenceContext, from: number): Mention | undefined {
  const { doc, s } = ctx;
  // `a Gaziantep-based money services business`: companies and charities are described too.
  const noun = (k: number): boolean => GENERIC_ORG_NOUNS.has(doc.tokens[k]?.lower ?? '') || BUSINESS_NOUNS.has(doc.tokens[k]?.lower ?? '');
  let i = from;
  while (i < s.t1 && !noun(i) && i - from < 4) {
    if (ctx.mentions.some((m) => m.t0 === i)) break;
    i++;
  }
  const named = ctx.mentions.find((m) => m.t0 >= from && m.t0 <= i + 1 && orgOf(m));
  if (named) return named;
  if (!noun(i)) return undefined;
  const subject = leftSubject(ctx, from, ORG, 30);
  if (!subject) return undefined;
  // Between the subject and the phrase only a copula, an apposition or a parenthesis may stand.
  const gap = doc.text.slice(subject.end, (doc.tokens[from] as Token).start);
  return /^\s*(?:\([^)]*\)\s*)?(?:,|is|was|are|were|remains|became)?\s*(?:an?|the)?\s*(?:pro|anti)?-?[^,;.]{0,30}$/i.test(gap) ? subject : undefined;
}
