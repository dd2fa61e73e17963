/**
 * Characters an input may not carry into the store, found before anything is written.
 *
 * - `storable`: NUL (PostgreSQL refuses it in text; SQLite tools cut strings at it) and
 *   unpaired UTF-16 surrogates (a JSON `\ud800` escape: not Unicode, and silently turned into
 *   U+FFFD on the way to either database, so the stored text would differ from the text hashed).
 * - `xml`: what XML 1.0 allows in a document (its `Char` production): no C0 control other than
 *   tab, line feed and carriage return, no surrogates, no U+FFFE / U+FFFF.
 * - `line`: a one-line value such as a URL: `xml` without tab and line breaks, and no DEL.
 * - `unicode`: only unpaired surrogates, for text about to pass through a UTF-8 round trip
 *   (csv-parse reads through a Buffer), which would turn them into U+FFFD without a word.
 */
export type CharacterRule = 'storable' | 'xml' | 'line' | 'unicode';

const UNPAIRED_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

// Without the `u` flag a regular expression sees UTF-16 code units, which is what finds an
// unpaired surrogate; each is one linear scan.
const RULES: Record<CharacterRule, RegExp> = {
  storable: new RegExp(`\\u0000|${UNPAIRED_SURROGATE}`),
  xml: new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${UNPAIRED_SURROGATE}`),
  line: new RegExp(`[\\u0000-\\u001F\\u007F\\uFFFE\\uFFFF]|${UNPAIRED_SURROGATE}`),
  unicode: new RegExp(UNPAIRED_SURROGATE),
};

export interface BadCharacter {
  /** UTF-16 index of the character in the text. */
  index: number;
  /** `a NUL character (U+0000)`, `an unpaired surrogate (U+D800)`… */
  description: string;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function describeCodeUnit(code: number): string {
  if (code === 0) return `a NUL character (${hex(code)})`;
  if (code >= 0xd800 && code <= 0xdfff) return `an unpaired surrogate (${hex(code)})`;
  if (code === 0xfffe || code === 0xffff) return `a non-character (${hex(code)})`;
  return `a control character (${hex(code)})`;
}

/** The first character of `text` that `rule` forbids, or null. */
export function findBadCharacter(text: string, rule: CharacterRule): BadCharacter | null {
  const m = RULES[rule].exec(text);
  return m ? { index: m.index, description: describeCodeUnit(text.charCodeAt(m.index)) } : null;
}

/**
 * 1-based line of `index` in `text`. `any`: LF, CRLF and a lone CR each end a line (as in text
 * and XML); `lf`: only LF does (JSON Lines, whose lines are split on LF).
 */
export function lineAt(text: string, index: number, breaks: 'any' | 'lf' = 'any'): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (breaks === 'any' && c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/**
 * The first string inside a parsed JSON value (object keys included) that `storable` forbids,
 * with its dotted path (`names.0`, `properties.name.1`); null when all are storable.
 */
export function findUnstorableField(value: unknown, path: string[] = [], depth = 0): { field: string; description: string; index: number } | null {
  if (typeof value === 'string') {
    const bad = findBadCharacter(value, 'storable');
    return bad ? { field: path.join('.'), description: bad.description, index: bad.index } : null;
  }
  // Inputs are bounded by size limits; the depth bound only keeps a pathological nesting cheap.
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, inner] of Object.entries(value)) {
    const inKey = findBadCharacter(key, 'storable');
    if (inKey) return { field: path.join('.'), description: `a field name holding ${inKey.description}`, index: inKey.index };
    const found = findUnstorableField(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
