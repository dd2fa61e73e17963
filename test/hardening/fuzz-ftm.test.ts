import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { importFtm, parseFtmLines } from '../../src/exchange/ftm-import.js';
import { openStore } from '../../src/store/open.js';
import type { Repository } from '../../src/store/repository.js';
import { testBackends } from '../support/backends.js';
import { InputCounter, assertLocated, attempt, fuzzOptions } from './support/fuzz.js';
import { tableCounts } from './support/store.js';

const FILE = 'in.ftm.jsonl';

/** Ids from a small pool, so that links and sanctions often meet an entity of the same file. */
const id = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('org-1', 'org-2', 'person-1', 'un-QDe.118', 'ofac-7') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
/** Names and free text: mostly plain, sometimes anything a JSON string can carry (NUL, lone surrogates). */
const text = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('Example Front', 'Lashkar-e-Tayyiba', 'Ansar ul Hussain', 'Tehreek-e-Labbaik Pakistan', '  ', '') },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('Example\u0000Front', 'Ansar \uD800 ul Hussain', '\uDC00') },
);
const date = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('2020-08-19', '2021-04', '2019', '2021-04-15T00:00:00', '') },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('2021-13-40', 'soon'), fc.string({ maxLength: 12 })) },
);
const values = (v: fc.Arbitrary<string>) => fc.array(v, { minLength: 0, maxLength: 3 });
/** A reference: almost always there, sometimes missing. */
const ref = fc.oneof({ weight: 12, arbitrary: fc.array(id, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) });

const entityLine = fc.record({
  id,
  schema: fc.constantFrom('Organization', 'Person', 'LegalEntity', 'Company', 'Passport'),
  properties: fc.record({ name: fc.array(text, { minLength: 1, maxLength: 3 }), alias: values(text), weakAlias: values(text), incorporationDate: values(date), topics: values(text) }, { requiredKeys: [] }),
});
const sanctionLine = fc.record({
  id,
  schema: fc.constant('Sanction'),
  properties: fc.record({
    entity: ref, country: fc.array(fc.constantFrom('pk', 'gb', 'us', '', 'zz'), { minLength: 1, maxLength: 2 }), authority: values(fc.oneof(text, fc.constant('United Nations Security Council'))),
    startDate: values(date), endDate: values(date), program: values(text), unscId: values(fc.constantFrom('QDe.118', 'QDi.001')), sourceUrl: values(text),
  }, { requiredKeys: [] }),
});
const linkLine = fc.oneof(
  fc.record({ id, schema: fc.constant('Succession'), properties: fc.record({ successor: ref, predecessor: ref, date: values(date) }, { requiredKeys: [] }) }),
  fc.record({ id, schema: fc.constant('UnknownLink'), properties: fc.record({ subject: ref, object: ref, role: values(fc.oneof(fc.constantFrom('offshoot', 'front', 'successor'), text)), date: values(date) }, { requiredKeys: [] }) }),
);
/** A line as JSON, or a broken one: not JSON, the wrong shape, a property that is not a list. */
const line = fc.oneof(
  { weight: 40, arbitrary: fc.oneof({ weight: 3, arbitrary: entityLine }, { weight: 1, arbitrary: sanctionLine }, { weight: 1, arbitrary: linkLine }).map((l) => JSON.stringify(l)) },
  { weight: 1, arbitrary: fc.constantFrom('{', 'null', '[]', '{"id":"x"}', '{"id":"","schema":"Organization","properties":{}}', '{"id":"x","schema":"Organization","properties":{"name":"Example"}}', '{"id":"x","schema":"Organization","properties":{"name":[1]}}') },
  { weight: 1, arbitrary: fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 60 })) },
);
const file = fc.array(line, { minLength: 1, maxLength: 6 }).map((ls) => ls.join('\n'));

describe('fuzzing the FollowTheMoney JSON lines parser', () => {
  const counter = new InputCounter();
  after(() => console.log(`fuzz FtM parser: ${counter.total} generated inputs`));

  it('parses every line or names the line (and field) at fault; nothing it accepts holds NUL or a lone surrogate', () => {
    fc.assert(fc.property(file, (content) => {
      counter.count();
      const outcome = attempt(() => parseFtmLines(content, FILE));
      if (!outcome.ok) {
        assertLocated(outcome.error, FILE);
        assert.ok(outcome.error.location.line !== undefined, outcome.error.message);
        return;
      }
      for (const { entity } of outcome.value) {
        const strings = [entity.id, entity.schema, ...Object.keys(entity.properties), ...Object.values(entity.properties).flat()];
        for (const s of strings) assert.doesNotMatch(s, /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
    }), fuzzOptions(3000));
  });
});

for (const backend of testBackends()) {
  describe(`fuzzing the FtM import on ${backend.name}`, { skip: backend.skip }, () => {
    const counter = new InputCounter();
    const outcomes = { imported: 0, unchanged: 0, rejected: 0 };
    let location: string;
    let repo: Repository;
    before(async () => {
      location = await backend.create();
      repo = await openStore(location);
    });
    after(async () => {
      console.log(`fuzz FtM import on ${backend.name}: ${counter.total} generated files (imported ${outcomes.imported}, already imported ${outcomes.unchanged}, rejected ${outcomes.rejected})`);
      await repo.close();
      await backend.cleanup();
    });

    it('imports a file whole or rejects it naming the line and field, with every table as before', async () => {
      await fc.assert(fc.asyncProperty(file, async (content) => {
        counter.count();
        const before = await tableCounts(location);
        let error: unknown = null;
        try {
          const summary = await importFtm(repo, content, FILE);
          outcomes[summary.unchanged ? 'unchanged' : 'imported']++;
        } catch (e) {
          error = e;
        }
        if (error === null) return;
        outcomes.rejected++;
        assert.ok(error instanceof InputError, `expected an InputError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        assertLocated(error, FILE);
        assert.deepEqual(await tableCounts(location), before, `a rejected file (${error.message}) changed the database`);
      }), fuzzOptions(backend.name === 'sqlite' ? 400 : 150));
    });
  });
}
