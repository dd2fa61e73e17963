/**
 * Scores the extractor against gold files: `npm run eval [DIR-or-files...] [--articles DIR] [--verbose]`.
 * Each `X.gold.json` is paired with the article `X.txt` found beside it, in `--articles DIR`, or in
 * ../shared/examples; the system output goes to a temporary file and `score.mjs` prints its lines.
 * Gold files without an available article are skipped, and the run says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { extract } from '../src/extract/index.js';

const SHARED = resolve(process.env.PROSCRIBE_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
const SCORER = join(SHARED, 'eval', 'score.mjs');
const DEFAULT_GOLD = join(SHARED, 'eval', 'dev');
const EXAMPLES = join(SHARED, 'examples');

interface Args {
  targets: string[];
  articleDirs: string[];
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { targets: [], articleDirs: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--articles') args.articleDirs.push(resolve(argv[++i] ?? '.'));
    else if (a === '--verbose') args.verbose = true;
    else args.targets.push(resolve(a));
  }
  if (args.targets.length === 0) args.targets.push(DEFAULT_GOLD);
  return args;
}

function goldFiles(targets: string[]): string[] {
  const out: string[] = [];
  for (const t of targets) {
    if (statSync(t).isDirectory()) {
      for (const f of readdirSync(t).sort()) if (f.endsWith('.gold.json')) out.push(join(t, f));
    } else out.push(t);
  }
  return out;
}

/** The corpus format: first line ` date YYYY-MM-DD ` then the body. */
export function splitCorpus(raw: string): { date: string; body: string } | null {
  const m = /^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*/.exec(raw);
  return m ? { date: m[1] as string, body: raw.slice(m[0].length) } : null;
}

function articleFor(gold: string, dirs: string[]): string | null {
  const stem = basename(gold).replace(/\.gold\.json$/, '');
  const names = [`${stem}.txt`, stem.endsWith('.txt') ? stem : ''].filter(Boolean);
  for (const dir of [dirname(gold), ...dirs, EXAMPLES]) {
    for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
  }
  return null;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'proscribe-eval-'));
  const pairs: string[] = [];
  try {
    for (const gold of goldFiles(args.targets)) {
      const article = articleFor(gold, args.articleDirs);
      if (!article) {
        console.log(`skip ${basename(gold)}: article text not available (give --articles DIR)`);
        continue;
      }
      const parsed = splitCorpus(readFileSync(article, 'utf8'));
      const goldDate = (JSON.parse(readFileSync(gold, 'utf8')) as { date?: string }).date;
      const date = parsed?.date ?? goldDate;
      if (!date) {
        console.log(`skip ${basename(gold)}: ${basename(article)} has no date line and the gold file no date`);
        continue;
      }
      const body = parsed ? parsed.body : readFileSync(article, 'utf8');
      const system = join(work, `${basename(gold, '.gold.json')}.system.json`);
      writeFileSync(system, JSON.stringify(extract(body, { documentDate: date }), null, 1));
      pairs.push(`${gold}\t${system}`);
    }
    if (pairs.length === 0) {
      console.log('nothing to score');
      return;
    }
    const list = join(work, 'pairs.tsv');
    writeFileSync(list, `${pairs.join('\n')}\n`);
    const out = execFileSync('node', [SCORER, '--many', list, ...(args.verbose ? ['--verbose'] : [])], { encoding: 'utf8' });
    process.stdout.write(out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
