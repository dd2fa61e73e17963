import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildApi } from '../../src/api/server.js';
import type { ListingPeriod } from '../../src/registry/listings.js';
import { corroborate } from '../../src/registry/reconcile.js';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

const SCHEDULE = 'test/fixtures/lists/example-schedule.csv';
const ARTICLES = 'test/fixtures/documents/reconcile';

function period(from: string, fromAsStated: string | null, until: string | null = null, untilAsStated: string | null = null): ListingPeriod {
  return { jurisdiction: 'PK', list: 'xx', from, fromAsStated, programs: null, listedAs: null, origin: 'list', until, untilAsStated, proscribedFacts: [1], delistedFact: until ? 2 : null };
}

describe('corroboration of one reported ban or lifting against a list', () => {
  const ban = (date: string | null) => ({ predicate: 'proscribed' as const, date });
  const lift = (date: string | null) => ({ predicate: 'delisted' as const, date });
  it('calls a ban within the tolerance the same ban, a year on the list any day of that year', () => {
    assert.equal(corroborate(ban('2012-03-08'), 'xx', [period('2012-03-10', '2012-03-10')], null).status, 'corroborated');
    assert.equal(corroborate(ban('2012-02-20'), 'xx', [period('2012-03-10', '2012-03-10')], null).status, 'conflicting');
    assert.equal(corroborate(ban('2012-02-20'), 'xx', [period('2012-03-10', '2012-03-10')], null, 30).status, 'corroborated', 'a wider tolerance');
    assert.equal(corroborate(ban('2016-03'), 'xx', [period('2016-01-01', '2016')], null).status, 'corroborated');
    assert.equal(corroborate(ban('2018'), 'xx', [period('2016-01-01', '2016')], null).status, 'conflicting');
  });
  it('lets a reported date date an undated list entry, and an undated report rest on the day it was made', () => {
    const undated = corroborate(ban('2019-05-10'), 'xx', [period('0000-01-01', null)], null);
    assert.equal(undated.status, 'corroborated');
    assert.match(undated.detail, /lists it with no date: the reported date 2019-05-10 may date it/);
    assert.equal(corroborate(ban(null), 'xx', [period('2012-03-10', '2012-03-10')], '2015-01-01').status, 'corroborated');
    assert.equal(corroborate(ban(null), 'xx', [period('2012-03-10', '2012-03-10', '2013-01-01', '2013-01-01')], '2015-01-01').status, 'conflicting');
  });
  it('sets a lifting against the end of a period', () => {
    const periods = [period('2021-04-15', '2021-04-15', '2021-11-07', '2021-11-07'), period('2025-10-24', '2025-10-24')];
    assert.equal(corroborate(lift('2021-11'), 'xx', periods, null).status, 'corroborated');
    const still = corroborate(lift('2026-01-10'), 'xx', periods, null);
    assert.equal(still.status, 'conflicting');
    assert.match(still.detail, /still listed after the reported lifting/);
    assert.equal(corroborate(lift('2021-11'), 'xx', [], null).status, 'not-on-list');
  });
});

for (const backend of testBackends()) {
  describe(`reconcile on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    it('sets the bans the news reported against the list, and the review queue shows it', async () => {
      const db = await backend.create();
      assert.equal((await cli(['--db', db, 'import', 'schedule', SCHEDULE, '--list', 'xx-example'])).code, 0);
      const ingest = await cli(['--db', db, 'ingest', ARTICLES]);
      assert.equal(ingest.code, 0, ingest.stderr);
      const r = await cli(['--db', db, 'reconcile', '--list', 'xx-example', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as {
        counts: Record<string, number>;
        items: { entity: { name: string }; fact: { date: string; status: string }; corroboration: { status: string; detail: string }; evidence: { sentence: string } | null }[];
      };
      const by = Object.fromEntries(report.items.map((i) => [i.entity.name, i]));
      assert.equal(by['Example Liberation Army']?.corroboration.status, 'corroborated', 'reported 2012-03-08, listed 2012-03-10');
      assert.equal(by['Example Welfare Trust']?.corroboration.status, 'corroborated', 'reported March 2016, listed "2016"');
      assert.equal(by['Example Movement of Justice']?.corroboration.status, 'conflicting', 'reported 2019, listed 2021');
      assert.equal(by['Example Unknown Front']?.corroboration.status, 'not-on-list');
      assert.match(by['Example Unknown Front']?.evidence?.sentence ?? '', /banned the Example Unknown Front/);
      assert.deepEqual(report.counts, { corroborated: 2, 'not-on-list': 1, conflicting: 1 });

      const review = await cli(['--db', db, 'review', 'list']);
      assert.match(review.stdout, /Example Movement of Justice proscribed \(2019-06-04\)[^\n]*\n\s+conflicting: xx-example lists it from 2021-04-15 until 2021-11-07/);
      const repo = await openStore(db);
      const app = await buildApi({ repo, workers: 1, uiDir: null });
      try {
        const facts = (await app.inject({ method: 'GET', url: '/facts?status=proposed' })).json<{ facts: { subject: { name: string }; corroboration?: { list: string; status: string }[] }[] }>().facts;
        const euf = facts.find((f) => f.subject.name === 'Example Unknown Front');
        assert.deepEqual(euf?.corroboration, [{ list: 'xx-example', status: 'not-on-list', detail: 'xx-example does not list it', period: null }]);
      } finally {
        await app.close();
        await repo.close();
      }
      const unknown = await cli(['--db', db, 'reconcile', '--list', 'zz-nothing']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no list "zz-nothing" in this registry: it has xx-example/);
    });
  });
}
