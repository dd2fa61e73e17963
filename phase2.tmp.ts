import { openStore } from './src/store/open.js';
import { Screener } from './src/screen/screener.js';
import { addAnalystFact } from './src/registry/curation.js';
const repo = await openStore('/tmp/c.sqlite');
let t = performance.now();
const s = await Screener.load(repo);
console.log('load', (performance.now()-t).toFixed(0));
for (let i = 0; i < 3; i++) {
  const v = await repo.registryVersion();
  await addAnalystFact(repo, { subject: `Qamar Test ${i}`, kind: 'organisation', predicate: 'proscribed', jurisdiction: 'PK', date: '2026-01-15', source: 'https://example.org/q', by: 'tester' });
  const t0 = performance.now(); const ch = await repo.changedSince(v); const t1 = performance.now();
  const names = []; for await (const p of repo.allNames({ registryOnly: true, entities: ch! })) names.push(...p);
  const t2 = performance.now();
  const f = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], subjectIds: [...ch!] });
  const t3 = performance.now();
  const lin = await repo.listFacts({ status: 'accepted', predicate: ['offshoot_of', 'front_for', 'successor_of'] });
  const t4 = performance.now();
  const c = await s.catchUp(repo, v);
  const t5 = performance.now();
  console.log({ changed: (t1-t0).toFixed(1), names: (t2-t1).toFixed(1), facts: (t3-t2).toFixed(1), lineage: (t4-t3).toFixed(1), catchUpTotal: (t5-t4).toFixed(1) });
}
