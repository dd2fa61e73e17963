import fc from 'fast-check';
import { validDay } from './documents.js';

/**
 * Generators for the UN consolidated list: a document built from a model (so the line of every
 * record and field is known), valid in the many ways the real file varies (line ends, comments,
 * CDATA, character references, attributes, empty elements), or with one thing broken and the
 * record, field and line the parser must name.
 */

type Tag = 'INDIVIDUAL' | 'ENTITY';

interface UnRecord {
  tag: Tag;
  ref: string | null;
  /** Whitespace written around the reference number (the parser ignores it). */
  refPad: string;
  names: string[];
  listedOn: string | null;
  script: string | null;
  aliases: { quality: string; name: string; note: string | null }[];
  /** Text written before FIRST_NAME's content (a broken mutation puts its fault here). */
  namePrefix: string;
  cdata: boolean;
  extraChild: string | null;
}

export interface UnCase {
  xml: string;
  /** The entries the parser must return (refs, lines, listing dates, publication date). */
  expect:
    | { ok: true; publishedOn: string | null; entries: { ref: string; kind: 'person' | 'organisation'; line: number; listedOn: string | null }[] }
    /** `field`: the field the rejection names (`a|b`: either). */
    | { ok: false; field: string; line?: number };
  mutation: string;
}

const nameWord = fc.constantFrom(
  'AL-QAIDA', 'Lashkar-e-Tayyiba', 'جبهة النصرة', 'Café', 'R&D', '(AQAP)', "O'Neil", '"Quoted"', '(original script: حسن غول)', ';', 'born 1960',
  'a) Abu b) Umar', '<tag>', 'Ω', '(PAKISTAN)', '(previously listed as)', 'Hay’at', 'x > y', ' - sub-unit name', '(combat name)', 'ИГИЛ', '  ',
);
const baseName = fc.constantFrom('HASSAN', 'Example Front', 'AL-NUSRAH FRONT', 'Jamaat ul Ahrar', 'تحریک طالبان');
const name = fc.tuple(baseName, fc.array(nameWord, { maxLength: 5 })).map(([b, w]) => [b, ...w].join(' '));
const listedOn = fc.oneof(
  fc.constant(null),
  validDay.map((d) => ({ raw: d, day: d })),
  validDay.map((d) => ({ raw: `${d}-04:00`, day: d })),
  validDay.map((d) => ({ raw: `${d}T00:00:00Z`, day: d })),
);
const refBody = fc.tuple(fc.constantFrom('QDi.', 'QDe.', 'KPi.', 'TAi.', 'CDe.', ''), fc.nat(99999)).map(([p, n]) => `${p}${String(n).padStart(3, '0')}`);

interface RecordDraft {
  tag: Tag;
  ref: string;
  refPad: string;
  names: string[];
  listed: { raw: string; day: string } | null;
  script: string | null;
  aliases: { quality: string; name: string; note: string | null }[];
  cdata: boolean;
}

const record = (tag: Tag): fc.Arbitrary<RecordDraft> =>
  fc.record({
    ref: refBody,
    refPad: fc.constantFrom('', ' ', '\n  ', '\t'),
    names: tag === 'INDIVIDUAL' ? fc.array(name, { minLength: 1, maxLength: 4 }) : name.map((n) => [n]),
    listed: listedOn,
    script: fc.option(fc.constantFrom('حافظ محمد سعید', 'Абу', '哈桑'), { nil: null }),
    aliases: fc.array(fc.record({ quality: fc.constantFrom('Good', 'Low', 'a.k.a.', 'f.k.a.', '', 'odd'), name, note: fc.option(fc.constantFrom('previously listed as', 'original script: ابو', 'x'), { nil: null }) }), { maxLength: 3 }),
    cdata: fc.boolean(),
  }).map((r) => ({ tag, ...r }));

interface Layout {
  eol: string;
  multiLine: boolean;
  bom: boolean;
  declaration: boolean;
  entitiesFirst: boolean;
  decoys: boolean;
  dateGenerated: string | null;
  quote: string;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom('\n', '\r\n'),
  multiLine: fc.boolean(),
  bom: fc.boolean(),
  declaration: fc.boolean(),
  entitiesFirst: fc.boolean(),
  decoys: fc.boolean(),
  dateGenerated: fc.option(fc.oneof(validDay, validDay.map((d) => `${d}T19:09:49.856-04:00`)), { nil: null }),
  quote: fc.constantFrom('"', "'"),
});

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes XML and keeps count of lines (LF, CRLF and a lone CR each end one). */
class Writer {
  private readonly parts: string[] = [];
  line = 1;
  constructor(readonly eol: string) {}
  write(text: string): this {
    this.parts.push(text);
    this.line += (text.match(/\r\n|\r|\n/g) ?? []).length;
    return this;
  }
  nl(): this {
    return this.write(this.eol);
  }
  toString(): string {
    return this.parts.join('');
  }
}

interface Broken {
  /** What to do to the model or the text, and the field the parser must name. */
  kind: string;
  index: number;
  detail: string;
}

interface Written {
  xml: string;
  rootLine: number;
  recordLines: number[];
  nameLines: number[];
  refLines: number[];
  extraLine: number | null;
  secondRootLine: number | null;
}

interface DocModel {
  layout: Layout;
  individuals: UnRecord[];
  entities: UnRecord[];
  rootName: string;
  containers: boolean;
  containerExtra: { container: 'INDIVIDUALS' | 'ENTITIES'; tag: string } | null;
  rootExtra: string | null;
  secondRoot: boolean;
  dtd: string | null;
}

function writeDocument(m: DocModel): Written {
  const { layout: l } = m;
  const w = new Writer(l.eol);
  const sep = () => (l.multiLine ? w.nl() : w);
  if (l.bom) w.write('\ufeff');
  if (l.declaration) w.write('<?xml version="1.0" encoding="UTF-8"?>').nl();
  if (m.dtd !== null) w.write(m.dtd).nl();
  if (l.decoys) w.write('<!-- an old <INDIVIDUAL> and <ENTITY>, kept').nl().write('     for reference <CONSOLIDATED_LIST> -->').nl().write('<?pi <ENTITY> ?>').nl();
  const rootLine = w.line;
  const date = l.dateGenerated === null ? '' : ` dateGenerated=${l.quote}${l.dateGenerated}${l.quote}`;
  w.write(`<${m.rootName} xmlns:xsi=${l.quote}http://www.w3.org/2001/XMLSchema-instance${l.quote}${date}>`).nl();
  const recordLines: number[] = [];
  const nameLines: number[] = [];
  const refLines: number[] = [];
  let extraLine: number | null = null;
  const writeRecord = (r: UnRecord) => {
    recordLines.push(w.line);
    w.write(`  <${r.tag}${l.decoys ? ' class="x"' : ''}>`);
    sep().write('<DATAID>1</DATAID>');
    const nameFields = r.tag === 'INDIVIDUAL' ? ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'] : ['FIRST_NAME'];
    nameFields.forEach((field, k) => {
      sep();
      if (k === 0) nameLines.push(w.line);
      const text = r.names[k];
      if (text === undefined) return void w.write(`<${field}/>`);
      const body = r.cdata && !text.includes(']]>') ? `<![CDATA[${text}]]>` : escapeText(text);
      w.write(`<${field}>${k === 0 ? r.namePrefix : ''}${body}</${field}>`);
    });
    sep().write(`<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>`);
    sep();
    refLines.push(w.line);
    if (r.ref !== null) w.write(`<REFERENCE_NUMBER>${r.refPad}${escapeText(r.ref)}${r.refPad}</REFERENCE_NUMBER>`);
    if (r.listedOn !== null) sep().write(`<LISTED_ON>${escapeText(r.listedOn)}</LISTED_ON>`);
    if (r.script !== null) sep().write(`<NAME_ORIGINAL_SCRIPT>${escapeText(r.script)}</NAME_ORIGINAL_SCRIPT>`);
    sep().write(`<COMMENTS1>Linked to <![CDATA[<${r.tag === 'ENTITY' ? 'INDIVIDUAL' : 'ENTITY'}> & co]]> &amp; others &#233;&#x41;&nbsp;.</COMMENTS1>`);
    for (const a of r.aliases) {
      sep().write(`<${r.tag}_ALIAS><QUALITY>${escapeText(a.quality)}</QUALITY><ALIAS_NAME>${escapeText(a.name)}</ALIAS_NAME>${a.note === null ? '' : `<NOTE>${escapeText(a.note)}</NOTE>`}</${r.tag}_ALIAS>`);
    }
    // A part the parser keeps as raw text: deep and odd, but well-formed.
    sep().write(`<${r.tag}_ADDRESS><CITY>${'<a>'.repeat(20)}Lahore${'</a>'.repeat(20)}</CITY><NOTE/></${r.tag}_ADDRESS>`);
    if (r.extraChild !== null) sep().write(`<${r.extraChild}>x</${r.extraChild}>`);
    sep().write(`</${r.tag}>`).nl();
  };
  const writeContainer = (container: 'INDIVIDUALS' | 'ENTITIES', records: UnRecord[]) => {
    w.write(` <${container}>`).nl();
    records.forEach(writeRecord);
    if (m.containerExtra?.container === container) {
      extraLine = w.line;
      w.write(`  <${m.containerExtra.tag}><X>1</X></${m.containerExtra.tag}>`).nl();
    }
    w.write(` </${container}>`).nl();
  };
  if (m.containers) {
    const order: ['INDIVIDUALS' | 'ENTITIES', UnRecord[]][] = [['INDIVIDUALS', m.individuals], ['ENTITIES', m.entities]];
    if (l.entitiesFirst) order.reverse();
    for (const [container, records] of order) writeContainer(container, records);
  }
  if (m.rootExtra !== null) {
    extraLine = w.line;
    w.write(` <${m.rootExtra}/>`).nl();
  }
  w.write(`</${m.rootName}>`).nl();
  let secondRootLine: number | null = null;
  if (m.secondRoot) {
    secondRootLine = w.line;
    w.write(`<${m.rootName}><ENTITIES/></${m.rootName}>`).nl();
  }
  return { xml: w.toString(), rootLine, recordLines, nameLines, refLines, extraLine, secondRootLine };
}

const BROKEN_KINDS = [
  'missing-ref', 'blank-ref', 'no-name', 'junk-name', 'bad-listed-on', 'duplicate-ref', 'bad-date-generated', 'container-extra',
  'record-in-wrong-container', 'root-extra', 'second-root', 'wrong-root', 'no-containers', 'undefined-entity', 'bad-char-ref',
  'control-char', 'bare-ampersand', 'entity-declaration', 'reserved-element', 'truncated', 'crossed-tags',
] as const;

const broken: fc.Arbitrary<Broken> = fc.record({
  kind: fc.constantFrom(...BROKEN_KINDS),
  index: fc.nat(),
  detail: fc.nat().map(String),
});

const pickOf = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

/** A valid UN list, or one with one fault, and what the parser must answer. */
export const unCase: fc.Arbitrary<UnCase> = fc
  .record({
    layout,
    individuals: fc.array(record('INDIVIDUAL'), { maxLength: 4 }),
    entities: fc.array(record('ENTITY'), { maxLength: 4 }),
    broken: fc.option(broken, { nil: null, freq: 3 }),
  })
  .filter(({ individuals, entities }) => individuals.length + entities.length > 0)
  .map(({ layout: l, individuals, entities, broken: b }): UnCase => {
    // Unique references, as in a real list.
    const seen = new Set<string>();
    const toRecord = (r: RecordDraft, k: number): UnRecord => {
      let ref = r.ref;
      while (seen.has(ref)) ref = `${ref}${k}`;
      seen.add(ref);
      return {
        tag: r.tag, ref, refPad: r.refPad, names: r.names, listedOn: r.listed?.raw ?? null, script: r.script, aliases: r.aliases,
        namePrefix: '', cdata: r.cdata, extraChild: null,
      };
    };
    const model: DocModel = {
      layout: l,
      individuals: individuals.map(toRecord),
      entities: entities.map((r, k) => toRecord(r, k + 100)),
      rootName: 'CONSOLIDATED_LIST', containers: true, containerExtra: null, rootExtra: null, secondRoot: false, dtd: null,
    };
    // Records in the order the parser reads them: individuals, then entities.
    const all = [...model.individuals, ...model.entities];
    const listedDays = [...individuals, ...entities].map((r) => r.listed?.day ?? null);
    /** Index in document order of the record at `k` in reading order. */
    const docPosition = (k: number) => {
      const isIndividual = k < model.individuals.length;
      if (l.entitiesFirst) return isIndividual ? model.entities.length + k : k - model.individuals.length;
      return k;
    };
    const validCase = (mutation: string): UnCase => {
      const written = writeDocument(model);
      return {
        xml: written.xml,
        mutation,
        expect: {
          ok: true,
          publishedOn: l.dateGenerated?.slice(0, 10) ?? null,
          entries: all.map((r, k) => ({
            ref: `un:${r.ref}`, kind: r.tag === 'INDIVIDUAL' ? 'person' : 'organisation', line: written.recordLines[docPosition(k)]!, listedOn: listedDays[k]!,
          })),
        },
      };
    };
    if (b === null) return validCase('none');
    const i = b.index % all.length;
    const target = all[i]!;
    const docIndex = () => docPosition(i);
    const at = (w: Written, field: string, line: number | undefined): UnCase => ({ xml: w.xml, mutation: b.kind, expect: { ok: false, field, line } });
    const recordField = (field: string) => `${target.tag}.${field}`;
    switch (b.kind) {
      case 'missing-ref':
      case 'blank-ref': {
        target.ref = b.kind === 'missing-ref' ? null : '';
        const w = writeDocument(model);
        return at(w, recordField('REFERENCE_NUMBER'), w.recordLines[docIndex()]);
      }
      case 'no-name':
      case 'junk-name': {
        target.names = b.kind === 'no-name' ? [] : [pickOf([';', ' ; , ', '()', '""', ', ;'], Number(b.detail))];
        const w = writeDocument(model);
        return at(w, recordField('FIRST_NAME'), w.recordLines[docIndex()]);
      }
      case 'bad-listed-on': {
        target.listedOn = pickOf(['2021-02-30', '2021-13-01', 'unknown', '01/02/2020', '2020-1-1', '2020-02-30T00:00:00Z'], Number(b.detail));
        const w = writeDocument(model);
        return at(w, recordField('LISTED_ON'), w.recordLines[docIndex()]);
      }
      case 'duplicate-ref': {
        if (all.length < 2) break;
        const j = i === 0 ? 1 : i;
        all[j]!.ref = all[j - 1]!.ref;
        const w = writeDocument(model);
        return at(w, `${all[j]!.tag}.REFERENCE_NUMBER`, w.recordLines[docPosition(j)]);
      }
      case 'bad-date-generated': {
        l.dateGenerated = pickOf(['2021-02-30', 'today', '29/10/2018'], Number(b.detail));
        const w = writeDocument(model);
        return at(w, 'CONSOLIDATED_LIST.dateGenerated', w.rootLine);
      }
      case 'container-extra': {
        const container = target.tag === 'INDIVIDUAL' ? 'INDIVIDUALS' : 'ENTITIES';
        model.containerExtra = { container, tag: pickOf([`${target.tag}S`, `${target.tag}_X`, 'RECORD'], Number(b.detail)) };
        const w = writeDocument(model);
        return at(w, `${container}.${model.containerExtra.tag}`, w.extraLine ?? undefined);
      }
      case 'record-in-wrong-container': {
        const container = target.tag === 'INDIVIDUAL' ? 'ENTITIES' : 'INDIVIDUALS';
        model.containerExtra = { container, tag: target.tag };
        const w = writeDocument(model);
        return at(w, `${container}.${target.tag}`, w.extraLine ?? undefined);
      }
      case 'root-extra': {
        model.rootExtra = pickOf(['ENTITES', 'VESSELS', 'INDIVIDUAL'], Number(b.detail));
        const w = writeDocument(model);
        // A misplaced <INDIVIDUAL> is found as the first after the root's start tag: a real
        // record may come before it, so its line is not checked.
        return at(w, `CONSOLIDATED_LIST.${model.rootExtra}`, model.rootExtra === 'INDIVIDUAL' ? undefined : (w.extraLine ?? undefined));
      }
      case 'second-root': {
        model.secondRoot = true;
        const w = writeDocument(model);
        // The validator refuses a second root of another name itself; the parser, one of the same.
        return at(w, 'xml|CONSOLIDATED_LIST', w.secondRootLine ?? undefined);
      }
      case 'wrong-root': {
        model.rootName = pickOf(['sdnList', 'CONSOLIDATED', 'consolidated_list'], Number(b.detail));
        const w = writeDocument(model);
        return at(w, 'CONSOLIDATED_LIST', w.rootLine);
      }
      case 'no-containers': {
        model.containers = false;
        const w = writeDocument(model);
        return at(w, 'CONSOLIDATED_LIST', w.rootLine);
      }
      case 'undefined-entity':
      case 'bad-char-ref':
      case 'control-char':
      case 'bare-ampersand': {
        const faults: Record<string, readonly string[]> = {
          'undefined-entity': ['&foo;', '&lol9;', '&constructor;', '&__proto__;', '&x.y;'],
          'bad-char-ref': ['&#0;', '&#x0;', '&#xFFFE;', '&#x110000;', '&#xD800;', '&#99999999999;', '&#x;', '&#;', '&#1;'],
          'control-char': ['\u0000', '\u0001', '\u001b', '\uffff', '\ud800', '\u000b'],
          'bare-ampersand': ['& ', '&', 'R&D', '&foo'],
        };
        target.namePrefix = pickOf(faults[b.kind]!, Number(b.detail));
        target.cdata = false;
        if (target.names.length === 0) target.names = ['X'];
        const w = writeDocument(model);
        return at(w, 'xml', w.nameLines[docIndex()]);
      }
      case 'entity-declaration': {
        model.dtd = pickOf([
          '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
          '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
          '<!DOCTYPE CONSOLIDATED_LIST [\n  <!ENTITY name "Evil">\n]>',
        ], Number(b.detail));
        target.namePrefix = '&name;';
        if (target.names.length === 0) target.names = ['X'];
        const w = writeDocument(model);
        const dtdLine = (l.declaration ? 2 : 1) + (model.dtd.includes('\n  <!ENTITY') ? 1 : 0);
        return at(w, 'xml', dtdLine);
      }
      case 'reserved-element': {
        target.extraChild = pickOf(['__proto__', 'constructor', 'prototype'], Number(b.detail));
        const w = writeDocument(model);
        return at(w, target.extraChild === 'prototype' ? 'ok|xml' : 'xml', undefined);
      }
      case 'truncated': {
        const w = writeDocument(model);
        const after = w.xml.indexOf('>', w.xml.indexOf('<CONSOLIDATED_LIST')) + 1;
        const end = w.xml.lastIndexOf('</CONSOLIDATED_LIST>');
        const cut = after + (Number(b.detail) % Math.max(1, end - after));
        return { xml: w.xml.slice(0, cut), mutation: b.kind, expect: { ok: false, field: 'xml' } };
      }
      case 'crossed-tags': {
        const w = writeDocument(model);
        const xml = w.xml.replace('</REFERENCE_NUMBER>', '</FIRST_NAME>');
        if (xml === w.xml) break;
        return { xml, mutation: b.kind, expect: { ok: false, field: 'xml' } };
      }
    }
    // The fault needs something the document lacks (two records): a valid case instead.
    return validCase(`${b.kind} (not applicable)`);
  });

/** Tag soup: the parser must answer with entries or a located InputError. */
export const xmlSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('<CONSOLIDATED_LIST>', '</CONSOLIDATED_LIST>', '<ENTITIES>', '</ENTITIES>', '<ENTITY>', '</ENTITY>', '<INDIVIDUALS>', '<INDIVIDUAL>',
        '</INDIVIDUAL>', '<REFERENCE_NUMBER>', '</REFERENCE_NUMBER>', '<FIRST_NAME>', '</FIRST_NAME>', '<LISTED_ON>2020-01-01</LISTED_ON>', 'QDe.1', 'Name',
        '&amp;', '&', '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '<!DOCTYPE x>', '<X/>', ' ', '\n', '"', "'", '<a b="<">', '</a>'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));
