/**
 * Who vouches for a sentence, and how much that is worth: an official instrument
 * (`according to a notification`) is strong, a named official or a ministry statement good, an
 * official `requesting anonymity` or unnamed `sources` weaker, `believed to be` weak. The text
 * of the attribution goes into the evidence; the factor scales the rule's confidence.
 */
import type { Doc, Sentence } from '../document.js';

export interface Attribution {
  text: string | null;
  factor: number;
}

interface Cue {
  re: RegExp;
  factor: number;
  label?: string;
}

const CUES: Cue[] = [
  { re: /\baccording to (?:an? |the )?(?:official |gazette |government |federal |formal )?(?:notification|gazette|order|statement|press release|notice|document|circular|proscription order|federal register)\b(?:(?!\bthat\b)[^,.;”"])*/i, factor: 1 },
  { re: /\b(?:the |an? |in (?:a|the|its) )?(?:official |gazette |formal )?(?:notification|order|gazette|statement|press release|notice|circular)\s+(?:issued|said|says|stated|states|read|reads|added|noted|published)\b(?:(?!\bthat\b)[^,.;”"])*/i, factor: 1 },
  { re: /\b(?:requesting|on condition of|seeking|who requested|speaking on condition of) anonymity\b/i, factor: 0.75, label: 'official requesting anonymity' },
  { re: /\b(?:an? |the )?(?:senior |security |government |ministry |police |intelligence |interior |home |counter-terrorism )*(?:official|officials|spokesman|spokesperson|minister|secretary)\b(?: of the [\w ]{3,40}?)?\s+(?:said|told|says|added|confirmed|stated|disclosed)\b(?:(?!\bthat\b)[^,.;”"])*/i, factor: 0.85 },
  { re: /\b(?:said|told|added|confirmed)\s+(?:the|an?|a senior|a security)\s+(?:official|officials|spokesman|spokesperson|minister|source)\b/i, factor: 0.85 },
  { re: /\baccording to (?:an? |the )?(?:senior |security |government |ministry |police |intelligence )*(?:official|officials|spokesman|source|sources)\b/i, factor: 0.85 },
  { re: /\b(?:sources|insiders)\s+(?:said|told|say|claimed)\b|\baccording to sources\b|\breportedly\b|\ballegedly\b/i, factor: 0.7 },
  { re: /\b(?:believed|thought|suspected|said|alleged|reported|understood|claimed) to (?:be|have)\b|\bis believed\b|\bare believed\b|\bwhat is believed\b/i, factor: 0.6 },
];

const ANONYMOUS = /\b(?:requesting|on condition of|seeking|who requested) anonymity\b/i;

/**
 * Attribution per sentence. An anonymous source stays anonymous when a later sentence cites
 * `the official` again (`..., added the official`).
 */
export function attributions(doc: Doc): Attribution[] {
  const out: Attribution[] = [];
  let anonymousOfficial = false;
  for (const s of doc.sentences) out.push(attributionOf(doc, s, () => anonymousOfficial, (v) => { anonymousOfficial = v; }));
  return out;
}

function attributionOf(doc: Doc, s: Sentence, anonymous: () => boolean, setAnonymous: (v: boolean) => void): Attribution {
  const text = doc.text.slice(s.start, s.end);
  const parts: string[] = [];
  let factor = 1;
  let strong = false;
  for (const cue of CUES) {
    const m = cue.re.exec(text);
    if (!m) continue;
    if (cue.factor === 1) strong = true;
    factor = Math.min(factor, cue.factor);
    const said = cue.label ?? m[0].trim();
    // One phrase may answer two cues (`according to a notification issued by ...`).
    if (!parts.some((p) => p.includes(said))) parts.push(said);
  }
  if (ANONYMOUS.test(text)) setAnonymous(true);
  else if (/\b(?:the|an?) official\b/i.test(text) && anonymous() && !strong) {
    factor = Math.min(factor, 0.75);
    if (!parts.includes('official requesting anonymity')) parts.push('official requesting anonymity');
  }
  // An instrument cited in the sentence outweighs hedges about other clauses of it.
  if (strong) factor = Math.max(factor, 0.9);
  return { text: parts.length > 0 ? [...new Set(parts)].join('; ') : null, factor };
}
