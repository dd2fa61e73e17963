/**
 * What a proper-noun chunk names, from its own words: a body (`... Ministry`), a statute, an
 * organisation (`... Brigade`, `Lashkar-e-...`, romanised names with `-ul-`/`-e-`), a place
 * (gazetteer, or `X district`), an outlet, a person after a title. Anything else stays
 * `unknown` until its context (stage `context.ts`) says more.
 */
import type { Doc } from '../document.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { knownCountry, KNOWN_AUTHORITIES, KNOWN_LAWS } from '../lexicon/jurisdictions.js';
import { AUTHORITY_HEADS, LAW_HEADS, MILITANT_MODIFIERS, ORG_HEADS, PERSON_TITLES, PLACE_SUFFIXES, PUBLICATION_HEADS } from '../lexicon/words.js';
import type { Token } from '../text/tokenize.js';
import type { Chunk } from './chunk.js';
import type { Mention } from './mention.js';

const ROMANISED = /\p{L}[-‐‑](?:ul|al|el|e|i|ud|ur|us|ut|un|ush|ut|ad|ar|as|at|az)[-‐‑]\p{L}/iu;

function firstSegment(t: Token): string {
  const first = (t.lower.split(/[-‐‑]/)[0] ?? t.lower).replace(/['’]/g, '');
  // `Jamaatud Dawa`, `Hizbul Mujahideen`: the head with its particle fused on.
  return ORG_HEADS.has(first) ? first : first.replace(/(ul|ud|ur|us|ut)$/, '');
}

/** Words that make `... Agency` a state body; otherwise `Kurram Agency` is a tribal district. */
const BODY_MODIFIERS = new Set([
  'national', 'central', 'federal', 'intelligence', 'investigation', 'investigative', 'crime', 'security', 'enforcement',
  'defence', 'defense', 'police', 'revenue', 'border', 'drug', 'drugs', 'counter', 'terrorism', 'environmental', 'news',
  'space', 'energy', 'protection', 'financial', 'food', 'health', 'safety', 'state', 'customs', 'immigration',
]);
/** Capitalised words that may stand before a title in one chunk: `Prime Minister`, `Punjab Chief Minister`. */
const TITLE_PREFIX = new Set([
  'prime', 'home', 'interior', 'foreign', 'chief', 'deputy', 'federal', 'state', 'general', 'vice', 'senior', 'defence',
  'defense', 'finance', 'law', 'information', 'religious', 'affairs', 'former', 'union', 'provincial', 'supreme',
]);

function make(doc: Doc, t0: number, t1: number, sentence: number, id: number): Mention {
  const start = (doc.tokens[t0] as Token).start;
  const end = (doc.tokens[t1 - 1] as Token).end;
  const text = doc.text.slice(start, end);
  return { id, start, end, t0, t1, sentence, text, name: text.replace(/\s+/g, ' '), kind: 'unknown', via: 'name', acronym: false };
}

/** Words of listing categories (`Foreign Terrorist Organization`, `Specially Designated Global Terrorist`). */
const CATEGORY = new Set([
  'foreign', 'terrorist', 'organization', 'organisation', 'specially', 'designated', 'global', 'entity', 'proscribed',
  'banned', 'unlawful', 'association', 'individual', 'listed', 'terrorism', 'group', 'groups', 'organisations', 'organizations',
]);

/** Capitalised adjectives of creed or ideology: `the Islamist group` names no group. */
const IDEOLOGY = new Set([
  'islamist', 'islamic', 'jihadist', 'jihadi', 'salafist', 'salafi', 'wahhabi', 'deobandi', 'barelvi', 'sunni', 'shia', 'shiite',
  "shi'ite", 'muslim', 'christian', 'hindu', 'sikh', 'jewish', 'zionist', 'marxist', 'maoist', 'leninist', 'communist', 'fascist',
  'nazi', 'neo-nazi', 'anarchist', 'nationalist', 'separatist', 'sectarian', 'left-wing', 'right-wing', 'far-right', 'far-left',
]);

/** Peoples, sects and communities of the regions the news covers, plural forms included. */
const COMMUNITIES = new Set([
  'baloch', 'baluch', 'balochs', 'pashtun', 'pashtuns', 'pakhtun', 'pakhtuns', 'pathan', 'pathans', 'sindhi', 'sindhis',
  'punjabi', 'punjabis', 'muhajir', 'muhajirs', 'mohajir', 'mohajirs', 'hazara', 'hazaras', 'ahmadi', 'ahmadis', 'shias',
  'shiites', 'sunnis', 'kashmiri', 'kashmiris', 'pandits', 'uyghur', 'uyghurs', 'uighur', 'uighurs', 'kurds', 'kurd',
  'rohingya', 'tamil', 'tamils', 'sikhs', 'hindus', 'christians', 'muslims', 'jews', 'alawite', 'alawites', 'druze',
  'yazidi', 'yazidis', 'ismaili', 'ismailis', 'bohra', 'bohras', 'dalit', 'dalits', 'adivasi', 'adivasis', 'naga', 'nagas',
  'mizo', 'mizos', 'bengali', 'bengalis', 'biharis', 'tribesmen', 'diaspora', 'community', 'communities', 'minority', 'minorities',
]);

/** Words that name a government portfolio (`of Public Safety`, `for Home Affairs`). */
const PORTFOLIO = new Set([
  'public', 'safety', 'interior', 'home', 'affairs', 'defence', 'defense', 'foreign', 'justice', 'finance', 'state', 'security',
  'homeland', 'internal', 'law', 'religious', 'information', 'immigration', 'emergency', 'preparedness', 'national', 'treasury',
  'counter-terrorism', 'policing', 'citizenship', 'commonwealth', 'development', 'external', 'legal',
]);

export function classifyChunk(doc: Doc, chunk: Chunk, nextId: () => number): Mention[] {
  const toks = doc.tokens;
  const g = gazetteer();
  const words = toks.slice(chunk.t0, chunk.t1);
  if (words.every((w) => CATEGORY.has(w.lower))) return [];
  // `an FTO`, `SDGTs`, `the Order`: a listing category or an instrument is no group.
  if (words.length === 1 && /^(?:FTOs?|SDGTs?|SDNs?|Orders?|Gazette|Notification|Schedule)$/.test((words[0] as Token).text)) return [];
  // `First Schedule`, `Fourth Schedule`, `Consolidated List`: a list is where groups are named, not a group.
  if (words.length >= 2 && ['schedule', 'list'].includes((words[words.length - 1] as Token).lower) && !words.some((w) => ORG_HEADS.has(w.lower))) return [];
  const m = make(doc, chunk.t0, chunk.t1, chunk.sentence, nextId());
  const first = words[0] as Token;
  const lowers = words.map((w) => w.lower);

  // `Minister of Public Safety`, `Secretary of State`: an office named by its portfolio is a body, not a person.
  const office = words.findIndex((w) => PERSON_TITLES.has(w.lower) && AUTHORITY_HEADS.has(w.lower));
  if (office >= 0 && ['of', 'for'].includes(lowers[office + 1] ?? '') && office + 2 < words.length &&
    words.slice(office + 2).every((w) => PORTFOLIO.has(w.lower) || w.lower === 'and' || w.lower === 'the')) {
    m.kind = 'authority';
    m.authorityRank = 2;
    const known = knownCountry(KNOWN_AUTHORITIES, m.name);
    if (known) m.country = known;
    return [m];
  }

  // `Prime Minister Imran Khan`, `Home Secretary Priti Patel`: the title is not the name.
  // `Islamic State West Africa Province`, `Islamic State in Libya`: a creed's state is a group, wherever it is.
  const creedState = words.some((w, k) => w.lower === 'state' && k > 0 && IDEOLOGY.has((words[k - 1] as Token).lower));
  const hasOrg = creedState || words.some((w) => ORG_HEADS.has(w.lower) || ORG_HEADS.has(firstSegment(w)) || ORG_HEADS.has(w.lower.replace(/['’]/g, '')));
  if (!hasOrg && words.length >= 2) {
    // Only a title at the front counts (`Mohammad Amir Rana` is a name, not `Amir` + `Rana`); the
    // front may hold a place and a body too (`Khyber Pakhtunkhwa Chief Minister X`, `Member of Assembly X`).
    const titleish = (b: Token): boolean => PERSON_TITLES.has(b.lower.replace(/\.$/, '')) || TITLE_PREFIX.has(b.lower) ||
      AUTHORITY_HEADS.has(b.lower) || ['of', 'the', 'and', 'member', 'national', 'provincial'].includes(b.lower) ||
      g.lookup(b.text).length > 0 || !!g.demonym(b.text);
    let title = -1;
    let front = 0;
    for (let len = words.length - 2; len >= 2; len--) {
      const lead = doc.text.slice((words[0] as Token).start, (words[len - 1] as Token).end);
      if (g.lookup(lead).length > 0) {
        front = len;
        break;
      }
    }
    while (front < words.length - 1 && titleish(words[front] as Token)) front++;
    for (let k = 0; k < front; k++) {
      const w = words[k] as Token;
      if (PERSON_TITLES.has(w.lower.replace(/\.$/, '')) || w.lower === 'member') title = front - 1;
    }
    if (title >= 0) {
      const person = make(doc, chunk.t0 + title + 1, chunk.t1, chunk.sentence, nextId());
      person.kind = 'person';
      person.cue = 'person';
      if (title === 0) person.altNames = [m.name];
      return [person];
    }
  }

  if (words.length === 1 && first.acronym) {
    m.acronym = true;
    const country = knownCountry(KNOWN_AUTHORITIES, first.text);
    const place = g.lookup(first.text)[0];
    const statute = knownCountry(KNOWN_LAWS, first.text);
    if (statute) {
      // `under the UAPA`: a statute known by its acronym.
      m.kind = 'law';
      m.country = statute;
    } else if (country) {
      m.kind = 'authority';
      m.country = country;
      m.authorityRank = 2;
    } else if (place?.level === 'country') {
      m.kind = 'place';
      m.country = place.country;
      m.placeLevel = place.level;
      m.name = place.name;
      m.altNames = [first.text];
    }
    return [m];
  }
  // `Pakistani Shia`, `the Baloch`, `Kashmiri Pandits`: a people, a creed or a sect is never a banned group.
  const creed = (w: Token): boolean => !!g.demonym(w.text) || IDEOLOGY.has(w.lower) || COMMUNITIES.has(w.lower) ||
    (/[-‐‑]/.test(w.text) && w.lower.split(/[-‐‑]/).every((part) => IDEOLOGY.has(part) || COMMUNITIES.has(part) || ['jihadist', 'jihadi', 'salafi', 'wahhabi', 'takfiri'].includes(part)));
  if (words.every(creed)) return [];
  // `the Centre` (India's central government) bans; it is no group.
  if (words.length === 1 && (first.lower === 'centre' || first.lower === 'center') && toks[chunk.t0 - 1]?.lower === 'the') {
    m.kind = 'authority';
    m.authorityRank = 1;
    return [m];
  }

  const last = words[words.length - 1] as Token;
  // `Australian Security Intelligence Organisation`, `Inter-Services Intelligence`: a state's intelligence or police body.
  if (words.some((w) => /^(?:intelligence|inter-services|police|constabulary|gendarmerie)$/.test(w.lower)) && !words.some((w) => MILITANT_MODIFIERS.has(w.lower))) {
    m.kind = 'authority';
    m.authorityRank = 2;
    return [m];
  }
  let authorityHead = words.findIndex((w) => AUTHORITY_HEADS.has(w.lower));
  if (last.lower === 'agency' && authorityHead === words.length - 1 && !words.slice(0, -1).some((w) => BODY_MODIFIERS.has(w.lower))) {
    authorityHead = -1;
  }
  // `Popular Resistance Council`, `Mujahideen Shura Council`: a militant word before the head makes a group.
  const militantBefore = authorityHead > 0 && words.slice(0, authorityHead).some((w) => MILITANT_MODIFIERS.has(w.lower) || (ORG_HEADS.has(w.lower) && !AUTHORITY_HEADS.has(w.lower)));
  if (authorityHead >= 0 && !militantBefore && !words.slice(authorityHead + 1).some((w) => ORG_HEADS.has(w.lower))) {
    m.kind = 'authority';
    m.authorityRank = ['government', 'cabinet', 'parliament', 'assembly', 'senate'].includes(lowers[authorityHead] ?? '') ? 1 : 2;
    const known = knownCountry(KNOWN_AUTHORITIES, m.name);
    if (known) m.country = known;
    return [m];
  }
  // `Executive Order 13224`: a president's order is a law here, not a group.
  if (last.lower === 'order' && words.length >= 2 && (words[words.length - 2] as Token).lower === 'executive') {
    m.kind = 'law';
    m.country = 'US';
    return [m];
  }
  if (LAW_HEADS.has(last.lower) && words.length >= 2) {
    m.kind = 'law';
    return [m];
  }
  if (hasOrg || words.some((w) => ROMANISED.test(w.text))) {
    m.kind = 'organisation';
    return [extendPlace(doc, m, false)];
  }
  // `North West of England`, `Northern Jordan`: a part of a known place is a place in its country.
  const compass = /^(?:(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower)[\s-]*)+(?:of\s+(?:the\s+)?)?(.+)$/i.exec(m.name);
  const whole = compass?.[1] ? g.lookup(compass[1])[0] : undefined;
  if (whole && words.length >= 2 && !hasOrg) {
    m.kind = 'place';
    m.country = whole.country;
    m.placeLevel = 'region';
    return [m];
  }
  const hits = g.lookup(m.name);
  const place = hits[0];
  if (place && (place.level !== 'city' || words.length > 1 || place.population >= 15000)) {
    m.kind = 'place';
    if (words.every((w) => w.allCaps)) {
      m.altNames = [m.name];
      m.name = place.name;
    }
    m.country = place.country;
    m.placeLevel = place.level;
    if (place.level === 'country') {
      if (m.name !== place.name) m.altNames = [place.name];
      return [m];
    }
    return [extendPlace(doc, m, true)];
  }
  // `Indian State` is India; `Islamic State` is no place.
  if (words.length === 2 && last.lower === 'state' && g.demonym(first.text)) {
    const code = g.demonym(first.text) as string;
    m.kind = 'place';
    m.country = code;
    m.placeLevel = 'country';
    m.name = g.countryName(code) ?? m.name;
    m.altNames = [m.text];
    return [m];
  }
  if (PLACE_SUFFIXES.has(last.lower) && words.length >= 2 && !['state', 'city', 'town'].includes(last.lower)) {
    m.kind = 'place';
    m.altNames = [doc.text.slice(m.start, (words[words.length - 2] as Token).end)];
    return [m];
  }
  if (PUBLICATION_HEADS.has(last.lower) && words.length >= 2) {
    m.kind = 'publication';
    return [m];
  }
  const before = toks[chunk.t0 - 1];
  if (before && PERSON_TITLES.has(before.lower.replace(/\.$/, '')) && !first.acronym) {
    m.kind = 'person';
    m.cue = 'person';
    return [m];
  }
  return [extendPlace(doc, m, false)];
}

/** `Kurram district`, `Qom city`, `Idlib province`: the following noun makes it a place. */
function extendPlace(doc: Doc, m: Mention, known: boolean): Mention {
  const next = doc.tokens[m.t1];
  if (!next || !PLACE_SUFFIXES.has(next.lower) || next.start - m.end > 1 || m.kind === 'organisation') return m;
  if (next.lower === 'state' && !known) return m;
  const base = m.name;
  m.t1 += 1;
  m.end = next.end;
  m.text = doc.text.slice(m.start, m.end);
  m.name = m.text;
  m.altNames = [base];
  m.kind = 'place';
  return m;
}
