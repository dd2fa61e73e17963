import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { cli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';

/**
 * The questions the product exists for, asked of the registry `npm start` builds from the bundled
 * data (UN, OFAC, the national lists, Mapping Militants, the seed article), with no review step.
 */
interface Listings {
  lists: { id: string }[];
  organisations: { entity: { id: number; name: string; refs: string[] }; listings: { list: string | null; jurisdiction: string }[] }[];
}
interface Hit {
  entity: { id: number; name: string; refs: string[] };
  alert: boolean;
  status: string;
  listings: { list: string | null; jurisdiction: string; measure: string }[];
}

for (const backend of testBackends()) {
  describe(`the bundled registry on ${backend.name}`, { skip: backend.skip }, () => {
    let db: string;
    before(async () => {
      db = await backend.create();
      const r = await cli(['--db', db, 'bootstrap']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /imported lists\/national\/pk-nacta-first-schedule\.csv: 84 rows, 83 entries of pk-nacta/);
      assert.match(r.stdout, /cross-list join: .* joined \d+/);
    });
    after(() => backend.cleanup());

    const run = async (args: string[]) => {
      const r = await cli(['--db', db, ...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const listed = async (args: string[]) => JSON.parse(await run(['list', ...args, '--format', 'json'])) as Listings;
    const names = async (args: string[]) => (await listed(args)).organisations.map((o) => o.entity.name);
    const screen = async (name: string, extra: string[] = []) => (JSON.parse(await run(['screen', name, '--format', 'json', '--as-of', '2026-06-01', ...extra])) as { results: { hits: Hit[] }[] }).results[0]!.hits;

    it('answers what Pakistan banned on a date, and since when', async () => {
      const pk = await names(['--jurisdiction', 'PK', '--as-of', '2020-08-20']);
      assert.ok(pk.length >= 60, `${pk.length} organisations`);
      assert.ok(pk.includes('Khatam-ul-Anbia') && pk.includes('Ansar-ul-Hussain'), pk.join(', '));
      const tlp = (day: string) => names(['--jurisdiction', 'PK', '--as-of', day]).then((n) => n.includes('Tehreek-e-Labbaik Pakistan'));
      assert.equal(await tlp('2021-06-01'), true);
      assert.equal(await tlp('2021-12-01'), false, 'the ban was withdrawn on 2021-11-07');
      assert.equal(await tlp('2025-11-01'), true, 'banned again on 2025-10-24');
      assert.ok((await names(['--jurisdiction', 'GB', '--as-of', '2024-06-01'])).includes('Hizb ut-Tahrir'));
    });

    it('gives the FTO list for --list us-fto, and bans, not the SDN file, for --jurisdiction US', async () => {
      const fto = await listed(['--list', 'us-fto', '--as-of', '2020-01-01']);
      assert.ok(fto.organisations.length >= 50 && fto.organisations.length <= 200, `${fto.organisations.length}`);
      assert.ok(fto.organisations.some((o) => o.entity.name === 'Lashkar-e-Tayyiba'));
      const us = await listed(['--jurisdiction', 'US', '--as-of', '2024-06-01']);
      assert.deepEqual(us.lists.map((l) => l.id), ['us-fto']);
      assert.ok(us.organisations.length < 200);
      const bad = await cli(['--db', db, 'list', '--jurisdiction', 'Pakistan']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /"Pakistan" is not a jurisdiction code: use PK/);
    });

    it('screens national names to alerts listed where they are banned', async () => {
      const [ansar] = await screen('Ansar ul Hussian');
      assert.equal(ansar?.alert, true);
      assert.deepEqual(ansar?.listings.map((l) => l.list), ['pk-nacta']);
      const [hut] = await screen('Hizb ut-Tahrir');
      assert.equal(hut?.alert, true);
      assert.ok(hut?.listings.some((l) => l.list === 'gb-proscribed') && hut.listings.some((l) => l.list === 'pk-nacta'));
    });

    it('knows Lashkar-e-Taiba as one entity listed by the UN, the US, Pakistan, the UK and India, with no borrowed lineage', async () => {
      const hits = await screen('Lashkar-e-Taiba');
      const alerting = hits.filter((h) => h.alert);
      assert.equal(alerting.length, 1, alerting.map((h) => `${h.entity.name} ${h.entity.refs.join(' ')}`).join('; '));
      const let1 = alerting[0]!;
      for (const j of ['UN', 'US', 'PK', 'GB', 'IN']) assert.ok(let1.listings.some((l) => l.jurisdiction === j), `listed in ${j}`);
      assert.ok(let1.listings.some((l) => l.list === 'us-fto') && let1.listings.some((l) => l.list === 'us-ofac-sdn'));
      const profile = JSON.parse(await run(['entity', 'show', String(let1.entity.id), '--format', 'json'])) as {
        lineage: { parents: { entity: { name: string } }[]; children: { entity: { name: string } }[] };
      };
      const lineage = [...profile.lineage.parents, ...profile.lineage.children].map((e) => e.entity.name);
      assert.ok(!lineage.some((n) => /National Liberation Army/i.test(n)), lineage.join(', '));
      assert.doesNotMatch(await run(['entity', 'show', String(let1.entity.id)]), /National Liberation Army/);
    });

    it('screens against chosen lists only', async () => {
      const [let1] = await screen('Lashkar-e-Taiba', ['--lists', 'pk-nacta,un-sc']);
      assert.deepEqual(let1?.listings.map((l) => l.list).sort(), ['pk-nacta', 'un-sc']);
      const hut = await screen('Hizb ut-Tahrir', ['--lists', 'un-sc']);
      assert.ok(!hut.some((h) => h.alert), 'Hizb ut-Tahrir is on no UN list');
      const bad = await cli(['--db', db, 'screen', 'x', '--lists', 'pk-nact']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /no list "pk-nact" in this registry/);
    });

    it('changes nothing when bootstrapped again', async () => {
      const count = async () => {
        const repo = await openStore(db);
        try {
          return { counts: await repo.counts(), merges: (await repo.merges()).length };
        } finally {
          await repo.close();
        }
      };
      const before = await count();
      const again = await run(['bootstrap']);
      assert.match(again, /already imported: lists\/national\/us-fto\.csv/);
      assert.deepEqual(await count(), before);
    });
  });
}
