import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityKind, NameType } from '../../src/model/types.js';
import type { ParsedList } from '../../src/importers/types.js';
import { parseOfacSdnCsv } from '../../src/importers/ofac-sdn-csv.js';
import { parseUnXml } from '../../src/importers/un-xml.js';
import { parseSchedule } from '../../src/importers/schedule-csv.js';

/** The shared data folder beside the repository (../shared/data). */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const UN_FILE = `${SHARED_DATA}un-consolidated-2018-10-29.xml`;
export const OFAC_FILE = `${SHARED_DATA}ofac-sdn-2024-05.csv`;
export const NEGATIVES_FILE = fileURLToPath(new URL('../data/negatives.txt', import.meta.url));

export interface BenchName {
  text: string;
  type: NameType;
}

export interface BenchEntity {
  /** Dense id, 0-based, across both lists. */
  id: number;
  ref: string;
  kind: EntityKind;
  names: BenchName[];
}

/** Both real lists, parsed by the project's importers, as entities with all their names. */
export function loadRealLists(): { entities: BenchEntity[]; un: number; ofac: number } {
  const lists: ParsedList[] = [
    parseUnXml(readFileSync(UN_FILE, 'utf8'), UN_FILE),
    parseOfacSdnCsv(readFileSync(OFAC_FILE, 'utf8'), OFAC_FILE),
  ];
  const entities: BenchEntity[] = [];
  for (const list of lists) {
    for (const e of list.entries) {
      const names: BenchName[] = [{ text: e.primaryName, type: 'primary' }, ...e.names.map((n) => ({ text: n.text, type: n.type }))];
      entities.push({ id: entities.length, ref: e.ref, kind: e.kind, names });
    }
  }
  return { entities, un: lists[0]!.entries.length, ofac: lists[1]!.entries.length };
}

/**
 * The negatives with the kind each is: people under the file's `# People` headings, the rest
 * (parties, charities, banks, companies, universities, clubs, newspapers) organisations.
 */
export function loadNegativesWithKinds(): { name: string; kind: EntityKind }[] {
  if (!existsSync(NEGATIVES_FILE)) return loadNegatives().map((name) => ({ name, kind: 'organisation' }));
  const out: { name: string; kind: EntityKind }[] = [];
  let kind: EntityKind = 'organisation';
  for (const raw of readFileSync(NEGATIVES_FILE, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (/^#\s*People\b/.test(line)) kind = 'person';
      else if (/^#\s*(Political|Charities|Banks|Companies|Universities|Sports|Newspapers|Religious)\b/.test(line)) kind = 'organisation';
      continue;
    }
    out.push({ name: line, kind });
  }
  return out;
}

export function loadNegatives(): string[] {
  if (!existsSync(NEGATIVES_FILE)) {
    process.stderr.write(`warning: ${NEGATIVES_FILE} is missing: no negatives screened\n`);
    return [];
  }
  return readFileSync(NEGATIVES_FILE, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** The bundled national lists (data/lists/national), parsed by the project's schedule parser, one entity per entry. */
export function loadNationalLists(firstId: number): BenchEntity[] {
  const dir = fileURLToPath(new URL('../../data/lists/national/', import.meta.url));
  const out: BenchEntity[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv') && f !== 'kinds.csv').sort()) {
    const parsed = parseSchedule(readFileSync(`${dir}${file}`, 'utf8'), file);
    for (const e of parsed.entries) {
      out.push({
        id: firstId + out.length, ref: `${file}:${e.key}`, kind: e.kind,
        names: [{ text: e.name, type: 'primary' }, ...e.aliases.map((a) => ({ text: a.text, type: a.type }))],
      });
    }
  }
  return out;
}
