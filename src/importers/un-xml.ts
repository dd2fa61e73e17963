/**
 * Parser for the UN Security Council consolidated sanctions list (the XML the Council
 * publishes): text in, typed list entries out. Storing is someone else's job.
 *
 * Names. The list's name fields are edited by hand and carry much besides one name; each is
 * expanded into the names it holds ({@link expandUnName}):
 * - several names in one field, separated by `;` (or enumerated `a) … b) …`) become several;
 * - a name in one script followed by its rendering in another in parentheses
 *   (`حسن غول (Hassan Ghul; Hassan Gul)`, `Akrin Saleh Akrin (أقرين صالح أقرين)`) gives both;
 *   so does `(original script: …)`;
 * - a trailing acronym (`AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)`) gives the name without it
 *   and the acronym as a name of type `acronym`;
 * - notes are dropped: `(combat name)`, `(birth name)`, `(original script)`, a language name,
 *   anything with digits (passport numbers, dates), `, born …`, ` - sub-unit name`;
 *   `(previously listed as)` makes the name of type `previous`;
 * - any other parenthesis is part of the name (`AL-HARAMAIN FOUNDATION (PAKISTAN)`).
 * Commas are never split on: `LAST, First` forms are one name.
 *
 * Name types. Primary: entities FIRST_NAME, individuals FIRST..FOURTH_NAME joined, in the
 * list's form (when the field holds several names separated by `;`, the first; the others
 * become aliases). NAME_ORIGINAL_SCRIPT → `translation`. Individuals' aliases: QUALITY `Good`
 * → `alias` quality `good`; `Low` → type `weak` quality `low` (the UN's "low quality a.k.a.",
 * e.g. a bare kunya "Abu Bakr": a screening hit on it alone is weak evidence). Entities'
 * aliases: QUALITY `a.k.a.` → `alias`, `f.k.a.` → `previous` (the UN gives entities no
 * quality). An alias NOTE `previously/formerly listed as` makes it `previous`; a NOTE
 * `original script: X` or `In Arabic: X` adds X. Names are deduped case-insensitively.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../errors.js';
import type { EntityKind, NameType } from '../model/types.js';
import { isIsoDay } from '../model/partial-date.js';
import { findBadCharacter, lineAt } from '../documents/characters.js';
import { collapseSpaces, dedupeNames } from './list-diff.js';
import type { ListEntry, ListName, ParsedList } from './types.js';

const JURISDICTION = 'UN';
const AUTHORITY = 'UN Security Council';

// ---------------------------------------------------------------------------------------------
// XML
//
// fast-xml-parser's validator first checks the whole file is well-formed XML (a truncated or
// corrupted file is rejected, with the line of the fault, before anything is read from it);
// its parser then builds the object tree the records are read from. The tree carries no line
// numbers, so the line of each record's start tag is found separately ({@link startTagLines}).

/** Elements the schema repeats: always arrays in the tree, even when a record has one. */
const REPEATED = new Set(['INDIVIDUALS', 'ENTITIES', 'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'VALUE']);

/**
 * Parts of a record this parser does not read (addresses, documents, birth details,
 * designations…): kept as raw text instead of being built into the tree, which takes about
 * a quarter off the parse. They are still checked well-formed by the validator.
 */
const UNREAD = [
  'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'INDIVIDUAL_DOCUMENT', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_PLACE_OF_BIRTH',
  'NATIONALITY', 'DESIGNATION', 'TITLE', 'LIST_TYPE', 'LAST_DAY_UPDATED',
];

const xmlParser = new XMLParser({
  // The root's dateGenerated is read; the list has no other attributes.
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Reference numbers, DATAIDs and dates stay text (`0012` is not 12).
  parseTagValue: false,
  parseAttributeValue: false,
  // Not trimmed here: fast-xml-parser trims each piece of an element's text, so `Café
  // <![CDATA[R&D]]>` would lose its space. Every field read is trimmed and its spaces
  // collapsed below; the whitespace between elements (`#text` of a record) is never read.
  trimValues: false,
  // The predefined entities and numeric character references (`&#233;`, `&#xE9;`: fast-xml-parser
  // decodes these only with `htmlEntities`, which also decodes HTML's named ones such as
  // `&nbsp;`, not used by the list); CDATA sections are merged into the text.
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATED.has(name),
  stopNodes: UNREAD.map((name) => `*.${name}`),
  // Callbacks get a matcher, not a path string built for every element (isArray reads the name only).
  jPath: false,
});

/** An element of fast-xml-parser's tree: children by tag, attributes as `@_name`, text as `#text`. */
interface XmlNode {
  [name: string]: XmlValue | undefined;
}
type XmlValue = string | XmlNode | XmlValue[];

/** The `tag` children of `node`, as a list (an empty element `<X/>` gives an empty node). */
function childNodes(node: XmlNode, tag: string): XmlNode[] {
  const value = node[tag];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && !Array.isArray(v) ? v : {}));
}

/** Text of the first `tag` child of `node` (`''` when absent or empty). */
function textOf(node: XmlNode, tag: string): string {
  let value = node[tag];
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'string') return value;
  if (value !== undefined && !Array.isArray(value)) {
    const text = value['#text'];
    return typeof text === 'string' ? text : '';
  }
  return '';
}

// What the validator lets through and the parser would turn into wrong names without a word:
// characters XML does not allow (a NUL, which PostgreSQL then refuses), entity declarations
// (fast-xml-parser refuses external ones but expands internal ones, and leaves references it
// will not expand, such as a "billion laughs" chain, in the text as `&name;`), references to
// entities XML does not define (`&foo;`, kept as text), character references to characters XML
// does not allow (`&#0;`, dropped) and a bare `&`. Comments, CDATA sections and processing
// instructions are skipped; an unclosed one runs to the end, so the scan stays linear.
const ENTITY_SCAN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<!ENTITY\b|&(?:#[xX]([0-9A-Fa-f]*)|#([0-9]*)|([A-Za-z_:][\w.:-]*))?(;?)/g;
const XML_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** Named entities the parser decodes: XML's five, and the HTML ones of `htmlEntities`. */
const decodedEntities = new Map<string, boolean>();

function isDecodedEntity(name: string): boolean {
  if (XML_ENTITIES.has(name)) return true;
  let decoded = decodedEntities.get(name);
  if (decoded === undefined) {
    // Asked of the parser itself, so the answer cannot drift from what it does.
    try {
      decoded = textOf(xmlParser.parse(`<x>&${name};</x>`) as XmlNode, 'x') !== `&${name};`;
    } catch {
      decoded = false;
    }
    if (decodedEntities.size < 1000) decodedEntities.set(name, decoded);
  }
  return decoded;
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Reject, with its line, the first thing in `xml` the parser would misread (see above). */
function checkXmlText(xml: string, origin: string): void {
  // Lines counted as the validator and startTagLines count them: by line feeds.
  const at = (index: number, message: string) => new InputError(message, { file: origin, line: lineAt(xml, index, 'lf'), field: 'xml' });
  const bad = findBadCharacter(xml, 'xml');
  if (bad) throw at(bad.index, `not XML text: ${bad.description}, which XML does not allow`);
  ENTITY_SCAN.lastIndex = 0;
  for (let m = ENTITY_SCAN.exec(xml); m; m = ENTITY_SCAN.exec(xml)) {
    const found = m[0];
    if (found[0] === '<') {
      if (found.startsWith('<!ENTITY')) {
        throw at(m.index, 'entity declarations (<!ENTITY …>) are not accepted: the UN list declares none, and expanding them is how an XML file grows without bound or reads other files');
      }
      continue;
    }
    const [, hexDigits, decDigits, name, semicolon] = m;
    const shown = found.length > 40 ? `${found.slice(0, 40)}…` : found;
    if (hexDigits === undefined && decDigits === undefined && name === undefined) throw at(m.index, 'a bare "&" (write &amp; for the character)');
    if (semicolon === '') throw at(m.index, `"${shown}" is not a complete reference: it lacks its closing ";"`);
    if (name !== undefined) {
      if (!isDecodedEntity(name)) {
        throw at(m.index, `undefined entity "${shown}": XML defines only &lt; &gt; &amp; &quot; &apos; and character references such as &#233;`);
      }
      continue;
    }
    const digits = hexDigits ?? decDigits ?? '';
    const code = digits === '' || digits.length > 8 ? NaN : Number.parseInt(digits, hexDigits !== undefined ? 16 : 10);
    if (!isXmlChar(code)) throw at(m.index, `character reference "${shown}" is not a character XML allows`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Start tags of the elements named in `tags`. Comments, CDATA sections and processing
 * instructions are skipped; `<` cannot occur in attribute values or text, so every other
 * `<NAME` followed by a space, `>` or `/` is a start tag. An unclosed comment or CDATA section
 * (the validator lets one through inside an attribute value) runs to the end: otherwise each
 * would be searched to the end for its close.
 */
function startTagPattern(tags: readonly string[]): RegExp {
  return new RegExp(`<!--[\\s\\S]*?(?:-->|$)|<!\\[CDATA\\[[\\s\\S]*?(?:\\]\\]>|$)|<\\?[\\s\\S]*?(?:\\?>|$)|<(${tags.map(escapeRegExp).join('|')})(?=[\\s/>])`, 'g');
}

/** 1-based lines of the start tags of the elements named in `tags`, in document order, by tag. */
function startTagLines(xml: string, tags: readonly string[]): Map<string, number[]> {
  const lines = new Map<string, number[]>(tags.map((t) => [t, []]));
  const re = startTagPattern(tags);
  let line = 1;
  let at = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = xml.indexOf('\n', at); i !== -1 && i < m.index; i = xml.indexOf('\n', i + 1)) line++;
    at = m.index;
    if (m[1]) lines.get(m[1])!.push(line);
  }
  return lines;
}

/**
 * Line of the first `<tag` after the start tag of the `nth` (0-based) `parent` element: where
 * an unexpected child of that parent is. `fallback` when there is none.
 */
function childTagLine(xml: string, parent: string, nth: number, tag: string, fallback: number): number {
  const re = startTagPattern([parent, tag]);
  let parents = 0;
  let inside = false;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (inside && m[1] === tag) return lineAt(xml, m.index, 'lf');
    if (m[1] === parent && parents++ === nth) inside = true;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Names

/** A letter of a script other than Latin (Arabic, Cyrillic, Han, Ethiopic…). */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

function isLatin(text: string): boolean {
  return !NON_LATIN_LETTER.test(text);
}

/** Parenthesised remarks that are about a name, not a name. */
const NOTE = /^(?:original script|(?:combat|birth|nick|first|last|family) name|nom de guerre|third|initials|call sign|sub-unit name|(?:tigrinya|arabic|amharic|pashto|dari|farsi|persian|urdu|russian|chinese|korean|somali|french)(?: script)?)$/i;
const PREVIOUS_NOTE = /^(?:previously|formerly) listed as\b/i;

/** Split on `sep` outside parentheses. */
function splitTopLevel(text: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(text);
      if (m && m.index === i) {
        parts.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

interface Parenthesised {
  /** Text before the first top-level group, or after a leading group. */
  head: string;
  /** Top-level `(…)` groups, inner text. */
  groups: string[];
  /** A group opens the text: `(Sheikh) Musa Hilal`. */
  leading: boolean;
}

/**
 * Split `head (g1) (g2)` into head and trailing groups; `(g) tail` into a leading group.
 * Null when parentheses are unbalanced or a group sits inside the name (`LEADER (HONG KONG)
 * INTERNATIONAL`): such a name is kept whole.
 */
function splitParentheses(text: string): Parenthesised | null {
  const groups: string[] = [];
  const spans: [number, number][] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === ')') {
      if (depth === 0) return null;
      depth--;
      if (depth === 0) {
        groups.push(text.slice(open + 1, i));
        spans.push([open, i + 1]);
      }
    }
  }
  if (depth !== 0) return null;
  if (groups.length === 0) return { head: text, groups, leading: false };
  const first = spans[0]!;
  if (first[0] === 0 && spans.length === 1) {
    return { head: text.slice(first[1]).trim(), groups, leading: true };
  }
  // Everything after the first group must be more groups.
  for (let k = 0; k < spans.length; k++) {
    const gapEnd = k + 1 < spans.length ? spans[k + 1]![0] : text.length;
    if (text.slice(spans[k]![1], gapEnd).trim() !== '') return null;
  }
  return { head: text.slice(0, first[0]).trim(), groups, leading: false };
}

/** Is `candidate` an acronym of `name`: `AQAP` of `Al-Qaida in the Arabian Peninsula`? */
export function isAcronymOf(candidate: string, name: string): boolean {
  if (!/^[\p{L}\d][\p{L}\d.\-/&]{1,11}$/u.test(candidate)) return false;
  const upper = (candidate.match(/\p{Lu}/gu) ?? []).length;
  const lower = (candidate.match(/\p{Ll}/gu) ?? []).length;
  if (upper < 2 || lower > upper) return false;
  const letters = candidate.replace(/[^\p{L}\d]/gu, '').toLowerCase();
  const words = name.toLowerCase().split(/[\s\-–/]+/).filter(Boolean);
  if (!words.slice(0, 3).some((w) => w.startsWith(letters[0]!))) return false;
  // Every letter of the acronym, in order, somewhere in the name.
  const flat = words.join(' ');
  let at = 0;
  for (const ch of letters) {
    at = flat.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/** `X, born 1 Jan. 1953`, `X born in 1963`: the name without the birth details. */
function stripBorn(text: string): string {
  return text.replace(/,?\s+born\s+(?:in|on|\d).*$/i, '').trim();
}

/** Dates, document numbers, explanations: a remark, not a name. */
function isNote(group: string): boolean {
  return NOTE.test(group) || /\d/.test(group) || group.split(' ').length > 9;
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);
const LEADING_JUNK = (ch: string | undefined): boolean => ch !== undefined && (isSpace(ch) || ',;:)]'.includes(ch));
const TRAILING_JUNK = (ch: string | undefined): boolean => ch !== undefined && (isSpace(ch) || ',;:(['.includes(ch));
const QUOTE_PAIRS: Record<string, string> = { '"': '"', "'": "'", '“': '”' };
const SUB_UNIT = /\s+-\s+sub-unit name$/i;

/**
 * Strip quotes, stray brackets and separators around a name, and notes glued to it, until
 * nothing more comes off. Done by moving two ends over the text rather than by regular
 * expressions on ever shorter copies: `[…]+$` retries from every character of a run, and each
 * pair of quotes cost a copy, so a field of many commas, brackets or quotes took quadratic time
 * (a 40 kB name, seconds).
 */
function tidy(raw: string): string {
  const text = collapseSpaces(raw);
  let start = 0;
  let end = text.length;
  for (;;) {
    const was = [start, end];
    while (start < end && LEADING_JUNK(text[start])) start++;
    while (end > start && TRAILING_JUNK(text[end - 1])) end--;
    // `a) ` opening an enumerated name.
    if (end - start >= 3 && /[a-z]/.test(text[start]!) && text[start + 1] === ')' && isSpace(text[start + 2])) {
      start += 3;
      while (start < end && isSpace(text[start])) start++;
    }
    if (end - start >= 2 && QUOTE_PAIRS[text[start]!] === text[end - 1]) {
      start++;
      end--;
    }
    // Whitespace is collapsed to single spaces, so the note fits in a short tail.
    const tailStart = Math.max(start, end - 64);
    const subUnit = SUB_UNIT.exec(text.slice(tailStart, end));
    if (subUnit) end = tailStart + subUnit.index;
    if (was[0] === start && was[1] === end) return text.slice(start, end);
  }
}

/**
 * The names one UN name field holds, with `type` (and `quality`) applied to each, except that
 * acronyms get type `acronym` and a `(previously listed as)` note type `previous`.
 */
export function expandUnName(raw: string, type: NameType, quality?: 'good' | 'low'): ListName[] {
  return expandName(raw, type, quality, 0);
}

/**
 * How deep names nested in names are expanded. The list nests two levels at most (`X (Y
 * (original script: Z))`); a field nested deeper is kept whole below this depth, so that a
 * field of thousands of nested brackets is neither thousands of recursive calls (a stack
 * overflow) nor a quadratic number of steps.
 */
const MAX_NAME_DEPTH = 8;

function expandName(raw: string, type: NameType, quality: 'good' | 'low' | undefined, depth: number): ListName[] {
  const inner = (text: string) => expandName(text, type, quality, depth + 1);
  const out: ListName[] = [];
  const push = (text: string, t: NameType) => {
    const clean = tidy(text);
    if (clean !== '') out.push(quality ? { text: clean, type: t, quality } : { text: clean, type: t });
  };
  const text = tidy(raw);
  if (text === '') return out;
  if (depth >= MAX_NAME_DEPTH) {
    push(text, type);
    return out;
  }

  const parts = splitTopLevel(text, /;|\s[a-z]\)\s/y);
  if (parts.length > 1) {
    for (const part of parts) out.push(...inner(part));
    return out;
  }

  const split = splitParentheses(text);
  if (!split || split.groups.length === 0) {
    push(stripBorn(text), type);
    return out;
  }
  if (split.leading) {
    // `(Sheikh) Musa Hilal`: with and without the bracketed word.
    const group = collapseSpaces(split.groups[0]!);
    if (split.head === '') return inner(group);
    out.push(...inner(split.head));
    if (!isNote(group)) push(`${group} ${split.head}`, type);
    return out;
  }

  const head = stripBorn(split.head);
  let headType = type;
  let headText = head;
  const extra: ListName[] = [];
  for (const rawGroup of split.groups) {
    const group = tidy(rawGroup);
    if (group === '') continue;
    const script = /^original script\s*:\s*(.+)$/i.exec(group);
    if (script) {
      extra.push(...inner(script[1]!));
    } else if (PREVIOUS_NOTE.test(group)) {
      headType = 'previous';
    } else if (NOTE.test(group)) {
      continue;
    } else if (isAcronymOf(group, head)) {
      extra.push(quality ? { text: group, type: 'acronym', quality } : { text: group, type: 'acronym' });
    } else if (group.includes(',') && isAcronymOf(tidy(group.split(',')[0]!), head)) {
      // `(ISIL-SEA, ISIL-South East Asia)`: a list of short forms.
      for (const short of group.split(',').map(tidy).filter(Boolean)) {
        if (isAcronymOf(short, head)) extra.push(quality ? { text: short, type: 'acronym', quality } : { text: short, type: 'acronym' });
        else extra.push(...inner(short));
      }
    } else if (splitTopLevel(group, /;/y).length > 1 || (isLatin(group) !== isLatin(head) && !/\d/.test(group))) {
      // A list of names, or the name in another script.
      extra.push(...inner(group));
    } else if (isNote(group)) {
      continue;
    } else {
      // Part of the name: `AL-HARAMAIN FOUNDATION (PAKISTAN)`.
      headText = `${headText} (${group})`;
    }
  }
  push(headText, headType);
  out.push(...extra);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entries

function aliasType(quality: string): { type: NameType; quality?: 'good' | 'low' } {
  switch (quality.trim().toLowerCase()) {
    case 'good':
      return { type: 'alias', quality: 'good' };
    case 'low':
      return { type: 'weak', quality: 'low' };
    case 'f.k.a.':
    case 'fka':
      return { type: 'previous' };
    default:
      // `a.k.a.` (entities), empty, or a value this parser does not know: a plain alias.
      return { type: 'alias' };
  }
}

function aliasesOf(record: XmlNode, individual: boolean): ListName[] {
  const names: ListName[] = [];
  for (const alias of childNodes(record, individual ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const text = textOf(alias, 'ALIAS_NAME');
    if (text.trim() === '') continue;
    const { type, quality } = aliasType(textOf(alias, 'QUALITY'));
    const note = collapseSpaces(textOf(alias, 'NOTE'));
    names.push(...expandUnName(text, PREVIOUS_NOTE.test(note) ? 'previous' : type, quality));
    const inScript = /(?:original script|in arabic)\s*:\s*(.+)$/i.exec(note);
    if (inScript) names.push(...expandUnName(inScript[1]!, type, quality));
  }
  return names;
}

/** `2015-04-14`, also `2015-04-14-04:00` and `2015-04-14T00:00:00Z` (the day as written). */
function isoDay(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
  return m && isIsoDay(m[1]!) ? m[1]! : null;
}

interface RecordContext {
  origin: string;
  tag: 'INDIVIDUAL' | 'ENTITY';
  /** 1-based position among the file's records of this tag. */
  index: number;
  /** Line of the record's start tag. */
  line: number;
  dataId: string;
}

function fail(ctx: RecordContext, field: string, message: string): never {
  const which = `${ctx.tag} #${ctx.index}${ctx.dataId ? ` (DATAID ${ctx.dataId})` : ''}`;
  throw new InputError(`${which}: ${message}`, { file: ctx.origin, line: ctx.line, field: `${ctx.tag}.${field}` });
}

function parseRecord(record: XmlNode, ctx: RecordContext): ListEntry {
  const individual = ctx.tag === 'INDIVIDUAL';
  const ref = textOf(record, 'REFERENCE_NUMBER').replace(/\s+/g, '');
  if (ref === '') fail(ctx, 'REFERENCE_NUMBER', 'REFERENCE_NUMBER is missing or empty');

  const nameFields = individual ? ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'] : ['FIRST_NAME'];
  const fullName = collapseSpaces(nameFields.map((f) => textOf(record, f)).join(' '));
  if (fullName === '') fail(ctx, 'FIRST_NAME', `${ref} has no name (FIRST_NAME is missing or empty)`);
  // A part with no letter or digit (`()`, `-`) is punctuation left by the list's editing, not a name.
  const [primaryName, ...otherPrimaries] = splitTopLevel(fullName, /;/y).map(tidy).filter((n) => /[\p{L}\p{N}]/u.test(n));
  if (!primaryName) fail(ctx, 'FIRST_NAME', `${ref} has no name (FIRST_NAME "${fullName.slice(0, 40)}" holds no letter or digit)`);

  const listedRaw = textOf(record, 'LISTED_ON').trim();
  const listedOn = listedRaw === '' ? null : isoDay(listedRaw);
  if (listedRaw !== '' && listedOn === null) fail(ctx, 'LISTED_ON', `${ref}: LISTED_ON "${listedRaw}" is not a date YYYY-MM-DD`);

  const names: ListName[] = [
    ...expandUnName(primaryName, 'alias'),
    ...otherPrimaries.flatMap((n) => expandUnName(n, 'alias')),
    ...expandUnName(textOf(record, 'NAME_ORIGINAL_SCRIPT'), 'translation'),
    ...aliasesOf(record, individual),
  ];
  const program = collapseSpaces(textOf(record, 'UN_LIST_TYPE'));
  return {
    ref: `un:${ref}`,
    kind: (individual ? 'person' : 'organisation') satisfies EntityKind,
    primaryName,
    names: dedupeNames(primaryName, names),
    listedOn,
    jurisdiction: JURISDICTION,
    authority: AUTHORITY,
    programs: program ? [program] : [],
    record: ctx.line,
  };
}

const ROOT = 'CONSOLIDATED_LIST';

/** A key of the tree that is a child element (not text, an attribute or a declaration). */
function isElement(key: string): boolean {
  return !key.startsWith('#') && !key.startsWith('?') && !key.startsWith('@_');
}

const CONTAINERS = { INDIVIDUAL: 'INDIVIDUALS', ENTITY: 'ENTITIES' } as const;

/**
 * Parse the UN consolidated list XML. `origin` names the input in messages. Every entry is
 * checked; the first bad one throws an {@link InputError} naming the line of its element, the
 * record (`INDIVIDUAL #12 (DATAID …)`: the 12th individual) and the field, so that nothing of a
 * bad file is used. `record` of each entry is the line of its element's start tag.
 */
export function parseUnXml(xml: string, origin: string): ParsedList {
  if (xml.trim() === '') throw new InputError('the file is empty, not a UN consolidated list', { file: origin, line: 1 });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InputError(`not well-formed XML: ${valid.err.msg}`, { file: origin, line: valid.err.line, field: 'xml' });
  }
  checkXmlText(xml, origin);
  let doc: XmlNode;
  try {
    doc = xmlParser.parse(xml) as XmlNode;
  } catch (error) {
    // Well-formed but refused by the parser (entity expansion limits, nesting depth).
    throw new InputError(`unreadable XML: ${error instanceof Error ? error.message : String(error)}`, { file: origin, line: 1, field: 'xml' });
  }
  const rootName = Object.keys(doc).find(isElement);
  const tagLines = startTagLines(xml, [rootName ?? ROOT, 'INDIVIDUAL', 'ENTITY']);
  const rootLine = tagLines.get(rootName ?? ROOT)?.[0] ?? 1;
  if (rootName !== ROOT) {
    throw new InputError(`not a UN consolidated list: the root element is ${rootName ? `<${rootName}>` : 'missing'}, expected <${ROOT}>`, {
      file: origin, line: rootLine, field: ROOT,
    });
  }
  const roots = childNodes(doc, ROOT);
  const otherRoot = Object.keys(doc).find((key) => isElement(key) && key !== ROOT);
  if (roots.length > 1 || otherRoot) {
    const second = otherRoot ?? ROOT;
    throw new InputError(`not a UN consolidated list: a second root element <${second}> follows <${ROOT}>`, {
      file: origin, line: startTagLines(xml, [second]).get(second)?.[otherRoot ? 0 : 1] ?? rootLine, field: ROOT,
    });
  }
  const [root = {}] = roots;
  if (root[CONTAINERS.INDIVIDUAL] === undefined && root[CONTAINERS.ENTITY] === undefined) {
    throw new InputError(`not a UN consolidated list: <${ROOT}> has neither <INDIVIDUALS> nor <ENTITIES>`, {
      file: origin, line: rootLine, field: ROOT,
    });
  }
  // An element this parser does not know where records are would be dropped without a word
  // (a misspelt <ENTITES>, an <INDIVIDUAL> inside <ENTITIES>): refused instead.
  const unknownIn = (node: XmlNode, parent: string, nth: number, allowed: readonly string[]) => {
    const unknown = Object.keys(node).find((key) => isElement(key) && !allowed.includes(key));
    if (unknown) {
      throw new InputError(`unexpected <${unknown}> in <${parent}>: expected ${allowed.map((a) => `<${a}>`).join(' or ')}`, {
        file: origin, line: childTagLine(xml, parent, nth, unknown, rootLine), field: `${parent}.${unknown}`,
      });
    }
  };
  unknownIn(root, ROOT, 0, Object.values(CONTAINERS));
  for (const tag of ['INDIVIDUAL', 'ENTITY'] as const) {
    childNodes(root, CONTAINERS[tag]).forEach((container, nth) => unknownIn(container, CONTAINERS[tag], nth, [tag]));
  }

  const generated = textOf(root, '@_dateGenerated').trim();
  const publishedOn = generated === '' ? null : isoDay(generated);
  if (generated !== '' && publishedOn === null) {
    throw new InputError(`dateGenerated "${generated}" is not a date`, { file: origin, line: rootLine, field: `${ROOT}.dateGenerated` });
  }

  const entries: ListEntry[] = [];
  const seen = new Map<string, number>();
  for (const tag of ['INDIVIDUAL', 'ENTITY'] as const) {
    const records = childNodes(root, CONTAINERS[tag]).flatMap((container) => childNodes(container, tag));
    // The n-th record in the tree is the n-th start tag in the text (the schema has these
    // elements nowhere else); should the counts ever differ, the root's line stands in.
    const lines = tagLines.get(tag)!;
    const linesMatch = lines.length === records.length;
    records.forEach((record, i) => {
      const ctx: RecordContext = {
        origin, tag, index: i + 1, line: linesMatch ? lines[i]! : rootLine, dataId: collapseSpaces(textOf(record, 'DATAID')),
      };
      const entry = parseRecord(record, ctx);
      const firstLine = seen.get(entry.ref);
      if (firstLine !== undefined) fail(ctx, 'REFERENCE_NUMBER', `${entry.ref} is listed twice (first at line ${firstLine})`);
      seen.set(entry.ref, ctx.line);
      entries.push(entry);
    });
  }
  return { format: 'un-xml', publishedOn, entries };
}
