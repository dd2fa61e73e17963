import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { type DocumentFormat, parseDocuments } from '../../documents/parse.js';
import { readInputs } from '../../documents/read-inputs.js';
import { extractingHook, ingestDocuments } from '../../ingest/ingest.js';
import type { StoredExtraction } from '../../ingest/store-extraction.js';
import type { DocumentInput } from '../../model/types.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { type PageIngest, fetchPage, ingestPage } from '../../news/ingest-page.js';

interface IngestOptions {
  fetch?: string[];
  date?: string;
  url?: string;
  format: string;
  inputFormat?: DocumentFormat;
  extract: boolean;
  db?: string;
}

export function registerIngest(program: Command, io: CliIo): void {
  program
    .command('ingest')
    .description('store documents once each (corpus text with a " date YYYY-MM-DD " first line, plain text with --date, or JSON Lines {"date","url","title","text"})')
    .argument('[inputs...]', 'files, directories (their .txt/.md/.jsonl/.ndjson files) or - for standard input')
    .option('--fetch <url...>', 'web pages to fetch: each article\'s main text (title, date, byline; no navigation, asides or footers) is stored with its URL and fetch time')
    .option('--date <YYYY-MM-DD>', 'publication date for plain text (overrides a corpus marker)')
    .option('--url <URL>', 'source URL of the document')
    .option('--input-format <format>', 'corpus | text | jsonl (default: detected from the name and content)')
    .option('--no-extract', 'store the documents only, without extracting fact proposals')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (inputs: string[], _opts: IngestOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<IngestOptions>();
      const format = parseOutputFormat(opts.format);
      if (opts.inputFormat && !['corpus', 'text', 'jsonl'].includes(opts.inputFormat)) {
        throw new InputError(`--input-format must be corpus, text or jsonl, not "${opts.inputFormat}"`, { field: 'input-format' });
      }
      if (opts.fetch?.length) {
        if (inputs.length) throw new InputError('give files or --fetch URLs, not both', { field: 'fetch' });
        const pages = await withStore(opts.db, io, async (repo) => {
          const hook = opts.extract ? await extractingHook(repo) : undefined;
          const out: PageIngest[] = [];
          // Each page is fetched before its transaction opens: a failed fetch writes nothing.
          for (const url of opts.fetch!) out.push(await ingestPage(repo, url, await fetchPage(url), hook ? { hook } : {}));
          return out;
        });
        if (format === 'json') return writeJson(io, { documents: pages });
        for (const p of pages) {
          writeLine(io, `${p.created ? 'stored' : 'already stored'}: document ${p.documentId} dated ${p.date} (from the ${p.dateFrom === 'page' ? 'page' : 'fetch day'}; ${p.chars} characters) "${p.title ?? p.url}"${p.byline ? ` ${p.byline}` : ''}`);
          if (p.duplicateOf) writeLine(io, `  a near-copy of document ${p.duplicateOf}: linked to it, not extracted again`);
          if (p.extraction) writeLine(io, `  ${describeExtraction(p.extraction)}`);
        }
        return;
      }
      if (inputs.length === 0) throw new InputError('give files to ingest (or - for standard input), or --fetch URL', { field: 'inputs' });
      // Read and parse everything before opening a transaction: bad input writes nothing.
      const { files, skipped } = await readInputs(inputs, io.stdin);
      const docs: DocumentInput[] = files.flatMap((f) =>
        parseDocuments(f.content, f.origin, { date: opts.date, url: opts.url, format: opts.inputFormat }));
      if (docs.length === 0) throw new InputError('no documents found in the inputs given', { file: inputs.join(', ') });
      const stored = await withStore(opts.db, io, async (repo) => ingestDocuments(repo, docs, opts.extract ? await extractingHook(repo) : undefined));
      if (format === 'json') {
        writeJson(io, {
          documents: stored.map((d) => ({ id: d.id, sha256: d.sha256, date: d.date, created: d.created, origin: d.origin, ...(d.extraction ? { extraction: d.extraction } : {}) })),
          skipped,
        });
        return;
      }
      for (const d of stored) {
        const verb = d.created ? 'stored' : 'already stored';
        writeLine(io, `${verb}: document ${d.id} dated ${d.date} (${d.chars} characters, sha256 ${d.sha256.slice(0, 12)}) from ${d.origin}`);
        if (d.extraction) writeLine(io, `  ${describeExtraction(d.extraction)}`);
      }
      for (const s of skipped) writeLine(io, `skipped (not a document file): ${s}`);
    });
}

export function describeExtraction(x: StoredExtraction): string {
  return `${x.factsProposed} facts proposed, ${x.evidenceAdded} already known (evidence added); entities: ${x.entitiesResolved} found in the registry, ${x.entitiesCreated} new`;
}
