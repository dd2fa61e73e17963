/**
 * A fresh process starting from a saved screening index (bench/screen.ts runs it): reads the
 * file, attaches the names index, answers one query, and prints what that took and its memory.
 */
import { NameIndex } from '../../src/names/index.js';
import { readIndexFile } from '../../src/screen/index-file.js';

const path = process.argv[2];
if (!path) throw new Error('usage: start-from-file.ts FILE QUERY');
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const saved = readIndexFile(path);
if (!saved) throw new Error(`${path} is not a readable index file`);
const readMs = performance.now() - t0;
const index = NameIndex.fromSnapshot(saved.snapshot.index);
const attachMs = performance.now() - t0 - readMs;
const t1 = performance.now();
const hits = index.search(process.argv[3] ?? 'Lashkar e Taiba', { limit: 10 });
const firstQueryMs = performance.now() - t1;
console.log(JSON.stringify({ names: index.size, readMs, attachMs, firstQueryMs, hits: hits.length, rssBefore, rss: process.memoryUsage().rss }));
