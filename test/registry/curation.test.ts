import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { withRepo } from '../support/repo.js';

const UN_SMALL = 'test/fixtures/importers/un-small.xml';
const TLP = 'test/fixtures/documents/tlp/1-ban.txt';

interface Shown {
  entity: { id: number; name: string };
  names: { text: string; type: string; removedBy?: number | null }[];
  facts: { id: number; predicate: string; status: string; date: string | null; evidence: { source: string | null; quote?: string | null }[]; decisions: { verdict: string; by: string; note: string | null }[] }[];
}

for (const backend of testBackends()) {
  describe(`curation by hand on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    before(async () => {
      db = await backend.create();
      assert.equal((await cli(['--db', db, 'import', 'un-xml', UN_SMALL])).code, 0);
    });
    after(() => backend.cleanup());

    const run = async (args: string[]) => {
      const r = await cli(['--db', db, ...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const json = async <T>(args: string[]): Promise<T> => JSON.parse(await run([...args, '--format', 'json'])) as T;
    const listedIn = async (j: string, day: string) => (await json<{ organisations: { entity: { name: string } }[] }>(['list', '--jurisdiction', j, '--as-of', day])).organisations.map((o) => o.entity.name);
    const topHit = async (name: string) => (await json<{ results: { hits: { entity: { id: number; name: string }; matched_name: string; score: number }[] }[] }>(['screen', name, '--as-of', '2026-06-01'])).results[0]!.hits[0];

    it('records a ban from a source the analyst holds: the entity is made, the ban dated, the source and the analyst on record', async () => {
      const added = await json<{ subject: { entity: { id: number }; created: boolean }; facts: { id: number; status: string; decidedBy: string }[] }>([
        'fact', 'add', '--subject', 'Example Defence League', '--kind', 'organisation', '--predicate', 'proscribed', '--jurisdiction', 'GB',
        '--date', '2026-01-15', '--law', 'Terrorism Act 2000, Schedule 2', '--source', 'https://example.org/si-2026-15', '--note', 'SI 2026/15', '--by', 'analyst',
      ]);
      assert.equal(added.subject.created, true);
      assert.deepEqual(added.facts.map((f) => [f.status, f.decidedBy]), [['accepted', 'analyst']]);
      assert.ok((await listedIn('GB', '2026-02-01')).includes('Example Defence League'));
      assert.ok(!(await listedIn('GB', '2025-12-01')).includes('Example Defence League'));
      const shown = await json<Shown>(['entity', 'show', String(added.subject.entity.id)]);
      const ban = shown.facts.find((f) => f.predicate === 'proscribed')!;
      assert.equal(ban.evidence[0]?.source, 'https://example.org/si-2026-15');
      assert.equal(ban.evidence[0]?.quote, 'SI 2026/15');
      assert.deepEqual(ban.decisions.map((d) => [d.verdict, d.by, d.note]), [['accepted', 'analyst', 'SI 2026/15']]);
      const listing = (await json<{ organisations: { entity: { name: string }; listings: { origin: string; list: string | null }[] }[] }>(['list', '--jurisdiction', 'GB', '--as-of', '2026-02-01']))
        .organisations.find((o) => o.entity.name === 'Example Defence League')!;
      assert.deepEqual(listing.listings.map((l) => [l.list, l.origin]), [[null, 'analyst']]);
      assert.match(await run(['list', '--jurisdiction', 'GB', '--as-of', '2026-02-01']), /Example Defence League .*ban recorded by an analyst \(GB\) since 2026-01-15/);

      // The same name again finds the entity; --until records the lifting too.
      const again = await json<{ subject: { entity: { id: number }; created: boolean }; facts: { predicate: string; date: string }[] }>([
        'fact', 'add', '--subject', 'example defence league', '--predicate', 'proscribed', '--jurisdiction', 'PK', '--date', '2026-02', '--until', '2026-04-30',
        '--source', 'Gazette of Pakistan, SRO 12(I)/2026', '--by', 'analyst',
      ]);
      assert.equal(again.subject.created, false);
      assert.equal(again.subject.entity.id, added.subject.entity.id);
      assert.deepEqual(again.facts.map((f) => [f.predicate, f.date]), [['proscribed', '2026-02'], ['delisted', '2026-04-30']]);
      assert.ok((await listedIn('PK', '2026-03-01')).includes('Example Defence League'));
      assert.ok(!(await listedIn('PK', '2026-05-01')).includes('Example Defence League'));
    });

    it('refuses a fact it cannot record, naming the field, writing nothing', async () => {
      const before = await withRepo(db, (repo) => repo.counts());
      for (const [args, field] of [
        [['--predicate', 'proscribed', '--date', '2026-01-15'], 'jurisdiction'],
        [['--predicate', 'proscribed', '--jurisdiction', 'Britain', '--date', '2026-01-15'], 'jurisdiction'],
        [['--predicate', 'proscribed', '--jurisdiction', 'GB', '--date', '2026-13-15'], 'date'],
        [['--predicate', 'banned', '--jurisdiction', 'GB'], 'predicate'],
        [['--predicate', 'offshoot_of'], 'object'],
        [['--predicate', 'proscribed', '--jurisdiction', 'GB', '--date', '2026-01-15', '--until', '2025-01-01'], 'until'],
      ] as const) {
        const r = await cli(['--db', db, 'fact', 'add', '--subject', 'Refused Group', ...args, '--source', 'x', '--by', 'analyst']);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
        assert.match(r.stderr, new RegExp(`field "${field}"`), r.stderr);
      }
      assert.deepEqual(await withRepo(db, (repo) => repo.counts()), before);
    });

    it('adds, removes and renames names as decisions, each undone by rejecting its fact', async () => {
      const id = (await json<{ subject: { entity: { id: number } } }>([
        'fact', 'add', '--subject', 'Hizb', '--predicate', 'proscribed', '--jurisdiction', 'GB', '--date', '2024-01', '--source', 'https://example.org/si-2024-63', '--by', 'analyst',
      ])).subject.entity.id;
      // Extraction cut the name: the analyst renames the entity, adds its spelling, removes the stub.
      const rename = await json<{ fact: { id: number } }>(['entity', 'rename', String(id), 'Hizb ut-Tahrir', '--note', 'the full name', '--by', 'analyst']);
      await run(['entity', 'add-name', String(id), 'Hizb-ut-Tahrir', '--type', 'spelling', '--by', 'analyst']);
      const removal = await json<{ fact: { id: number } }>(['entity', 'remove-name', String(id), 'Hizb', '--note', 'a cut name', '--by', 'analyst']);
      let shown = await json<Shown>(['entity', 'show', String(id)]);
      assert.equal(shown.entity.name, 'Hizb ut-Tahrir');
      assert.deepEqual(shown.names.map((n) => [n.text, n.removedBy ?? null]), [['Hizb', removal.fact.id], ['Hizb ut-Tahrir', null], ['Hizb-ut-Tahrir', null]]);
      assert.equal((await topHit('Hizb ut Tahrir'))?.entity.id, id);
      assert.notEqual((await topHit('Hizb'))?.matched_name, 'Hizb', 'a removed name is not screened');

      const refused = await cli(['--db', db, 'entity', 'remove-name', String(id), 'Hizb ut-Tahrir', '--by', 'analyst']);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /display name: rename it first/);

      await run(['review', 'reject', String(removal.fact.id), '--note', 'it is a name in use', '--by', 'analyst']);
      await run(['review', 'reject', String(rename.fact.id), '--note', 'keep the list\'s name', '--by', 'analyst']);
      shown = await json<Shown>(['entity', 'show', String(id)]);
      assert.equal(shown.entity.name, 'Hizb', 'rejecting the rename gives the old name back');
      assert.equal(shown.names.find((n) => n.text === 'Hizb')?.removedBy ?? null, null, 'rejecting the removal gives the name back');
      assert.equal((await topHit('Hizb'))?.matched_name, 'Hizb');
    });

    it('corrects a proposal before accepting it: a corrected copy with the same evidence, the original rejected as corrected', async () => {
      await run(['ingest', TLP]);
      const proposals = (await json<{ facts: { id: number; predicate: string; date: string; subjectId: number; evidence: { documentId: number; start: number }[] }[] }>(['review', 'list']))
        .facts.filter((f) => f.predicate === 'proscribed');
      const ban = proposals[0]!;
      const r = await json<{ original: { id: number; status: string }; corrected: { id: number; status: string; date: string; subjectId: number; evidence: { documentId: number; start: number }[]; qualifiers: Record<string, string> } }>([
        'review', 'correct', String(ban.id), '--date', '2021-04-14', '--subject', 'Tehreek-e-Labbaik Pakistan (corrected)', '--accept', '--note', 'the notification is dated the day before', '--by', 'analyst',
      ]);
      assert.equal(r.original.status, 'rejected');
      assert.equal(r.corrected.status, 'accepted');
      assert.equal(r.corrected.date, '2021-04-14');
      assert.notEqual(r.corrected.subjectId, ban.subjectId);
      assert.deepEqual(r.corrected.evidence.map((e) => [e.documentId, e.start]), ban.evidence.map((e) => [e.documentId, e.start]));
      assert.equal(r.corrected.qualifiers.corrects, String(ban.id));
      const decisions = await withRepo(db, (repo) => repo.decisionsOf(ban.id));
      assert.match(decisions.at(-1)?.note ?? '', new RegExp(`corrected \\(subject, date 2021-04-15 → 2021-04-14\\) as fact ${r.corrected.id}: the notification is dated the day before`));
      const twice = await cli(['--db', db, 'review', 'correct', String(ban.id), '--date', '2021-04-13']);
      assert.equal(twice.code, 2, 'only a proposal is corrected');
    });

    it('finds entities by word, beginning and acronym for a search box', async () => {
      await run(['fact', 'add', '--subject', 'Tehrik-e-Taliban Pakistan', '--predicate', 'proscribed', '--jurisdiction', 'PK', '--date', '2008-08-25', '--source', 'x', '--by', 'analyst']);
      const id = (await json<{ results: { entity: { id: number } }[] }>(['search', 'Tehrik-e-Taliban Pakistan'])).results[0]!.entity.id;
      await run(['entity', 'add-name', String(id), 'TTP', '--type', 'acronym', '--by', 'analyst']);
      const search = async (q: string) => (await json<{ results: { entity: { name: string }; match: string }[] }>(['search', q, '--limit', '10'])).results;
      const lashkar = await search('Lashkar');
      assert.equal(lashkar[0]?.entity.name, 'LASHKAR-E-TAYYIBA');
      assert.equal(lashkar[0]?.match, 'word');
      assert.deepEqual((await search('lash')).slice(0, 1).map((h) => [h.entity.name, h.match]), [['LASHKAR-E-TAYYIBA', 'prefix']]);
      const ttp = await search('TTP');
      assert.equal(ttp[0]?.entity.name, 'Tehrik-e-Taliban Pakistan', 'its acronym finds it');
      assert.match(await run(['search', 'Tahrir']), /Hizb/);
      assert.match(await run(['search', 'zzzz qqqq']), /nothing found/);
    });

    it('lists documents, newest first, filtered by date, source and words', async () => {
      const ingest = async (date: string, url: string, text: string) => {
        const r = await cli(['--db', db, 'ingest', '--no-extract', '--date', date, '--url', url, '-'], { stdin: text });
        assert.equal(r.code, 0, r.stderr);
      };
      await ingest('2019-05-01', 'https://news.example.org/a', 'The Example Relief Trust was banned on Monday under the 100% clause.');
      await ingest('2023-02-01', 'https://daily.example.com/b', 'The Example Unknown Front was banned on Tuesday.');
      const list = async (args: string[]) => (await json<{ documents: { date: string; url: string | null; facts: number; proposed: number }[] }>(['documents', 'list', ...args])).documents;
      const all = await list([]);
      assert.deepEqual(all.map((d) => d.date), ['2023-02-01', '2021-04-15', '2019-05-01'], 'newest first');
      const tlp = all.find((d) => d.date === '2021-04-15')!;
      const inTlp = await withRepo(db, async (repo) => {
        const id = (await repo.listDocuments({ from: '2021-04-15', to: '2021-04-15' }))[0]!.id;
        return repo.listFacts({ documentId: id });
      });
      assert.ok(inTlp.length >= 2, 'the ban, its corrected copy and more');
      assert.deepEqual([tlp.facts, tlp.proposed], [inTlp.length, inTlp.filter((f) => f.status === 'proposed').length]);
      assert.deepEqual((await list(['--from', '2020-01-01', '--to', '2022-12-31'])).map((d) => d.date), ['2021-04-15']);
      assert.deepEqual((await list(['--source', 'DAILY.example'])).map((d) => d.url), ['https://daily.example.com/b']);
      assert.deepEqual((await list(['--text', 'relief trust'])).map((d) => d.date), ['2019-05-01']);
      assert.deepEqual((await list(['--text', '100%'])).map((d) => d.date), ['2019-05-01'], 'a % in the words is a percent sign, not a wildcard');
      assert.deepEqual((await list(['--text', '_'])).map((d) => d.date), [], 'nor an underscore');
      assert.deepEqual((await list(['--limit', '1', '--offset', '1'])).map((d) => d.date), ['2021-04-15']);
    });
  });
}
