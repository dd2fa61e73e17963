import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { normaliseText } from '../../documents/normalise.js';
import { parseDocuments } from '../../documents/parse.js';
import { readInputs } from '../../documents/read-inputs.js';
import { extract } from '../../extract/index.js';
import type { ExtractionResult } from '../../extract/index.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';

interface ExtractOptions {
  date?: string;
  format: string;
}

function printText(io: CliIo, origin: string, text: string, result: ExtractionResult): void {
  writeLine(io, `${origin} (${result.document.date}): ${result.entities.length} entities, ${result.facts.length} facts`);
  const names = new Map(result.entities.map((e) => [e.id, e.name]));
  for (const e of result.entities) writeLine(io, `  ${e.id} ${e.kind}: ${e.name}${e.names.length > 1 ? ` (${e.names.filter((n) => n !== e.name).join('; ')})` : ''}`);
  for (const f of result.facts) {
    const object = f.object === null ? '' : ` ${names.get(f.object) ?? f.object}`;
    const q = Object.entries(f.qualifiers).map(([k, v]) => `${k}=${v}`).join(' ');
    writeLine(io, `  ${names.get(f.subject)} ${f.predicate}${object}${f.date ? ` [${f.date}]` : ''}${q ? ` {${q}}` : ''} confidence ${f.confidence}`);
    writeLine(io, `      "${text.slice(f.evidence.start, f.evidence.end).replace(/\s+/g, ' ')}"${f.evidence.attribution ? ` — ${f.evidence.attribution}` : ''}`);
  }
}

export function registerExtract(program: Command, io: CliIo): void {
  program
    .command('extract')
    .description('extract mentions, dates and fact proposals from articles and print them, writing nothing')
    .argument('<inputs...>', 'article files (corpus format, plain text with --date, JSON Lines) or - for standard input')
    .option('--date <YYYY-MM-DD>', 'publication date for plain text (relative dates resolve against it)')
    .option('--format <format>', 'output: text or json (one article: its extraction; several: {"documents":[...]})', 'text')
    .action(async (inputs: string[], _o: ExtractOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ExtractOptions>();
      const format = parseOutputFormat(opts.format);
      const { files } = await readInputs(inputs, io.stdin);
      const docs = files.flatMap((f) => parseDocuments(f.content, f.origin, { date: opts.date }));
      if (docs.length === 0) throw new InputError('no documents found in the inputs given', { file: inputs.join(', ') });
      // The same normal form as ingest stores, so offsets agree with stored documents.
      const results = docs.map((d) => {
        const text = normaliseText(d.text);
        return { origin: d.origin, text, result: extract(text, { documentDate: d.date }) };
      });
      if (format === 'json') {
        if (results.length === 1) writeJson(io, results[0]!.result);
        else writeJson(io, { documents: results.map((r) => ({ origin: r.origin, ...r.result })) });
        return;
      }
      for (const r of results) printText(io, r.origin, r.text, r.result);
    });
}
