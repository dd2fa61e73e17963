import { InputError } from '../errors.js';
import type { ListDefinition } from '../lists/catalogue.js';
import { dateBounds, todayIso } from '../model/partial-date.js';
import type { Fact, Qualifiers } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import { currentlyListed } from './import-list.js';
import { nameKey } from './list-diff.js';
import type { ParsedSchedule, ScheduleEntry, ScheduleRow } from './schedule-csv.js';

export const SCHEDULE_IMPORTER = 'importer:schedule';

/** Why a listing fact of a schedule exists when no row states it. */
const CHANGE = { absent: 'absent', reappeared: 'reappeared' } as const;

export interface ScheduleSource {
  list: ListDefinition;
  /** SHA-256 of the file as read. */
  sha256: string;
  /** The file's name, for evidence and messages. */
  fileName: string;
  /**
   * The version's date: dates what this version reveals without a row saying it (an entry
   * missing from it is delisted on this day). Null: the day of the import.
   */
  publishedOn: string | null;
}

export interface ScheduleImportSummary {
  list: string;
  file: string;
  publishedOn: string | null;
  /** True when this exact file was already imported as a version of the list: nothing was written. */
  unchanged: boolean;
  rows: number;
  entries: number;
  /** Names new to the list. */
  added: string[];
  /** Listed again after a delisting (a later row, or back after being missing). */
  relisted: string[];
  /** Delisted by a row's delisted_on. */
  delisted: string[];
  /** Missing from this version while listed: delisted on the version's date. */
  removed: string[];
  /** A date of an earlier version that this version states differently: the old fact is superseded. */
  corrected: { name: string; predicate: string; from: string | null; to: string | null }[];
  namesAdded: number;
}

/**
 * Store one version of a schedule as accepted registry facts. Each name on the list is an entity
 * (its ref `list:key`); each row an accepted `proscribed` fact dated as written, and its
 * `delisted_on` an accepted `delisted` fact, with the row as evidence (source URL, notes, the
 * authority as who said it). A newer version is compared with what earlier versions recorded:
 * new rows and dates are added, a date stated differently supersedes the old fact (rejected by
 * the importer, with the reason), and a name missing from it is delisted on the version's date.
 * One transaction: a failure leaves the store as it was.
 */
export async function importSchedule(repo: Repository, schedule: ParsedSchedule, source: ScheduleSource, decidedAt?: string): Promise<ScheduleImportSummary> {
  const list = source.list;
  const summary: ScheduleImportSummary = {
    list: list.id, file: source.fileName, publishedOn: source.publishedOn, unchanged: false, rows: schedule.rows, entries: schedule.entries.length,
    added: [], relisted: [], delisted: [], removed: [], corrected: [], namesAdded: 0,
  };
  if (schedule.jurisdiction !== list.jurisdiction) {
    throw new InputError(`the rows are of jurisdiction ${schedule.jurisdiction}, the list ${list.id} is of ${list.jurisdiction}`, { file: source.fileName, line: schedule.entries[0]?.rows[0]?.line ?? 2, field: 'jurisdiction' });
  }
  return repo.transaction(async (tx) => {
    const existing = await tx.getList(list.id);
    if (existing && (existing.format !== 'schedule' || existing.jurisdiction !== list.jurisdiction || existing.measure !== list.measure)) {
      throw new InputError(
        `list ${list.id} is a ${existing.measure} list of ${existing.jurisdiction} imported from ${existing.format} files; this file would make it a ${list.measure} list of ${list.jurisdiction} from schedule files`,
        { file: source.fileName, field: 'list' },
      );
    }
    const runs = await tx.importRunsOfList(list.id);
    if (runs.some((r) => r.sha256 === source.sha256)) return { ...summary, unchanged: true };
    const latest = runs.map((r) => r.publishedOn).filter((d): d is string => d !== null).sort().at(-1);
    if (latest && source.publishedOn && source.publishedOn < latest) {
      throw new InputError(`this version (${source.publishedOn}) is older than the last imported one (${latest}): import versions of a list in date order`, { file: source.fileName, field: 'published-on' });
    }
    await tx.saveList(list);

    const at = decidedAt ?? new Date().toISOString();
    const versionDay = source.publishedOn ?? todayIso();
    const version = `${source.fileName} (sha256 ${source.sha256.slice(0, 12)})`;
    const prefix = `${list.refPrefix}:`;
    const known = await tx.refsWithPrefix(prefix);
    const listFacts = await tx.listFacts({ list: list.id, predicate: ['proscribed', 'delisted'] });
    const roots = await tx.getEntities([...known.values()]);
    // A list entry may read as a bigger entity after a join; its facts on this list are its own.
    const factsOf = (entityId: number): Fact[] => {
      const root = roots.get(entityId)?.id ?? entityId;
      return listFacts.filter((f) => f.subjectId === root);
    };
    const listedNow = await currentlyListed(tx, [...known.values()], list.id);

    const decide = async (fact: Fact, note: string) => {
      await tx.decide({ factId: fact.id, verdict: 'accepted', by: SCHEDULE_IMPORTER, note, at });
    };
    const qualifiers = (row: ScheduleRow | null, name: string): Qualifiers => ({
      jurisdiction: list.jurisdiction,
      list_name: name,
      authority: row?.authority ?? list.authority ?? undefined,
      law: row?.law ?? list.law ?? undefined,
      list: list.id,
      instrument: `${list.title}, ${version}`,
      ...(row ? { list_row: `${source.fileName}:${row.line}` } : {}),
      ...(row?.sourceRetrieved ? { retrieved: row.sourceRetrieved } : {}),
    });
    const rowFact = async (entityId: number, row: ScheduleRow, predicate: 'proscribed' | 'delisted') => {
      const fact = await tx.addFact({
        subjectId: entityId, predicate, date: predicate === 'proscribed' ? row.listedOn : row.delistedOn, qualifiers: qualifiers(row, row.name),
        evidence: { source: row.sourceUrl ?? `${list.title}, ${version}`, attribution: row.authority ?? list.authority, quote: row.notes },
        extractor: SCHEDULE_IMPORTER, confidence: 1,
      });
      await decide(fact, `list ${list.id}, ${version}, line ${row.line}`);
    };
    const versionFact = async (entityId: number, name: string, predicate: 'proscribed' | 'delisted', change: string, why: string) => {
      const fact = await tx.addFact({
        subjectId: entityId, predicate, date: versionDay, qualifiers: { ...qualifiers(null, name), list_change: change },
        evidence: { source: `${list.title}, ${version}`, attribution: list.authority, quote: why },
        extractor: SCHEDULE_IMPORTER, confidence: 1,
      });
      await decide(fact, `list ${list.id}, ${version}: ${why}`);
    };

    const seen = new Set<string>();
    for (const entry of schedule.entries) {
      const ref = `${prefix}${entry.key}`;
      seen.add(ref);
      let entityId = known.get(ref);
      if (entityId === undefined) {
        const entity = await tx.createEntity(entry.kind, entry.name, [ref]);
        entityId = entity.id;
        await tx.addName(entityId, { text: entry.name, type: 'primary' });
        for (const alias of entry.aliases) await tx.addName(entityId, { text: alias.text, type: alias.type });
        summary.namesAdded += 1 + entry.aliases.length;
        for (const row of entry.rows) {
          await rowFact(entityId, row, 'proscribed');
          if (row.delistedOn) await rowFact(entityId, row, 'delisted');
        }
        summary.added.push(entry.name);
        continue;
      }
      summary.namesAdded += await addNewNames(tx, entityId, entry);
      await reconcileEntry(entityId, entry);
    }

    for (const [ref, entityId] of known) {
      if (seen.has(ref) || !listedNow.has(entityId)) continue;
      const name = listFacts.find((f) => f.subjectId === (roots.get(entityId)?.id ?? entityId) && f.qualifiers.list_name)?.qualifiers.list_name ?? roots.get(entityId)?.name ?? ref;
      await versionFact(entityId, name, 'delisted', CHANGE.absent, `not on this version of the list (${versionDay})`);
      summary.removed.push(name);
    }

    await tx.recordImportRun({
      format: 'schedule', source: list.id, listId: list.id, sha256: source.sha256, publishedOn: source.publishedOn,
      summary: {
        file: source.fileName, rows: summary.rows, entries: summary.entries, added: summary.added.length, relisted: summary.relisted.length,
        delisted: summary.delisted.length, removed: summary.removed.length, corrected: summary.corrected.length, namesAdded: summary.namesAdded,
      },
    });
    return summary;

    /** Set an entry already on the list against its rows in this version. */
    async function reconcileEntry(entityId: number, entry: ScheduleEntry): Promise<void> {
      const facts = factsOf(entityId).filter((f) => f.status === 'accepted' && f.extractor === SCHEDULE_IMPORTER);
      const fromRows = facts.filter((f) => f.qualifiers.list_change === undefined);
      for (const predicate of ['proscribed', 'delisted'] as const) {
        const wanted = entry.rows.filter((r) => predicate === 'proscribed' || r.delistedOn !== null);
        const dateOf = (r: ScheduleRow) => (predicate === 'proscribed' ? r.listedOn : r.delistedOn);
        const have = fromRows.filter((f) => f.predicate === predicate);
        const unmatchedRows: ScheduleRow[] = [];
        for (const row of wanted) {
          const i = have.findIndex((f) => f.date === dateOf(row));
          if (i >= 0) have.splice(i, 1);
          else unmatchedRows.push(row);
        }
        // A fact no row states any more, paired with a row no fact states: a corrected date.
        for (const stale of have) {
          const row = unmatchedRows.shift();
          await tx.decide({
            factId: stale.id, verdict: 'rejected', by: SCHEDULE_IMPORTER, at,
            note: `superseded by list ${list.id}, ${version}: ${row ? `line ${row.line} gives ${dateOf(row) ?? 'no date'}` : 'no row states it any more'}`,
          });
          summary.corrected.push({ name: entry.name, predicate, from: stale.date, to: row ? dateOf(row) : null });
          if (row) await rowFact(entityId, row, predicate);
        }
        for (const row of unmatchedRows) {
          await rowFact(entityId, row, predicate);
          if (predicate === 'delisted') summary.delisted.push(entry.name);
          else summary.relisted.push(entry.name);
        }
      }
      // Back on this version after a version that did not hold it: listed again from now.
      const last = entry.rows.at(-1)!;
      if (last.delistedOn === null && !listedNow.has(entityId) && !summary.relisted.includes(entry.name)) {
        const absentSince = facts.filter((f) => f.qualifiers.list_change === CHANGE.absent).map((f) => f.date ?? '').sort().at(-1);
        const lastStart = last.listedOn ? dateBounds(last.listedOn)!.start : '0000-01-01';
        if (absentSince && lastStart <= absentSince) {
          await versionFact(entityId, entry.name, 'proscribed', CHANGE.reappeared, `back on the list in this version (${versionDay}) after being missing from the version of ${absentSince}`);
          summary.relisted.push(entry.name);
        }
      }
    }
  });
}

/** Names of the entry the entity does not have yet (case and spacing aside). */
async function addNewNames(tx: Repository, entityId: number, entry: ScheduleEntry): Promise<number> {
  const have = new Set((await tx.namesOf(entityId)).map((n) => nameKey(n.text)));
  let added = 0;
  for (const name of [{ text: entry.name, type: 'alias' as const }, ...entry.aliases]) {
    if (have.has(nameKey(name.text))) continue;
    await tx.addName(entityId, { text: name.text, type: name.type });
    have.add(nameKey(name.text));
    added++;
  }
  return added;
}
