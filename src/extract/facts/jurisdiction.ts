/**
 * Which country the document and each state body belong to, for the `jurisdiction` qualifier:
 * a body's own name or lexicon entry first (`Ministry of Home Affairs` → IN), then the country
 * the text ties it to (`Pakistan's government ... the ministry of interior`, `the Indian home
 * ministry`), then the document's country (dateline `ISLAMABAD –`, possessive governments,
 * places named where bans are reported).
 */
import type { Doc } from '../document.js';
import type { EntityDraft } from '../entities/merge.js';
import { gazetteer } from '../gazetteer/gazetteer.js';
import { knownCountry, KNOWN_AUTHORITIES } from '../lexicon/jurisdictions.js';
import type { Mention } from '../mentions/mention.js';
import type { Token } from '../text/tokenize.js';

const BAN_WORDS = /proscri|\bban|outlaw|designat|terror|unlawful|delist/i;
const GOVERNMENT = /^(?:government|govt|cabinet|ministry|authorities|state|parliament|administration)$/i;

export interface CountrySignals {
  /** Per sentence: the country a `X's government` / `the X government` phrase names. */
  sentenceGovernment: (string | undefined)[];
  documentCountry: string | null;
}

function countryOfToken(t: Token | undefined): string | null {
  if (!t) return null;
  const g = gazetteer();
  const hit = g.lookup(t.text)[0];
  if (hit?.level === 'country') return hit.country;
  return g.demonym(t.text);
}

const ACT_VERB = /^(?:bans?|banned|proscribes?|proscribed|designates?|designated|declares?|declared|lists?|listed|outlaws?|outlawed|adds?|added|announces?|announced|names?|named|blacklists?|blacklisted)$/;
const BETWEEN = /^(?:has|have|had|on|also|formally|officially|today|now|recently|this|last|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|,)$/;

/** `Norway has declared X`, `Chile on Monday outlawed X`: the country is the one that bans. */
function countryActs(doc: Doc, from: number, end: number): boolean {
  for (let k = from; k < Math.min(end, from + 5); k++) {
    const w = doc.tokens[k]?.lower ?? '';
    if (ACT_VERB.test(w)) return true;
    if (!BETWEEN.test(w)) return false;
  }
  return false;
}

export function countrySignals(doc: Doc, entities: EntityDraft[], mentionsBySentence: Mention[][]): CountrySignals {
  const weights = new Map<string, number>();
  const add = (c: string | null | undefined, w: number): void => {
    if (c) weights.set(c, (weights.get(c) ?? 0) + w);
  };
  const sentenceGovernment: (string | undefined)[] = [];
  const g = gazetteer();
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    const heavy = BAN_WORDS.test(text) ? 3 : 1;
    for (let i = s.t0; i < s.t1; i++) {
      const t = doc.tokens[i] as Token;
      if (!t.cap) continue;
      const c = countryOfToken(t);
      if (!c) continue;
      let j = i + 1;
      if (doc.tokens[j]?.lower === "'s") j++;
      while (j < s.t1 && /^(federal|central|union|interior|home|foreign)$/.test(doc.tokens[j]?.lower ?? '')) j++;
      if (GOVERNMENT.test(doc.tokens[j]?.text ?? '') || (!g.demonym(t.text) && countryActs(doc, i + 1, s.t1))) {
        sentenceGovernment[s.index] ??= c;
        add(c, 4 * heavy);
      } else add(c, g.demonym(t.text) ? 0.5 : heavy);
    }
    for (const m of mentionsBySentence[s.index] ?? []) {
      // `South Africa has declared X`: a country named in several words acting.
      if (m.kind === 'place' && m.placeLevel === 'country' && m.country && m.t1 - m.t0 > 1 && countryActs(doc, m.t1, s.t1)) {
        sentenceGovernment[s.index] ??= m.country;
        add(m.country, 4 * heavy);
      }
      if (m.kind === 'place' && m.placeLevel !== 'country' && m.country) add(m.country, 0.5 * heavy);
      if ((m.kind === 'law' || m.kind === 'authority') && m.country) add(m.country, 3);
    }
  }
  // Dateline: `ISLAMABAD –`, `New Delhi:` opening a paragraph.
  for (const line of doc.text.split('\n').slice(0, 6)) {
    const m = /^\s*([A-Z][A-Za-z]+(?:[ /][A-Z][A-Za-z]+)?)\s*(?:[–—:-]|,\s*(?:\w+\s+\d|\d))/.exec(line);
    if (!m || !m[1]) continue;
    for (const part of m[1].split('/')) {
      const hit = g.lookup(part)[0];
      if (hit) add(hit.country, 6);
    }
  }
  for (const e of entities) if (e.kind === 'authority' && e.country) add(e.country, 2);
  let best: string | null = null;
  let bestW = 0;
  for (const [c, w] of weights) {
    if (w > bestW) {
      best = c;
      bestW = w;
    }
  }
  return { sentenceGovernment, documentCountry: best };
}

/** Country of each authority entity (index → ISO code), by the rules in the header. */
export function authorityCountries(doc: Doc, entities: EntityDraft[], signals: CountrySignals, all: Mention[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of entities) {
    if (e.kind !== 'authority') continue;
    let c: string | null | undefined = e.country ?? e.names.map((n) => knownCountry(KNOWN_AUTHORITIES, n)).find(Boolean);
    for (const m of e.mentions) {
      if (c) break;
      // `Pakistan's ministry of interior`, `the Indian home ministry`, `Pakistan Ministry of Interior`.
      let p = m.t0 - 1;
      if (doc.tokens[p]?.lower === "'s") p--;
      if (doc.tokens[p]?.lower === 'the') p--;
      c = countryOfToken(doc.tokens[p]) ?? countryOfToken(doc.tokens[m.t0]);
      // `Ministry of Interior of Pakistan`.
      if (!c && doc.tokens[m.t1]?.lower === 'of') c = countryOfToken(doc.tokens[m.t1 + 1]);
      const inside = all.find((x) => x.kind === 'place' && x.placeLevel === 'country' && x.start >= m.start && x.end <= m.end);
      if (!c && inside?.country) c = inside.country;
    }
    for (const m of e.mentions) {
      if (c) break;
      c = signals.sentenceGovernment[m.sentence];
    }
    c ??= signals.documentCountry;
    if (c) out.set(e.index, c);
  }
  return out;
}
