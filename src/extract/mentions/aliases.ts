/**
 * Names given for the same thing side by side: an acronym or a translation in parentheses
 * (`Tehreek-e-Labbaik Pakistan (TLP)`, `Liwa Zainebiyoun (People of Zainab Brigade)`), or an
 * apposition (`X, also known as Y`). A parenthesis whose content does not fit the name
 * (`Sayyidah Zainab (AS)`, `(Photo courtesy: ...)`) is no alias.
 */
import type { Doc } from '../document.js';
import { isAcronymOf } from '../names/same-name.js';
import type { Mention } from './mention.js';
import type { Token } from '../text/tokenize.js';

export type AliasType = 'acronym' | 'translation' | 'aka';

export interface AliasLink {
  /** The mention that carries the main name. */
  main: Mention;
  /** The mention that gives the other name. */
  alias: Mention;
  type: AliasType;
}

const AKA = /^\s*,?\s*(?:\(\s*)?(?:(?:also|otherwise|better|generally|commonly|popularly|widely|locally)\s+)?(?:known as|called|referred to as|spelt|spelled|written)\s+(?:as\s+)?(?:the\s+)?["“‘']?$|^\s*,?\s*(?:\(\s*)?(?:a\.k\.a\.?|aka|alias)\s+(?:the\s+)?["“‘']?$|^\s*,?\s*to\s+(?:add|include)\s+(?:the\s+)?(?:new\s+)?(?:alias(?:es)?|names?)\s+(?:the\s+)?["“‘']?$|^\s*,?\s*(?:\(\s*)?(?:including|and|with)\s+(?:its|their)\s+(?:alias(?:es)?|other\s+names?|alternate\s+names?)\s+(?:the\s+)?["“‘']?$|^\s*,?\s*(?:which|that|who)?\s*(?:also\s+|now\s+|sometimes\s+)?(?:(?:operates?|operating|operated|goes|going|went|works|working)\s+(?:as|under|by)|(?:uses|used|using)\s+the\s+names?|(?:calls|called|styles|styled|names|named)\s+itself(?:\s+as)?)\s+(?:the\s+)?(?:names?\s+)?(?:of\s+)?["“‘']?$/i;
/** What stands between two names of one coordination: `X, Y and Z`. */
const AND = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?["“‘']?$/i;

const nameKinds = new Set(['organisation', 'unknown', 'person', 'authority', 'law']);

export function findAliases(doc: Doc, mentions: Mention[]): AliasLink[] {
  const out: AliasLink[] = [];
  const byStart = new Map<number, Mention>();
  for (const m of mentions) if (m.via === 'name') byStart.set(m.t0, m);
  const toks = doc.tokens;
  for (const m of mentions) {
    if (m.via !== 'name' || !nameKinds.has(m.kind)) continue;
    // Parenthesis right after the name, holding exactly one name.
    let after = m.t1;
    if (toks[m.t1]?.text === '(') {
      const n = byStart.get(m.t1 + 1);
      if (n && toks[n.t1]?.text === ')') {
        const link = parenthesised(m, n, mentions.some((x) => x !== n && x.via === 'name' && x.text === n.text));
        if (link) out.push(link);
        // `X (XA), also known as Y`: the apposition may follow the acronym.
        after = n.t1 + 1;
      }
    }
    // Apposition: `X, also known as Y`, `X alias Y`.
    const end = after === m.t1 ? m.end : (toks[after - 1] as Token).end;
    for (let k = after + 1; k <= after + 6 && k < toks.length; k++) {
      const n = byStart.get(k);
      if (!n) continue;
      const between = doc.text.slice(end, n.start);
      if (AKA.test(between) && (n.kind === m.kind || n.kind === 'unknown' || m.kind === 'unknown')) {
        out.push({ main: m, alias: n, type: n.acronym && isAcronymOf(n.text, m.name) ? 'acronym' : 'aka' });
        // `also operates as X, Y and Z`: every name of the coordination is another name.
        let prev = n;
        for (;;) {
          const next = mentions.find((x) => x.via === 'name' && x.t0 > prev.t1 && x.t0 <= prev.t1 + 3 && x.sentence === prev.sentence);
          if (!next || !AND.test(doc.text.slice(prev.end, next.start)) || !(next.kind === m.kind || next.kind === 'unknown')) break;
          out.push({ main: m, alias: next, type: 'aka' });
          prev = next;
        }
      }
      break;
    }
  }
  return out;
}

function parenthesised(m: Mention, n: Mention, usedAgain: boolean): AliasLink | null {
  if (n.acronym && isAcronymOf(n.text, m.name)) return { main: m, alias: n, type: 'acronym' };
  if (m.acronym && isAcronymOf(m.text, n.name)) return { main: n, alias: m, type: 'acronym' };
  if (n.acronym || m.acronym) return null;
  // `the Palestinian Prisoner Solidarity Network (Samidoun)`: one word in brackets that the text goes on to use is the short name.
  if (n.t1 - n.t0 === 1 && m.t1 - m.t0 >= 2 && (m.kind === 'organisation' || m.kind === 'unknown') && n.kind !== 'place' && n.kind !== 'person' && /^\p{Lu}\p{Ll}{3,}$/u.test(n.text) && usedAgain) {
    return { main: n, alias: m, type: 'aka' };
  }
  const orgish = (k: string): boolean => k === 'organisation' || k === 'unknown';
  if (orgish(m.kind) && orgish(n.kind) && (m.kind === 'organisation' || n.kind === 'organisation') && n.t1 - n.t0 >= 2) {
    return { main: m, alias: n, type: 'translation' };
  }
  return null;
}
