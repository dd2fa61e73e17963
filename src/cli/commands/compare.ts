import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { InputError } from '../../errors.js';
import { ENTITY_KINDS, type EntityKind } from '../../model/types.js';
import { DEFAULT_THRESHOLD, type NameComparison, compareNames } from '../../names/index.js';
import { csvLine } from '../../screen/result-csv.js';
import { type CliIo, writeJson, writeLine } from '../io.js';

/** What a pair of names is: our kinds, or a company (an organisation in the registry). */
export type PairKind = EntityKind | 'company';

/** Our kinds, and the FollowTheMoney schema names a file of pairs may carry instead. */
const KIND_OF: Record<string, PairKind> = {
  ...Object.fromEntries(ENTITY_KINDS.map((k) => [k, k])),
  person: 'person', company: 'company', organization: 'organisation', organisation: 'organisation', legalentity: 'organisation',
};

export function parseKind(value: string | undefined, where: { file?: string; line?: number; field: string }): PairKind | null {
  if (value === undefined || value.trim() === '') return null;
  const kind = KIND_OF[value.trim().toLowerCase()];
  if (!kind) throw new InputError(`kind "${value}" is not one of ${[...ENTITY_KINDS, 'company', 'Person', 'Company', 'Organization', 'LegalEntity'].join(', ')}`, where);
  return kind;
}

function describe(c: NameComparison): string {
  const rules = c.explanation?.rules.join(', ') || 'no token matched';
  return `${c.score.toFixed(4)} ${c.alert ? 'ALERT' : 'no alert'} (threshold ${DEFAULT_THRESHOLD}; rules: ${rules})`;
}

export function registerCompare(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description('score two names against each other with the screening engine (the same rules and threshold as screening), or every pair of a CSV file')
    .argument('[names...]', 'NAME1 NAME2')
    .option('--kind <kind>', 'what the names are: person, organisation, company (recorded with the result; the engine has no rule of its own per kind yet)')
    .option('--input <file>', 'a CSV of pairs: one output line per row, in order')
    .option('--left <column>', 'the column of the first names', 'left')
    .option('--right <column>', 'the column of the second names', 'right')
    .option('--kind-column <column>', 'a column of kinds: ours or FtM schema names (Person, Company, Organization, LegalEntity)')
    .option('--format <format>', 'one pair: text or json; a file: jsonl or csv', '')
    .action(async (names: string[], _opts: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ kind?: string; input?: string; left: string; right: string; kindColumn?: string; format: string }>();
      if (!o.input) {
        if (names.length !== 2) throw new InputError(`give two names (got ${names.length}), or --input FILE.csv`, { field: 'names' });
        const kind = parseKind(o.kind, { field: 'kind' });
        const c = compareNames(names[0]!, names[1]!);
        const format = o.format || 'text';
        if (format === 'json') return writeJson(io, { left: names[0], right: names[1], kind, ...c });
        if (format !== 'text') throw new InputError(`format "${format}" is text or json for one pair`, { field: 'format' });
        writeLine(io, `${names[0]} ~ ${names[1]}: ${describe(c)}`);
        for (const row of c.explanation?.alignment ?? []) {
          writeLine(io, `  ${(row.query ?? '—').padEnd(16)} ~ ${(row.name ?? '—').padEnd(16)} ${row.rule.padEnd(10)} similarity ${row.similarity.toFixed(2)}  weight ${row.weight.toFixed(3)}`);
        }
        return;
      }
      if (names.length) throw new InputError('give two names or --input, not both', { field: 'input' });
      const format = o.format || 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') throw new InputError(`format "${format}" is jsonl or csv for a file`, { field: 'format' });
      const parser = createReadStream(o.input).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }));
      let line = 1;
      if (format === 'csv') writeLine(io, csvLine(['row', 'left', 'right', 'kind', 'score', 'alert', 'rules']).trimEnd());
      try {
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          line++;
          for (const col of [o.left, o.right]) if (!(col in record)) throw new InputError(`no column "${col}" (columns: ${Object.keys(record).join(', ')})`, { file: o.input, line: 1, field: col });
          const kind = o.kindColumn ? parseKind(record[o.kindColumn], { file: o.input, line, field: o.kindColumn }) : parseKind(o.kind, { field: 'kind' });
          const c = compareNames(record[o.left]!, record[o.right]!);
          const row = line - 1;
          if (format === 'jsonl') writeLine(io, JSON.stringify({ row, left: record[o.left], right: record[o.right], kind, score: c.score, alert: c.alert, rules: c.explanation?.rules ?? [] }));
          else writeLine(io, csvLine([String(row), record[o.left]!, record[o.right]!, kind ?? '', c.score.toFixed(4), String(c.alert), (c.explanation?.rules ?? []).join(' ')]).trimEnd());
        }
      } catch (error) {
        if (error instanceof InputError) throw error;
        const e = error as NodeJS.ErrnoException;
        if (e.code === 'ENOENT') throw new InputError('cannot read: ENOENT', { file: o.input });
        throw new InputError(`not a valid CSV: ${e.message}`, { file: o.input, line });
      }
    });
}
