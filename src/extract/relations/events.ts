/**
 * `founded` (with the date the text gives; no date, no fact) and `member_of` (a person and an
 * organisation joined by a role: `TLP chief X`, `X, the leader of Y`, `X is a commander of Y`,
 * `founded by X`).
 */
import { MEMBER_ROLES, PERSON_TITLES } from '../lexicon/words.js';
import type { Mention } from '../mentions/mention.js';
import type { Token } from '../text/tokenize.js';
import {
  cover, dateNear, leftSubject, matches, negated, ORG, rightObjects, tokenIndex, type Proposal, type SentenceContext,
} from './context.js';

const FOUNDED = /(?<!re-)(?<!re)\b(?:formed|founded|established|created|set\s+up|launched|came\s+into\s+(?:existence|being)|was\s+born|(?<!re-)(?<!re)emerged|floated|formation|founding|inception|raised)\b/gi;
const FOUNDED_BY = /\b(?:founded|formed|established|created|set\s+up|launched|led|headed|run)\s+by\b/gi;
const HEADS = /\b(?:heads|headed|leads|led|founded|runs|ran|commands|commanded)\b/gi;
const PERSONISH = ['person', 'unknown'] as const;

function isPerson(m: Mention | undefined): m is Mention {
  return !!m && (m.kind === 'person' || (m.kind === 'unknown' && m.t1 - m.t0 >= 2 && !m.acronym));
}

/** The name before `, which|who|that ... ,` when the clause closes at token `comma`. */
function subjectBeforeRelative(ctx: SentenceContext, comma: number): Mention | undefined {
  for (let k = comma - 1; k > Math.max(ctx.s.t0, comma - 20); k--) {
    if (ctx.doc.tokens[k]?.text !== ',' || !/^(?:which|who|that)$/.test(ctx.doc.tokens[k + 1]?.lower ?? '')) continue;
    return ctx.mentions.find((m) => m.t1 === k && ORG.includes(m.kind));
  }
  return undefined;
}

export function founded(ctx: SentenceContext, out: Proposal[]): void {
  for (const { start, end } of matches(ctx, FOUNDED)) {
    if (negated(ctx, start)) continue;
    const c = tokenIndex(ctx, start);
    // `Founded in 2013, the organisation ...`: the subject follows the fronted participle.
    const fronted = c === ctx.s.t0 ? ctx.mentions.find((m) => m.start > end && ORG.includes(m.kind) && ctx.doc.text.slice(end, m.start).includes(',')) : undefined;
    const subject = fronted ?? leftSubject(ctx, c, ORG);
    // A date inside a later clause about something else dates that (`formed after X was banned in 2016`).
    const own = { ...ctx, dates: ctx.dates.filter((d) => d.start < end || !/\b(?:after|before|when|following|until|once)\b/i.test(ctx.doc.text.slice(end, d.start))) };
    const date = subject ? dateNear(own, cover({ start, end }, subject), 400, 'founded') : null;
    if (!subject || !date) continue;
    out.push({ subject, predicate: 'founded', object: null, date, rule: 'founded.cue', base: 0.8, cue: { start, end } });
  }
  // `headed by X, who was succeeded by Y`: Y holds X's place in the same group.
  const pendingSuccessions: { before: Mention; after: Mention; cue: { start: number; end: number } }[] = [];
  for (const { start, end } of matches(ctx, /\bwho\s+(?:was|had\s+been|has\s+been)\s+(?:later\s+)?succeeded\s+by\b/gi)) {
    const c = tokenIndex(ctx, start);
    const before = ctx.mentions.find((m) => m.t1 === c - 1 && ctx.doc.tokens[c - 1]?.text === ',') ?? ctx.mentions.find((m) => m.t1 === c);
    const after = rightObjects(ctx, tokenIndex(ctx, end), PERSONISH, { max: 2 })[0];
    if (!before || !isPerson(after)) continue;
    // The group the predecessor was said to belong to, here or in the sentence's own `headed by` (read below first).
    pendingSuccessions.push({ before, after, cue: { start, end } });
  }
  for (const { start, end } of matches(ctx, FOUNDED_BY)) {
    const c = tokenIndex(ctx, start);
    // `The group, which operates from A and B, is led by X`: the subject before the relative clause.
    let p = c - 1;
    while (p > ctx.s.t0 && /^(?:is|was|are|were|been|has|have|had|being)$/.test(ctx.doc.tokens[p]?.lower ?? '')) p--;
    const org = (ctx.doc.tokens[p]?.text === ',' ? subjectBeforeRelative(ctx, p) : undefined) ?? leftSubject(ctx, c, ORG);
    // `led by veteran exiled leader Mir Noor Khan`: past the words that describe the person.
    let k = tokenIndex(ctx, end);
    const first = k;
    while (k < ctx.s.t1 && k - first < 5 && !ctx.startsAt.has(k)) {
      const w = ctx.doc.tokens[k] as Token;
      if (w.type !== 'word' || /^(?:and|or|the|a|an|which|who|that)$/.test(w.lower) || (w.cap && !PERSON_TITLES.has(w.lower))) break;
      k++;
    }
    const person = rightObjects(ctx, ctx.startsAt.has(k) ? k : first, PERSONISH, { max: 3 })[0];
    if (org && isPerson(person)) {
      person.kind = 'person';
      out.push({ subject: person, predicate: 'member_of', object: org, date: null, rule: 'member_of.founded-by', base: 0.75, cue: { start, end } });
    }
  }
  for (const { before, after, cue } of pendingSuccessions) {
    const held = [...out].reverse().find((p) => p.predicate === 'member_of' && p.subject.entity === before.entity && typeof p.object === 'object' && p.object !== null);
    if (!held || typeof held.object !== 'object' || held.object === null) continue;
    after.kind = 'person';
    out.push({ subject: after, predicate: 'member_of', object: held.object, date: null, rule: 'member_of.succeeded-by', base: 0.7, cue });
  }
}

export function membership(ctx: SentenceContext, out: Proposal[]): void {
  const { doc, s } = ctx;
  const push = (person: Mention, org: Mention, rule: string, cue: Token): void => {
    if (person.entity === org.entity) return;
    person.kind = 'person';
    out.push({ subject: person, predicate: 'member_of', object: org, date: null, rule, base: 0.75, cue: { start: cue.start, end: cue.end } });
  };
  for (let i = s.t0; i < s.t1; i++) {
    const role = doc.tokens[i] as Token;
    if (!MEMBER_ROLES.has(role.lower)) continue;
    // `ABC chief Maulana X`, `the group's chief Y` (the title is not part of the mention).
    // `its finance chief, X`: a lower-case word or two may qualify the role.
    let mod = i;
    while (mod > s.t0 && mod > i - 2 && doc.tokens[mod - 1]?.type === 'word' && !doc.tokens[mod - 1]?.cap && !ctx.mentions.some((m) => m.t1 === mod) &&
      !/^(?:a|an|the|and|or|of|its|their|his|her)$/.test(doc.tokens[mod - 1]?.lower ?? '')) mod--;
    let owner = ctx.mentions.find((m) => (m.t1 === i || m.t1 === mod) && ORG.includes(m.kind));
    // `its leader, X`, `the party's chief, X`.
    const possessive = doc.tokens[i - 1]?.lower === "'s" ? i - 1 : i;
    owner ??= ctx.mentions.find((m) => m.t1 === possessive && ORG.includes(m.kind));
    let k = i + 1;
    if (doc.tokens[k]?.text === ',') k++;
    while (k < s.t1 && PERSON_TITLES.has(doc.tokens[k]?.lower ?? '') && !ctx.mentions.some((m) => m.t0 === k)) k++;
    const next = ctx.mentions.find((m) => m.t0 === k);
    if (owner && isPerson(next)) {
      push(next, owner, 'member_of.org-role-name', role);
      continue;
    }
    // `X, MAL's chief fundraiser`, `Y, a MAL senior commander who ...`: the role's holder is the name before the apposition.
    let o = i;
    while (o > s.t0 && o > i - 3 && doc.tokens[o - 1]?.type === 'word' && !doc.tokens[o - 1]?.cap && doc.tokens[o - 1]?.lower !== "'s" && !['a', 'an', 'the'].includes(doc.tokens[o - 1]?.lower ?? '')) o--;
    const holderOwner = owner ?? ctx.mentions.find((m) => (m.t1 === o || (m.t1 === o - 1 && doc.tokens[o - 1]?.lower === "'s")) && ORG.includes(m.kind));
    if (holderOwner) {
      let b = holderOwner.t0 - 1;
      if (['a', 'an', 'the'].includes(doc.tokens[b]?.lower ?? '')) b--;
      const holder = doc.tokens[b]?.text === ',' ? ctx.mentions.find((m) => m.t1 === b) : undefined;
      if (holder && holder.kind === 'person') {
        push(holder, holderOwner, 'member_of.apposition-role', role);
        continue;
      }
    }
    // `X, the leader of Y`, `X is a Commander of Y`, `X, a member of Y`.
    if (doc.tokens[i + 1]?.lower === 'of') {
      const target = rightObjects(ctx, i + 2, ORG, { max: 4 })[0];
      let p = i - 1;
      while (p > s.t0 && /^(the|a|an|is|was|,|senior|top|former|deputy|chief|key|self-styled|alleged)$/.test(doc.tokens[p]?.lower ?? '')) p--;
      const person = ctx.mentions.find((m) => m.t1 === p + 1);
      if (target && isPerson(person)) push(person, target, 'member_of.role-of', role);
      else if (target) {
        // `the chief of Y, X`.
        const after = doc.tokens[target.t1]?.text === ',' ? ctx.mentions.find((m) => m.t0 === target.t1 + 1) : undefined;
        if (isPerson(after)) push(after, target, 'member_of.role-of', role);
      }
    }
  }
  for (const { start, end } of matches(ctx, HEADS)) {
    const c = tokenIndex(ctx, start);
    const person = leftSubject(ctx, c, PERSONISH);
    const org = rightObjects(ctx, tokenIndex(ctx, end), ORG, { max: 3 })[0];
    if (isPerson(person) && org && person.kind === 'person') push(person, org, 'member_of.heads', doc.tokens[c] as Token);
  }
}
