import fc from 'fast-check';

/**
 * Generators for the three ingest formats: valid documents, and valid documents with one thing
 * broken, each case carrying what the parser must answer (the documents, or the line and field
 * of the rejection), so a property can check the answer and not only that there was one.
 */

export const validDay: fc.Arbitrary<string> = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Not calendar days YYYY-MM-DD, and without whitespace (the corpus marker reads up to a blank). */
export const badDaySolid = fc.constantFrom(
  '2021-02-29', '2021-02-30', '2019-04-31', '2020-13-01', '2020-00-10', '2020-01-32', '2020-01-00', '2020-1-1', '20200101',
  '2020/01/01', '01-02-2020', '2020-01-01T00:00:00Z', '١٢٣٤-٠١-٠١', '2020-０１-01', 'yesterday', '0000-00-00', '2020-01', '99999-01-01',
);
export const badDay = fc.oneof(badDaySolid, fc.constantFrom('', ' 2020-01-01', '2020-01-01 ', '2020-01-01\n', '2020-01-0\u00001'));

/** Words of real text and the characters that break naive parsers. */
const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('the', 'ban', 'Lashkar-e-Tayyiba', 'Ministry', 'al-Qaida', 'Jamaat-ud-Dawa', 'was', 'proscribed', 'on', '2020-08-19', 'Interior', '(LeT)', 'said;', '"banned"') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('{', '}', '[', '"', '\\', 'date', ' date 2020-01-01 ', '\u00a0', '\u2028', '\u200b', '\ufeff', 'e\u0301', '\t', '  ', '\r') },
);

/** Text with at least one letter: a document a parser must accept. */
export const solidText: fc.Arbitrary<string> = fc
  .tuple(fc.array(word, { maxLength: 30 }), fc.constantFrom('\n', ' ', '\r\n', '\n\n\n'), fc.constantFrom('Example', 'Front', 'بيان'))
  .map(([words, sep, anchor]) => [anchor, ...words].join(sep));

/** A line of a JSON Lines file, and what the parser must say about it. */
export interface JsonLine {
  raw: string;
  /** undefined: a good row; otherwise the field the rejection must name (null: none, a line that is not a JSON object). */
  badField?: string | null;
  /** For a good row: the document it stands for. */
  doc?: { date: string; text: string; url: string | null; title: string | null };
}

interface Row {
  date: string;
  text: string;
  url: string | null;
  title: string | null;
}

const row: fc.Arbitrary<Row> = fc.record({
  date: validDay,
  text: solidText,
  url: fc.option(fc.webUrl(), { nil: null }),
  title: fc.option(fc.string({ unit: 'grapheme', maxLength: 20 }), { nil: null }),
});

const nonString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));
const blank = fc.constantFrom('', '   ', '\n\t ', '\u00a0');
/** Values that are strings but hold what no stored text may. */
const unstorable = fc.constantFrom('a\u0000b', '\u0000', 'x\ud800y', 'x\udfff', '\udc00\ud800', 'end\ud83d');
const unstorableInLine = fc.oneof(unstorable, fc.constantFrom('https://x.org/\n', 'https://x.org/a\tb', 'https://x.org/\u0007', 'https://x.org/\u007f', 'http://x\r'));

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type Mutation = (r: Row) => { value: Record<string, unknown>; field: string };

/** One field of a good row broken; the field the parser must name. */
const fieldMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badDay.map((d): Mutation => (r) => ({ value: { ...r, date: d }, field: 'date' })),
  nonString.map((v): Mutation => (r) => ({ value: { ...r, date: v }, field: 'date' })),
  fc.constant<Mutation>((r) => ({ value: { text: r.text, url: r.url, title: r.title }, field: 'date' })),
  fc.constant<Mutation>((r) => ({ value: { date: r.date, url: r.url }, field: 'text' })),
  nonString.map((v): Mutation => (r) => ({ value: { ...r, text: v }, field: 'text' })),
  blank.map((v): Mutation => (r) => ({ value: { ...r, text: v }, field: 'text' })),
  unstorable.map((v): Mutation => (r) => ({ value: { ...r, text: `${r.text}${v}` }, field: 'text' })),
  nonString.filter((v) => v !== null).map((v): Mutation => (r) => ({ value: { ...r, title: v }, field: 'title' })),
  unstorable.map((v): Mutation => (r) => ({ value: { ...r, title: v }, field: 'title' })),
  nonString.filter((v) => v !== null).map((v): Mutation => (r) => ({ value: { ...r, url: v }, field: 'url' })),
  unstorableInLine.map((v): Mutation => (r) => ({ value: { ...r, url: v }, field: 'url' })),
);

/** A line that is not a JSON object at all. */
const brokenLine: fc.Arbitrary<(r: Row) => string> = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((cut) => (r: Row) => JSON.stringify(r).slice(0, Math.min(cut, JSON.stringify(r).length - 1))),
  fc.constantFrom('[1,2]', '"text"', '42', 'null', 'true', "{'date':'2020-01-01'}", '{"date":"2020-01-01","text":"x",}', '{"text":"a\tb","date":"2020-01-01"}', '{"text":NaN}', '{"a":1}}', '{"date":"2020-01-01","text":"x"} {"b":2}').map((s) => () => s),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => `{${s.replace(/\n/g, ' ')}`).filter((s) => !isJson(s)).map((s) => () => s),
);

/** JSON that is a good row in an unusual spelling. */
const oddGoodRow: fc.Arbitrary<(r: Row) => string> = fc.constantFrom(
  (r: Row) => `${JSON.stringify({ ...r, date: '2021-02-30' }).slice(0, -1)},"date":${JSON.stringify(r.date)}}`, // duplicate key: the last wins
  (r: Row) => JSON.stringify({ extra: [1, { deep: true }], ['__proto__']: { text: 5 }, ...r }),
  (r: Row) => `  ${JSON.stringify(r)}\t `,
  (r: Row) => JSON.stringify(r).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);

/** A JSON Lines file: good rows, blank lines, at most one broken line, LF or CRLF. */
export interface JsonLinesCase {
  content: string;
  lines: JsonLine[];
  /** 1-based line of the broken row, if any. */
  badLine?: number;
  badField?: string | null;
}

export const jsonLinesCase: fc.Arbitrary<JsonLinesCase> = fc
  .record({
    rows: fc.array(row, { minLength: 1, maxLength: 6 }),
    blanks: fc.array(fc.constantFrom('', '  ', '\t'), { maxLength: 6 }),
    blankAt: fc.array(fc.nat(), { maxLength: 6 }),
    eol: fc.constantFrom('\n', '\r\n'),
    trailing: fc.boolean(),
    bom: fc.boolean(),
    breakAt: fc.option(fc.nat(), { nil: undefined }),
    breaker: fc.oneof(fieldMutation.map((m) => ({ kind: 'field' as const, m })), brokenLine.map((b) => ({ kind: 'line' as const, b }))),
    odd: fc.option(fc.tuple(fc.nat(), oddGoodRow), { nil: undefined }),
    hugeAt: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ rows, blanks, blankAt, eol, trailing, bom, breakAt, breaker, odd, hugeAt }) => {
    const lines: JsonLine[] = rows.map((r, i) => {
      const doc = i === (hugeAt ?? -1) % rows.length ? { ...r, text: `${r.text} ${'x'.repeat(200_000)}` } : r;
      const raw = odd && odd[0] % rows.length === i ? odd[1](doc) : JSON.stringify(doc);
      return { raw, doc };
    });
    if (breakAt !== undefined) {
      const i = breakAt % rows.length;
      const r = rows[i]!;
      lines[i] = breaker.kind === 'field'
        ? (({ value, field }) => ({ raw: JSON.stringify(value), badField: field }))(breaker.m(r))
        : { raw: breaker.b(r), badField: null };
    }
    blanks.forEach((b, k) => lines.splice((blankAt[k] ?? 0) % (lines.length + 1), 0, { raw: b }));
    const content = (bom ? '\ufeff' : '') + lines.map((l) => l.raw).join(eol) + (trailing ? eol : '');
    const badIndex = lines.findIndex((l) => l.badField !== undefined);
    return { content, lines, ...(badIndex === -1 ? {} : { badLine: badIndex + 1, badField: lines[badIndex]!.badField }) };
  });

/** A corpus-format or plain-text document, broken or not, with the options it is parsed with. */
export interface TextCase {
  content: string;
  origin: string;
  options: { date?: string; url?: string; format?: 'corpus' | 'text' };
  /** The document the parser must return, or the field (and line) it must reject. */
  expect: { ok: true; date: string; url: string | null } | { ok: false; field: string; line?: number };
}

const markerLead = fc.constantFrom(' ', '', '  ', '\t', ' \u00a0');
const eol = fc.constantFrom('\n', '\r\n');

export const textCase: fc.Arbitrary<TextCase> = fc.oneof(
  // Corpus: ` date YYYY-MM-DD ` then the text.
  fc.record({ lead: markerLead, day: validDay, text: solidText, override: fc.option(validDay, { nil: undefined }), bom: fc.boolean(), forced: fc.boolean() })
    .map(({ lead, day, text, override, bom, forced }): TextCase => ({
      content: `${bom ? '\ufeff' : ''}${lead}date ${day} ${text}`,
      origin: 'article.txt',
      options: { ...(override ? { date: override } : {}), ...(forced ? { format: 'corpus' as const } : {}) },
      expect: { ok: true, date: override ?? day, url: null },
    })),
  // Corpus with a date that is not a calendar day.
  fc.record({ day: badDaySolid, text: solidText })
    .map(({ day, text }): TextCase => ({ content: ` date ${day} ${text}`, origin: 'article.txt', options: {}, expect: { ok: false, field: 'date', line: 1 } })),
  // Corpus forced on a file without the marker.
  solidText.map((text): TextCase => ({ content: `dated ${text}`, origin: 'a.md', options: { format: 'corpus' }, expect: { ok: false, field: 'date', line: 1 } })),
  // Corpus with nothing after the marker.
  fc.record({ day: validDay, rest: blank }).map(({ day, rest }): TextCase => ({ content: ` date ${day} ${rest}`, origin: 'a.txt', options: {}, expect: { ok: false, field: 'text' } })),
  // Plain text with --date (and --url).
  fc.record({ day: validDay, text: solidText, url: fc.option(fc.webUrl(), { nil: undefined }) })
    .map(({ day, text, url }): TextCase => ({
      content: text, origin: 'plain.txt', options: { date: day, format: 'text', ...(url ? { url } : {}) }, expect: { ok: true, date: day, url: url ?? null },
    })),
  // Plain text without a date, with a bad one, with a URL holding a control character, with no text.
  solidText.map((text): TextCase => ({ content: text, origin: 'plain.txt', options: { format: 'text' }, expect: { ok: false, field: 'date' } })),
  fc.record({ text: solidText, day: badDay }).map(({ text, day }): TextCase => ({ content: text, origin: 'plain.txt', options: { date: day, format: 'text' }, expect: { ok: false, field: 'date', line: 1 } })),
  fc.record({ text: solidText, day: validDay, url: unstorableInLine }).map(({ text, day, url }): TextCase => ({ content: text, origin: 'p.txt', options: { date: day, url, format: 'text' }, expect: { ok: false, field: 'url' } })),
  fc.record({ text: blank, day: validDay }).map(({ text, day }): TextCase => ({ content: text, origin: 'p.txt', options: { date: day, format: 'text' }, expect: { ok: false, field: 'text' } })),
  // A NUL or an unpaired surrogate somewhere in the text: rejected with its line.
  fc.record({ day: validDay, before: fc.array(solidText, { minLength: 0, maxLength: 3 }), bad: unstorable, sep: eol })
    .map(({ day, before, bad, sep }): TextCase => {
      const head = ` date ${day} ${before.join(sep)}`;
      const content = `${head}${sep}${bad}`;
      // `bad` holds the first offending character, on the line after the text before it (a
      // lone CR ends a line too).
      const line = content.slice(0, content.length - bad.length).split(/\r\n|\r|\n/).length;
      return { content, origin: 'bad.txt', options: {}, expect: { ok: false, field: 'text', line } };
    }),
);

/** Anything at all: the parser must answer with documents or a located InputError. */
export const anyContent: fc.Arbitrary<{ content: string; origin: string; date?: string; format?: 'corpus' | 'text' | 'jsonl' }> = fc.record({
  content: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(fc.oneof(word, fc.constantFrom('{"date":', '"2020-01-01"', ',"text":', '"x"', '}', '\n', '\u0000', ' date ', '\ud800')), { maxLength: 40 }).map((a) => a.join('')),
  ),
  origin: fc.constantFrom('a.txt', 'b.jsonl', 'c.md', '-', 'd.ndjson', 'e.TXT'),
  date: fc.option(fc.oneof(validDay, badDay), { nil: undefined }),
  format: fc.option(fc.constantFrom('corpus' as const, 'text' as const, 'jsonl' as const), { nil: undefined }),
}, { requiredKeys: ['content', 'origin'] });
