/**
 * State bodies written in lower case or in the inverted form news uses (`the ministry of
 * interior`, `the interior ministry`, `the federal cabinet`), and the key that makes
 * `Interior Ministry` and `Ministry of Interior` one body.
 */
import { tokenAtOrAfter, tokenEndingBy, type Doc } from '../document.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { basicFold } from '../names/same-name.js';
import type { Mention } from './mention.js';

const PORTFOLIO = String.raw`(?:interior|home affairs|home|foreign affairs|foreign|defen[cs]e|law(?: and justice)?|justice|finance|information(?: and broadcasting)?|religious affairs|external affairs|public safety)`;

const BODY = new RegExp(
  String.raw`\b(?:(?:federal|union|central|provincial|state)\s+)?(?:` +
    String.raw`ministry\s+of\s+(?:the\s+)?${PORTFOLIO}` +
    String.raw`|${PORTFOLIO}\s+ministry` +
    String.raw`|department\s+of\s+(?:state|justice|the\s+treasury|homeland\s+security|home\s+affairs)` +
    String.raw`|(?:state|treasury|justice)\s+department` +
    String.raw`|home\s+office|home\s+secretary|foreign\s+office` +
    String.raw`|(?:un\s+|united\s+nations\s+)?security\s+council` +
    String.raw`)\b`,
  'gi',
);

const GOVERNMENT = /\b(?:the\s+)?(federal|union|central|provincial|national)\s+(government|cabinet)\b/gi;

export function findAuthorities(doc: Doc, nextId: () => number): Mention[] {
  const out: Mention[] = [];
  const add = (start: number, end: number, rank: number): void => {
    const t0 = tokenAtOrAfter(doc, start);
    const t1 = tokenEndingBy(doc, end);
    if (t1 <= t0) return;
    const text = doc.text.slice(start, end);
    out.push({
      id: nextId(), start, end, t0, t1, sentence: doc.tokenSentence[t0] ?? 0, text, name: text.replace(/\s+/g, ' '),
      kind: 'authority', via: 'name', acronym: false, authorityRank: rank,
    });
  };
  for (const m of doc.text.matchAll(BODY)) add(m.index ?? 0, (m.index ?? 0) + m[0].length, 2);
  for (const m of doc.text.matchAll(GOVERNMENT)) {
    const start = (m.index ?? 0) + (m[0].length - m[0].replace(/^the\s+/i, '').length);
    add(start, (m.index ?? 0) + m[0].length, 1);
  }
  return out;
}

const FILLER = new Set(['the', 'of', 'union', 'federal', 'central', 'affairs', 'department', 'ministry', 's']);

/**
 * One key for the inverted and possessive forms of a body: `Interior Ministry`,
 * `Ministry of Interior` and `the ministry of interior` share `ministry:interior`;
 * `Union Home Ministry`, `Ministry of Home Affairs` share `ministry:home`.
 */
const keyCache = new Map<string, string>();

export function authorityKey(name: string): string {
  const cached = keyCache.get(name);
  if (cached !== undefined) return cached;
  if (keyCache.size > 20000) keyCache.clear();
  const value = computeAuthorityKey(name);
  keyCache.set(name, value);
  return value;
}

function computeAuthorityKey(name: string): string {
  const words = basicFold(name).split(' ').filter(Boolean);
  const type = words.includes('ministry') ? 'ministry' : words.includes('department') ? 'department' : '';
  const g = gazetteer();
  // `Pakistan Ministry of Interior` and `the Pakistani interior ministry` are the same body.
  const rest = words.filter((w) => !FILLER.has(w) && !g.demonym(w) && g.lookup(w)[0]?.level !== 'country');
  return `${type}:${rest.join(' ')}`;
}
