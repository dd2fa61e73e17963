/**
 * Statutes: a capitalised title ending in Act/Ordinance/Code..., with its year however the
 * article writes it (`Anti-Terrorism Act, 1997`, `Terrorism Act 2000`, `Unlawful Activities
 * (Prevention) Act, 1967 (37 of 1967)`), and the section cited before it (`section 11-B`).
 */
import type { Doc } from '../document.js';
import { knownCountry, KNOWN_LAWS } from '../lexicon/jurisdictions.js';
import { FUNCTION_WORDS, LAW_HEADS } from '../lexicon/words.js';
import type { Token } from '../text/tokenize.js';
import type { Mention } from './mention.js';

const INNER = new Set(['of', 'the', 'and', 'on', 'for', 'against', 'to', 'in']);
const SECTION = /\b(?:section|sec\.|s\.)\s*(\d+[\s-]?[A-Z]?(?:\s*\(\s*\w+\s*\))*)\s*(?:of|under)\s+(?:the\s+)?$/i;

function isTitleWord(t: Token | undefined): boolean {
  // A capitalised small word (`Under the Terrorism Act`, sentence-initial) is no part of the title.
  return !!t && t.type === 'word' && t.cap && t.lower !== 'the' && t.lower !== 'said' && !FUNCTION_WORDS.has(t.lower);
}

export function findLaws(doc: Doc, nextId: () => number): Mention[] {
  const out: Mention[] = [];
  const toks = doc.tokens;
  for (let h = 0; h < toks.length; h++) {
    const head = toks[h] as Token;
    if (!head.cap || !LAW_HEADS.has(head.lower)) continue;
    const sentence = doc.tokenSentence[h] ?? 0;
    const s0 = doc.sentences[sentence]?.t0 ?? 0;
    // Walk left over the title: capitalised words, `(Prevention)`, and small inner words.
    let t0 = h;
    let i = h - 1;
    while (i >= s0) {
      const t = toks[i] as Token;
      if (isTitleWord(t)) {
        t0 = i;
        i--;
      } else if (t.text === ')' && toks[i - 2]?.text === '(' && isTitleWord(toks[i - 1])) {
        t0 = i - 2;
        i -= 3;
      } else if (INNER.has(t.text) && isTitleWord(toks[i - 1])) {
        i--;
      } else break;
    }
    if (t0 === h) continue;
    // A title never starts with its inner words; `the Act` alone names nothing.
    while (t0 < h && INNER.has((toks[t0] as Token).lower)) t0++;
    if (t0 === h) continue;
    let t1 = h + 1;
    let year: string | undefined;
    let acronym: string | undefined;
    const at = (k: number): Token | undefined => toks[k];
    // `Act (ATA) 1997`: an acronym may sit between the title and its year.
    if (at(t1)?.text === '(' && at(t1 + 1)?.acronym && at(t1 + 2)?.text === ')') {
      acronym = at(t1 + 1)?.text;
      t1 += 3;
    }
    if (at(t1)?.text === ',' && /^(1[89]|20)\d\d$/.test(at(t1 + 1)?.text ?? '')) {
      year = at(t1 + 1)?.text;
      t1 += 2;
    } else if (at(t1)?.lower === 'of' && /^(1[89]|20)\d\d$/.test(at(t1 + 1)?.text ?? '')) {
      year = at(t1 + 1)?.text;
      t1 += 2;
    } else if (/^(1[89]|20)\d\d$/.test(at(t1)?.text ?? '')) {
      year = at(t1)?.text;
      t1 += 1;
    }
    // `(XXVII of 1997)`, `(37 of 1967)`: the statute's number, part of the citation.
    if (at(t1)?.text === '(' && at(t1 + 2)?.lower === 'of' && at(t1 + 4)?.text === ')') t1 += 5;
    const start = (toks[t0] as Token).start;
    const end = (toks[t1 - 1] as Token).end;
    const title = doc.text.slice(start, head.end).replace(/\s+/g, ' ');
    const name = year ? `${title}, ${year}` : title;
    const altNames = [title];
    if (year) altNames.push(`${title} ${year}`);
    if (acronym) altNames.push(acronym);
    const before = doc.text.slice(Math.max(0, start - 60), start);
    const section = SECTION.exec(before)?.[1]?.replace(/\s+/g, ' ').trim();
    const country = knownCountry(KNOWN_LAWS, name) ?? knownCountry(KNOWN_LAWS, title) ?? undefined;
    const m: Mention = {
      id: nextId(), start, end, t0, t1, sentence, text: doc.text.slice(start, end), name, altNames,
      kind: 'law', via: 'name', acronym: false,
    };
    if (country) m.country = country;
    if (section) m.section = section;
    out.push(m);
    h = t1 - 1;
  }
  return out;
}
