import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const SEED = '../shared/examples/seed-article.txt';
const UN_SMALL = 'test/fixtures/importers/un-small.xml';
const scratch = mkdtempSync(join(tmpdir(), 'proscribe-ftm-'));

// The FtM model's properties for the schemas we write (followthemoney schema/*.yaml: Thing,
// LegalEntity, Organization, Person, PublicBody, Address, Interval, Sanction, Succession,
// UnknownLink), written out here independently of the exporter's own table.
const THING = ['name', 'alias', 'previousName', 'weakAlias', 'country', 'summary', 'notes', 'description', 'sourceUrl', 'topics', 'keywords', 'program', 'publisher'];
const LEGAL = [...THING, 'incorporationDate', 'dissolutionDate', 'registrationNumber', 'idNumber', 'jurisdiction', 'mainCountry', 'legalForm', 'status'];
const INTERVAL = ['startDate', 'endDate', 'date', 'summary', 'description', 'recordId', 'sourceUrl', 'publisher'];
const FTM: Record<string, { allowed: string[]; required: string[]; entityRefs: string[] }> = {
  Organization: { allowed: LEGAL, required: ['name'], entityRefs: [] },
  PublicBody: { allowed: LEGAL, required: ['name'], entityRefs: [] },
  Person: { allowed: [...LEGAL, 'firstName', 'lastName', 'birthDate', 'nationality'], required: ['name'], entityRefs: [] },
  Address: { allowed: [...THING, 'full', 'city', 'region'], required: ['full'], entityRefs: [] },
  Sanction: { allowed: [...INTERVAL, 'entity', 'authority', 'authorityId', 'unscId', 'program', 'programId', 'reason', 'country', 'listingDate', 'status'], required: ['entity'], entityRefs: ['entity'] },
  Succession: { allowed: [...INTERVAL, 'predecessor', 'successor'], required: ['predecessor', 'successor'], entityRefs: ['predecessor', 'successor'] },
  UnknownLink: { allowed: [...INTERVAL, 'subject', 'object', 'role'], required: ['subject', 'object'], entityRefs: ['subject', 'object'] },
};
const DATE_PROPS = new Set(['startDate', 'endDate', 'date', 'listingDate', 'incorporationDate']);

interface Line {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

function validate(lines: Line[]): void {
  const ids = new Set(lines.map((l) => l.id));
  assert.equal(ids.size, lines.length, 'ids are unique');
  for (const l of lines) {
    const spec = FTM[l.schema];
    assert.ok(spec, `${l.id}: schema ${l.schema} is one we write`);
    for (const [key, values] of Object.entries(l.properties)) {
      assert.ok(spec.allowed.includes(key), `${l.id}: ${l.schema}.${key} is an FtM property`);
      assert.ok(Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string' && v.length > 0), `${l.id}.${key} is a list of strings`);
      if (DATE_PROPS.has(key)) for (const v of values) assert.match(v, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${l.id}.${key} is an ISO date prefix`);
      if (key === 'country') for (const v of values) assert.match(v, /^[a-z]{2}$/, `${l.id}.country is an ISO code`);
    }
    for (const key of spec.required) assert.ok(l.properties[key]?.length, `${l.id}: ${l.schema} has ${key}`);
    for (const key of spec.entityRefs) for (const ref of l.properties[key] ?? []) assert.ok(ids.has(ref), `${l.id}.${key} → ${ref} is in the file`);
  }
}

const readLines = (file: string): Line[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((s) => JSON.parse(s) as Line);
const sorted = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).sort();

for (const backend of testBackends()) {
  describe(`FollowTheMoney export and import on ${backend.name}`, { skip: backend.skip }, () => {
    let source: string;
    const exported = join(scratch, `${backend.name}-a.ftm.jsonl`);
    before(async () => {
      source = await backend.create();
      assert.equal((await cli(['--db', source, 'import', 'un-xml', UN_SMALL])).code, 0);
      assert.equal((await cli(['--db', source, 'ingest', SEED])).code, 0);
      const proposals = JSON.parse((await cli(['--db', source, 'review', 'list', '--format', 'json', '--limit', '1000'])).stdout) as { facts: { id: number }[] };
      assert.equal((await cli(['--db', source, 'review', 'accept', ...proposals.facts.map((f) => String(f.id)), '--by', 't'])).code, 0);
      const r = await cli(['--db', source, 'export', 'ftm', '--output', exported]);
      assert.equal(r.code, 0, r.stderr);
    });
    after(() => backend.cleanup());

    it('writes lines that follow the FtM schema: entities, sanctions with dates and evidence, links between exported entities', () => {
      const lines = readLines(exported);
      validate(lines);
      const byName = (name: string) => lines.find((l) => l.properties.name?.includes(name));
      const khatam = byName('Khatam-ul-Ambia')!;
      const ansar = byName('Ansar-ul-Hussain')!;
      assert.equal(khatam.schema, 'Organization');
      assert.deepEqual(ansar.properties.alias, ['Ansar ul Hussian']);
      const sanction = lines.find((l) => l.schema === 'Sanction' && l.properties.entity?.[0] === khatam.id)!;
      assert.deepEqual(sanction.properties.country, ['pk']);
      assert.deepEqual(sanction.properties.startDate, ['2020-08-19']);
      assert.deepEqual(sanction.properties.authority, ['Ministry of Interior']);
      assert.match(sanction.properties.summary?.[0] ?? '', /proscribed a group identified as Khatam-ul-Ambia/);
      const lineage = lines.find((l) => l.schema === 'UnknownLink' && l.properties.role?.[0] === 'offshoot of')!;
      assert.deepEqual([lineage.properties.subject?.[0], lineage.properties.object?.[0]], [khatam.id, ansar.id]);
      const un = lines.filter((l) => l.schema === 'Sanction' && l.properties.unscId);
      assert.ok(un.length > 0 && un.every((l) => !l.properties.country), 'UN sanctions carry their UN id and no country');
    });

    it('round trips: importing the export into an empty registry and exporting again gives the same lines', async () => {
      const target = await backend.create();
      const imported = await cli(['--db', target, 'import', 'ftm', exported, '--format', 'json']);
      assert.equal(imported.code, 0, imported.stderr);
      const summary = JSON.parse(imported.stdout) as { entitiesCreated: number; factsAdded: number };
      assert.ok(summary.entitiesCreated > 0 && summary.factsAdded > 0);
      const again = join(scratch, `${backend.name}-b.ftm.jsonl`);
      assert.equal((await cli(['--db', target, 'export', 'ftm', '--output', again])).code, 0);
      assert.deepEqual(sorted(again), sorted(exported));
      const second = JSON.parse((await cli(['--db', target, 'import', 'ftm', exported, '--format', 'json'])).stdout) as { unchanged: boolean };
      assert.equal(second.unchanged, true, 're-importing the same file changes nothing');
      // The imported registry screens like the source: the listing came through.
      const screen = JSON.parse((await cli(['--db', target, 'screen', '--format', 'json', '--as-of', '2020-09-01', 'Khatam ul Anbia'])).stdout) as { results: { hits: { listed: boolean; alert: boolean }[] }[] };
      assert.equal(screen.results[0]!.hits[0]?.listed, true);
    });

    it('rejects a malformed file naming the line and field, and writes nothing', async () => {
      const target = await backend.create();
      const good = '{"id":"x-1","schema":"Organization","properties":{"name":["Example Front"]}}';
      const cases: [string, string, RegExp][] = [
        ['not-json', `${good}\n{"id": "x-2", `, /line 2: not JSON/],
        ['no-id', `${good}\n{"schema":"Organization","properties":{"name":["A"]}}`, /line 2.*id/],
        ['no-name', `{"id":"x-3","schema":"Person","properties":{"alias":["A"]}}`, /line 1.*properties\.name/],
        ['dangling', `${good}\n{"id":"s-1","schema":"Sanction","properties":{"entity":["nowhere"],"country":["pk"]}}`, /line 2.*properties\.entity.*nowhere/],
        ['bad-date', `${good}\n{"id":"s-2","schema":"Sanction","properties":{"entity":["x-1"],"country":["pk"],"startDate":["last year"]}}`, /line 2.*properties\.startDate/],
        ['not-strings', `{"id":"x-4","schema":"Organization","properties":{"name":[42]}}`, /line 1.*properties\.name/],
      ];
      const counts = async () => {
        const repo = await openStore(target);
        try {
          return await repo.counts();
        } finally {
          await repo.close();
        }
      };
      const before = await counts();
      for (const [name, content, message] of cases) {
        const file = join(scratch, `${backend.name}-${name}.jsonl`);
        writeFileSync(file, content);
        const r = await cli(['--db', target, 'import', 'ftm', file]);
        assert.equal(r.code, 2, `${name}: ${r.stderr}`);
        assert.match(r.stderr, message, name);
        assert.deepEqual(await counts(), before, `${name}: nothing written`);
      }
    });
  });
}
