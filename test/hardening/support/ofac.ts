import fc from 'fast-check';
import { SDN_COLUMNS } from '../../../src/importers/ofac-sdn-csv.js';

/**
 * Generators for OFAC's legacy sdn.csv (12 columns, no header, `-0-` for empty) and alt.csv:
 * files written the ways the real ones are (quoted and bare cells, `-0- ` with its trailing
 * blank, CRLF, a final \x1a, names and remarks over several lines), good or with one record
 * broken, each with the line and field the parser must name.
 */

interface SdnRow {
  entNum: string;
  name: string;
  type: string;
  program: string;
  remarks: string;
}

export interface OfacCase {
  csv: string;
  alt?: string;
  expect:
    | { ok: true; entries: { ref: string; kind: string; line: number }[] }
    /** `file`: which input the fault is in; `field`: `a|b` for either. */
    /** `orLater`: the fault can read as good CSV up to a later line, where the error is. */
    | { ok: false; file: 'sdn' | 'alt'; line?: number; field?: string; orLater?: boolean };
  mutation: string;
}

const KIND: Record<string, string> = { '-0-': 'organisation', '': 'organisation', individual: 'person', INDIVIDUAL: 'person', vessel: 'vessel', aircraft: 'aircraft' };

const sdnName = fc.tuple(
  fc.constantFrom('ABU MARZOOK, Mousa', 'BANCO NACIONAL DE CUBA', 'HIZBALLAH', 'AL-QAIDA', 'ناصر', 'O\'BRIEN, Pat', 'SAND SWAN'),
  fc.constantFrom('', ' "THE" ', ', Jr.', '\nSECOND LINE', ' (a.k.a. X)', ' ,', '  '),
).map(([a, b]) => a + b);
const remarks = fc.array(
  fc.constantFrom("a.k.a. 'BNC'", 'f.k.a. "ANA I"', "n.k.a. 'LGOK'", 'DOB 09 Feb 1951', 'POB Gaza', "a.k.a. 'ABU-'UMAR'", 'Linked To: X', "a.k.a. 'unclosed", 'a.k.a.', '"quoted"', '\nnext line'),
  { maxLength: 4 },
).map((parts) => (parts.length === 0 ? '-0-' : `${parts.join('; ')}.`));

const sdnRow: fc.Arbitrary<Omit<SdnRow, 'entNum'>> = fc.record({
  name: sdnName,
  type: fc.constantFrom('-0-', 'individual', 'vessel', 'aircraft', 'INDIVIDUAL'),
  program: fc.constantFrom('SDGT', 'SDGT] [IRGC', 'CUBA', '-0-', 'FTO] [SDGT] [SYRIA'),
  remarks,
});

/** A cell as OFAC writes it: quoted, or bare (numbers and `-0- `). */
function cell(value: string, bare: boolean): string {
  if (bare && !/[",\r\n]/.test(value) && value.trim() === value) return value === '-0-' ? '-0- ' : value;
  return `"${value.replace(/"/g, '""')}"`;
}

function rowCells(r: SdnRow): string[] {
  return [r.entNum, r.name, r.type, r.program, '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', r.remarks];
}

interface Layout {
  eol: string;
  bom: boolean;
  eof: boolean;
  blankAt: number[];
  bareAll: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  eof: fc.boolean(),
  blankAt: fc.array(fc.nat(), { maxLength: 3 }),
  bareAll: fc.boolean(),
});

/** Lines of a file: records joined by `eol`, blank lines where `blankAt` says; the line each record starts on. */
function writeCsv(records: string[][], l: Layout, raw: Map<number, string> = new Map()): { text: string; lines: number[] } {
  const out: string[] = [];
  const lines: number[] = [];
  let line = 1;
  records.forEach((cells, k) => {
    if (l.blankAt.some((b) => b % (records.length + 1) === k)) {
      out.push('');
      line++;
    }
    const text = raw.get(k) ?? cells.map((c, i) => cell(c, i === 0 || l.bareAll || c === '-0-')).join(',');
    lines.push(line);
    out.push(text);
    // Quoted cells carry their line breaks (CRLF is one).
    line += 1 + (text.match(/\r\n|\r|\n/g) ?? []).length;
  });
  const body = out.join(l.eol) + l.eol;
  // A quoted cell's own line breaks are LF; with CR line ends, a CRLF would read as one break.
  return { text: (l.bom ? '\ufeff' : '') + body + (l.eof ? '\x1a' : ''), lines };
}

const BROKEN = [
  'too-few-columns', 'too-many-columns', 'bad-ent-num', 'duplicate-ent-num', 'empty-name', 'bad-type', 'unclosed-quote',
  'quote-in-bare-cell', 'text-after-quote', 'control-char', 'alt-unknown-ent', 'alt-bad-type', 'alt-empty-name', 'alt-columns', 'empty-file',
] as const;

export const ofacCase: fc.Arbitrary<OfacCase> = fc
  .record({
    rows: fc.array(sdnRow, { minLength: 1, maxLength: 6 }),
    nums: fc.uniqueArray(fc.nat(99999), { minLength: 6, maxLength: 6 }),
    layout,
    withAlt: fc.boolean(),
    altNames: fc.array(fc.tuple(fc.nat(), fc.constantFrom('aka', 'fka', 'nka', 'a.k.a.'), sdnName), { maxLength: 4 }),
    broken: fc.option(fc.record({ kind: fc.constantFrom(...BROKEN), index: fc.nat(), detail: fc.nat() }), { nil: null, freq: 3 }),
  })
  .map(({ rows, nums, layout: l, withAlt, altNames, broken: b }): OfacCase => {
    // Names and remarks hold LF line breaks; with CR line ends, keep them single-line.
    const flat = (s: string) => (l.eol === '\r' ? s.replace(/\n/g, ' ') : s);
    const sdn: SdnRow[] = rows.map((r, k) => ({ ...r, name: flat(r.name), remarks: flat(r.remarks), entNum: String(nums[k]) }));
    const alt = altNames.map(([k, type, name]) => [sdn[k % sdn.length]!.entNum, String(k + 1), type, flat(name), '-0-']);
    const hasAlt = withAlt || (b !== null && b.kind.startsWith('alt-'));
    const raw = new Map<number, string>();
    const rawAlt = new Map<number, string>();
    const i = b ? b.index % sdn.length : 0;
    const target = sdn[i]!;
    let altRecords = alt;
    const pickOf = <T>(items: readonly T[]) => items[(b?.detail ?? 0) % items.length]!;
    let expect: OfacCase['expect'] | null = null;
    /** Lines between the start of the broken record and its fault. */
    let offset = 0;
    switch (b?.kind) {
      case undefined:
        break;
      case 'too-few-columns':
        raw.set(i, rowCells(target).slice(0, 11).map((c) => cell(c, false)).join(','));
        expect = { ok: false, file: 'sdn', field: 'Remarks' };
        break;
      case 'too-many-columns':
        raw.set(i, [...rowCells(target), 'extra'].map((c) => cell(c, false)).join(','));
        expect = { ok: false, file: 'sdn', field: 'Remarks' };
        break;
      case 'bad-ent-num':
        target.entNum = pickOf(['12a', '-1', '1.0', 'x', '', '١٢']);
        expect = { ok: false, file: 'sdn', field: 'ent_num' };
        break;
      case 'duplicate-ent-num':
        if (sdn.length < 2) break;
        sdn[i === 0 ? 1 : i]!.entNum = sdn[(i === 0 ? 1 : i) - 1]!.entNum;
        expect = { ok: false, file: 'sdn', field: 'ent_num' };
        break;
      case 'empty-name':
        target.name = pickOf(['', '-0-', '   ']);
        expect = { ok: false, file: 'sdn', field: 'SDN_Name' };
        break;
      case 'bad-type':
        target.type = pickOf(['entity', 'person', 'x', 'ship']);
        expect = { ok: false, file: 'sdn', field: 'SDN_Type' };
        break;
      case 'unclosed-quote':
        // The last cell's closing quote gone: the cell runs on to the end of the file or into the next quote.
        raw.set(i, rowCells(target).map((c) => cell(c, false)).join(',').slice(0, -1));
        // The open cell can close on a later quote and the file read on as good CSV (the cell
        // swallowing the next records) up to where it no longer can.
        expect = { ok: false, file: 'sdn', orLater: true };
        break;
      case 'quote-in-bare-cell':
        raw.set(i, rowCells(target).map((c, k) => (k === 3 ? 'SD"GT' : cell(c, false))).join(','));
        // Named by the line the stray quote is on, past a name over several lines.
        offset = (rowCells(target).slice(0, 3).join(',').match(/\r\n|\r|\n/g) ?? []).length;
        expect = { ok: false, file: 'sdn', field: 'Program' };
        break;
      case 'text-after-quote':
        raw.set(i, rowCells(target).map((c, k) => (k === 3 ? '"SDGT"x' : cell(c, false))).join(','));
        expect = { ok: false, file: 'sdn', field: 'Program' };
        break;
      case 'control-char': {
        const column = (b.detail % 3) === 0 ? 1 : (b.detail % 3) === 1 ? 3 : 11;
        const bad = pickOf(['\u0000', '\u0001', '\u001b', '\uffff', '\ud800']);
        raw.set(i, rowCells(target).map((c, k) => cell(k === column ? `${c}${bad}` : c, false)).join(','));
        // An unpaired surrogate is refused before the CSV is read, by the line it is on.
        if (bad === '\ud800') offset = (rowCells(target).slice(0, column + 1).join(',').match(/\r\n|\r|\n/g) ?? []).length;
        expect = { ok: false, file: 'sdn', ...(bad === '\ud800' ? {} : { field: SDN_COLUMNS[column] }) };
        break;
      }
      case 'alt-unknown-ent':
        altRecords = [...alt, ['424242424', '9', 'aka', 'SOMEONE', '-0-']];
        expect = { ok: false, file: 'alt', field: 'ent_num', line: 0 };
        break;
      case 'alt-bad-type':
        altRecords = [...alt, [target.entNum, '9', pickOf(['xka', 'alias', '']), 'SOMEONE', '-0-']];
        expect = { ok: false, file: 'alt', field: 'alt_type', line: 0 };
        break;
      case 'alt-empty-name':
        altRecords = [...alt, [target.entNum, '9', 'aka', pickOf(['', '-0-']), '-0-']];
        expect = { ok: false, file: 'alt', field: 'alt_name', line: 0 };
        break;
      case 'alt-columns':
        altRecords = [...alt, [target.entNum, '9', 'aka']];
        rawAlt.set(alt.length, [target.entNum, '9', 'aka'].map((c) => cell(c, false)).join(','));
        expect = { ok: false, file: 'alt', field: 'alt_name', line: 0 };
        break;
      case 'empty-file':
        return { csv: pickOf(['', '\n\n', '\x1a', '\ufeff', '  \r\n']), expect: { ok: false, file: 'sdn', line: 1 }, mutation: b.kind };
    }
    const written = writeCsv(sdn.map(rowCells), l, raw);
    // An empty alt.csv is refused as a damaged download: a file given has at least one name.
    const altWritten = hasAlt && altRecords.length > 0 ? writeCsv(altRecords, { ...l, blankAt: [] }, rawAlt) : undefined;
    if (expect && !expect.ok) {
      // The line of the broken record (the last alt record for alt faults).
      expect = { ...expect, line: expect.file === 'alt' ? altWritten!.lines.at(-1)! : written.lines[b!.kind === 'duplicate-ent-num' ? (i === 0 ? 1 : i) : i]! + offset };
    }
    return {
      csv: written.text,
      ...(altWritten ? { alt: altWritten.text } : {}),
      mutation: expect ? b!.kind : b ? `${b.kind} (not applicable)` : 'none',
      expect: expect ?? {
        ok: true,
        entries: sdn.map((r, k) => ({ ref: `ofac:${r.entNum}`, kind: KIND[r.type]!, line: written.lines[k]! })),
      },
    };
  });

/** CSV-ish soup: entries or a located InputError. */
export const csvSoup: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom('1', '"', ',', '-0- ', '\n', '\r\n', '\r', '"a""b"', 'individual', 'x', ' ', '\x1a', '\ufeff', '""'), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 80 })
  .map((parts) => parts.join(''));
