import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arabicSkeletons } from '../../src/names/arabic-skeleton.js';
import { DEFAULT_THRESHOLD, NameIndex, type NameMatch } from '../../src/names/index.js';

/** A small registry in the shape of the real lists: groups, people, a company, a stored acronym. */
function smallIndex(): NameIndex {
  const idx = new NameIndex();
  const entities: [number, string[]][] = [
    [1, ['Lashkar-e-Taiba', 'Jamaat-ud-Dawa']],
    [2, ['Lashkar-e-Jhangvi']],
    [3, ['Muslim Brotherhood']],
    [4, ['Pakistan Taliban']],
    [5, ['Tehrik-e-Taliban Pakistan']],
    [6, ['Ansar al-Husayn']],
    [7, ['Jaish-e-Mohammed', 'Army of Mohammed']],
    [8, ['Islamic Jihad Union', 'IJU']],
    [9, ['Al-Qaida', 'The Base']],
    [10, ['Propaganda and Agitation Department (PAD)']],
    [11, ['Global Relief Foundation Inc.']],
    [12, ['Abd al-Rahman Muhammad Yusuf']],
    [13, ['Islamic Front']],
    [14, ['Hizballah']],
  ];
  for (const [id, names] of entities) names.forEach((n, i) => idx.add(id, n, i === 0 ? 'primary' : 'alias'));
  idx.freeze();
  return idx;
}

const top = (m: NameMatch[]) => m[0];
const alerts = (m: NameMatch[]) => m.filter((x) => x.score >= DEFAULT_THRESHOLD).map((x) => x.matchedName);

describe('NameIndex: matching transliteration variants', () => {
  const idx = smallIndex();
  for (const q of ['Ansar-ul-Hussain', 'Ansar ul Hussian', 'Ansar al-Husayn', 'أنصار الحسين']) {
    it(`finds Ansar al-Husayn for ${q}, as an alert`, () => {
      const m = top(idx.search(q));
      assert.equal(m?.entityId, 6);
      assert.ok(m.score >= DEFAULT_THRESHOLD, `score ${m.score}`);
    });
  }
  for (const q of ['Lashkar Tayyiba', 'Lashkar-i-Toiba', 'Lashkar e Tayyaba', 'LASHKAR-E-TAYYIBA']) {
    it(`ranks Lashkar-e-Taiba above Lashkar-e-Jhangvi for ${q}`, () => {
      const m = idx.search(q, { minScore: 0.1 });
      assert.equal(m[0]?.entityId, 1);
      const jhangvi = m.find((x) => x.entityId === 2);
      assert.ok(!jhangvi || jhangvi.score < m[0]!.score - 0.3, 'Jhangvi far below');
      assert.ok(!jhangvi || jhangvi.score < DEFAULT_THRESHOLD, 'Jhangvi does not alert');
    });
  }
  it('matches Ansar-ul-Hussain for Ansar ul Hussian, as an alert', () => {
    const own = new NameIndex();
    own.add(1, 'Ansar-ul-Hussain', 'primary');
    own.add(2, 'Ansar-ul-Islam', 'primary');
    own.freeze();
    const m = top(own.search('Ansar ul Hussian'))!;
    assert.equal(m.matchedName, 'Ansar-ul-Hussain');
    assert.ok(m.score >= DEFAULT_THRESHOLD, `score ${m.score}`);
  });
  it('matches spelling variants of Muhammad, joined compounds and typos', () => {
    assert.equal(top(idx.search('Jaish-i-Muhammad'))?.entityId, 7);
    assert.equal(top(idx.search('Abdulrahman Mohammed Yousuf'))?.entityId, 12);
    assert.equal(top(idx.search('Hezbollah'))?.entityId, 14);
    assert.equal(top(idx.search('Alqaida'))?.entityId, 9);
    assert.equal(top(idx.search('Lashkat-e-Taiba'))?.entityId, 1);
  });
  it('matches abbreviated legal and organisation words', () => {
    const m = top(idx.search('Global Relief Fdn'));
    assert.equal(m?.entityId, 11);
    assert.ok(m.explanation.rules.includes('abbreviation'));
  });
});

describe('NameIndex: what must not alert', () => {
  const idx = smallIndex();
  for (const q of ['Pakistan Muslim League', 'Islamic Party', 'Muslim Front', 'Pakistan Peoples Party', 'Acme Bakery Ltd']) {
    it(`raises no alert for ${q}`, () => assert.deepEqual(alerts(idx.search(q, { minScore: 0 })), []));
  }
  it('a one-word overlap on a common word stays well below the threshold', () => {
    for (const m of idx.search('Islamic Jihad Front of Pakistan', { minScore: 0 })) assert.ok(m.score < DEFAULT_THRESHOLD, `${m.matchedName} ${m.score}`);
  });
});

describe('NameIndex: a name\'s words in other roles', () => {
  const idx = new NameIndex();
  const people: [number, string][] = [
    [1, 'SALMAN, Muhammad'], [2, 'Hafiz Muhammad'], [3, 'Mohammed, Shariff Omar'], [4, 'SAEED, Hafiz Muhammad'], [5, 'Khalid Mahmud'],
  ];
  for (const [id, name] of people) idx.add(id, name, 'primary');
  idx.freeze();
  const top1 = (q: string) => top(idx.search(q, { minScore: 0.3 }));
  it('a father\'s name on one side only is a weaker match (Mohammed bin Salman is not Muhammad SALMAN)', () => {
    const m = top1('Mohammed bin Salman')!;
    assert.equal(m.entityId, 1);
    assert.ok(m.score < DEFAULT_THRESHOLD, `score ${m.score}`);
    assert.ok(m.explanation.rules.includes('role-mismatch'));
    assert.ok(top1('Muhammad Salman')!.score >= DEFAULT_THRESHOLD, 'the same name in another order still alerts');
  });
  it('a title on one side only is a weaker match (Mohammad Hafeez is not Hafiz Muhammad)', () => {
    const m = top1('Mohammad Hafeez')!;
    assert.equal(m.entityId, 2);
    assert.ok(m.score < DEFAULT_THRESHOLD, `score ${m.score}`);
    const titled = top1('Hafiz Muhammad Saeed')!;
    assert.equal(titled.entityId, 4);
    assert.ok(titled.score >= DEFAULT_THRESHOLD, 'a title on both sides is no mismatch');
    assert.ok(!titled.explanation.rules.includes('role-mismatch'));
  });
  it('a query without the listed family name is a weaker match (Omar Sharif is not Mohammed, Shariff Omar)', () => {
    const m = top1('Omar Sharif')!;
    assert.equal(m.entityId, 3);
    assert.ok(m.score < DEFAULT_THRESHOLD, `score ${m.score}`);
    assert.ok(top1('Shariff Omar Mohammed')!.score >= DEFAULT_THRESHOLD);
    const e = m.explanation;
    const sum = e.alignment.reduce((t, a) => t + a.similarity * a.weight, 0);
    assert.ok(Math.abs(sum - m.score) < 0.002, `explanation adds up: ${sum} vs ${m.score}`);
    assert.ok(Math.abs(e.alignment.reduce((t, a) => t + a.weight, 0) - 1) < 0.002, 'weights add up to 1');
  });
});

describe('NameIndex: across scripts', () => {
  const idx = new NameIndex();
  const names: [number, string][] = [
    [1, 'Noor Mohammad Saqib'], [2, 'Usman Ghani'], [3, 'Jamaat ud Dawa'], [4, 'Ramazan Bakhtiar'], [5, 'Hamza Yusuf'],
    [6, 'عثمان بن عفان'], [7, 'نظام الدين'],
  ];
  for (const [id, n] of names) idx.add(id, n, 'primary');
  idx.freeze();
  // Letters romanisations read differently: ث (th, s), ض (d, z), ة (silent, t), ظ (z, dh).
  for (const [q, id] of [['نور محمد ثاقب', 1], ['عثمان غني', 2], ['جماعة الدعوة', 3], ['رمضان بختیار', 4], ['حمزة يوسف', 5], ['Uthman bin Affan', 6], ['Nizam al-Din', 7]] as const) {
    it(`finds entity ${id} for ${q}`, () => {
      const [m, next] = idx.search(q, { minScore: 0.3 });
      assert.equal(m?.entityId, id);
      // Two-consonant words (غني, دعوة) are weaker evidence without their vowels: a strong match, not always an alert.
      assert.ok(m.score >= 0.8, `${m.matchedName} ${m.score}`);
      assert.ok(!next || next.score < m.score - 0.2, 'well ahead of the next');
    });
  }
  it('says so in the explanation', () => {
    const m = idx.search('نور محمد ثاقب')[0]!;
    assert.ok(m.explanation.rules.includes('script'), m.explanation.rules.join(' '));
  });
  it('reads each ambiguous letter every way, and a medial و as vowel or consonant', () => {
    assert.deepEqual(arabicSkeletons('عثمان').sort(), ['asmn', 'atmn']);
    assert.deepEqual(arabicSkeletons('جماعة').sort(), ['gm', 'gmt', 'jm', 'jmt']);
    assert.ok(arabicSkeletons('عويس').includes('avs'));
    assert.deepEqual(arabicSkeletons('ضیا'), [], 'one consonant is too little to match on');
  });
});

describe('NameIndex: numbers, family names and categories', () => {
  it('different numbers on both sides count against a match; the same number for it', () => {
    const idx = new NameIndex();
    idx.add(1, 'Military Intelligence Branch 227', 'primary');
    idx.add(2, 'Military Intelligence Branch 290', 'primary');
    idx.add(3, 'Military Intelligence Branch', 'primary');
    idx.freeze();
    const hits = idx.search('Military Intelligence Branch 290', { minScore: 0 });
    assert.equal(hits[0]?.entityId, 2);
    const other = hits.find((h) => h.entityId === 1)!;
    const none = hits.find((h) => h.entityId === 3)!;
    assert.ok(other.score < none.score, `a different number (${other.score}) is worse than no number (${none.score})`);
    assert.ok(other.explanation.rules.includes('number-mismatch'));
    assert.ok(!none.explanation.rules.includes('number-mismatch'));
    const sum = other.explanation.alignment.reduce((t, a) => t + a.similarity * a.weight, 0);
    assert.ok(Math.abs(sum - other.score) < 0.002, 'the explanation adds up');
  });
  it('a second family name left out is no missing family name', () => {
    const idx = new NameIndex();
    idx.add(1, 'GONZALEZ PENUELAS, Ignacio', 'primary');
    idx.add(2, 'MOHAMMED, Shariff Omar', 'primary');
    idx.freeze();
    const one = idx.search('Ignacio Gonzalez', { minScore: 0 })[0]!;
    assert.ok(!one.explanation.rules.includes('family-name-unmatched'));
    const none = idx.search('Omar Sharif', { minScore: 0 })[0]!;
    assert.ok(none.explanation.rules.includes('family-name-unmatched'));
    assert.ok(one.score > none.score);
  });
  it('searches only the categories asked for', () => {
    const idx = new NameIndex();
    idx.add(1, 'Neshat', 'primary', 6);
    idx.add(2, 'Neshat Trading Company', 'primary', 0);
    idx.add(3, 'Neshat', 'primary', 1);
    idx.freeze();
    assert.deepEqual(idx.search('Neshat').map((h) => h.entityId).sort(), [1, 2, 3]);
    assert.deepEqual(idx.search('Neshat', { categories: 1 << 0 }).map((h) => h.entityId), [2]);
    assert.deepEqual(idx.search('Neshat', { categories: (1 << 1) | (1 << 6) }).map((h) => h.entityId).sort(), [1, 3]);
    assert.throws(() => new NameIndex().add(1, 'x', 'primary', 32), /category 32/);
  });
});

describe('NameIndex: acronyms', () => {
  const idx = smallIndex();
  it('an acronym query reaches names whose initials it spells', () => {
    assert.equal(top(idx.search('TTP', { minScore: 0.3 }))?.entityId, 5);
    assert.equal(top(idx.search('LeT', { minScore: 0.3 }))?.entityId, 1);
    assert.equal(top(idx.search('JeM', { minScore: 0.3 }))?.entityId, 7);
    assert.deepEqual(top(idx.search('TTP', { minScore: 0.3 }))?.explanation.rules, ['initials']);
  });
  it('a stored acronym matches exactly, and a bracketed acronym too', () => {
    const iju = top(idx.search('IJU'));
    assert.equal(iju?.entityId, 8);
    assert.equal(iju.score, 1);
    assert.equal(top(idx.search('PAD'))?.entityId, 10);
  });
});

describe('NameIndex: explanations', () => {
  const idx = smallIndex();
  it('says which name matched, aligns tokens with rule and weight, and the weights add up to the score', () => {
    const m = top(idx.search('Ansar ul Hussian'))!;
    const e = m.explanation;
    assert.equal(e.matchedName, 'Ansar al-Husayn');
    assert.deepEqual(e.queryTokens, ['ansar', 'ul', 'hussian']);
    assert.deepEqual(e.nameTokens, ['ansar', 'al', 'husayn']);
    const row = (q: string) => e.alignment.find((a) => a.query === q)!;
    assert.equal(row('ansar').rule, 'exact');
    assert.equal(row('ul').rule, 'folded');
    assert.equal(row('hussian').rule, 'skeleton');
    assert.equal(row('hussian').name, 'husayn');
    assert.ok(row('hussian').similarity > 0.85 && row('hussian').similarity < 1);
    assert.ok(row('ul').weight < row('ansar').weight / 5, 'particles weigh little');
    const sum = e.alignment.reduce((s, a) => s + a.similarity * a.weight, 0);
    assert.ok(Math.abs(sum - m.score) < 0.002, `Σ similarity × weight ${sum} = score ${m.score}`);
    assert.deepEqual([...e.rules].sort(), ['exact', 'folded', 'skeleton']);
  });
  it('lists unmatched tokens of both sides', () => {
    const m = idx.search('Lashkar Jhangvi Group', { minScore: 0 }).find((x) => x.entityId === 2)!;
    assert.ok(m.explanation.rules.includes('unmatched-tokens'));
    assert.ok(m.explanation.alignment.some((a) => a.query === 'group' && a.name === null && a.rule === 'unmatched'));
  });
  it('is built on first read and survives JSON (its plain form crosses to other threads)', () => {
    const m = top(idx.search('Lashkar Tayyiba'))!;
    const viaJson = JSON.parse(JSON.stringify(m)) as NameMatch;
    assert.equal(viaJson.explanation.matchedName, 'Lashkar-e-Taiba');
    assert.deepEqual(viaJson.explanation, m.explanation);
    assert.equal(m.explanation, m.explanation, 'built once');
    assert.deepEqual(structuredClone({ ...viaJson }).explanation, m.explanation);
    assert.deepEqual(Object.keys(structuredClone({ ...m })).sort(), ['entityId', 'matchedName', 'nameType', 'score'], 'a copy carries no index');
  });
});

describe('NameIndex: API', () => {
  it('returns best name per entity, ranked, limited, with score in [0,1]', () => {
    const idx = smallIndex();
    const res = idx.search('Lashkar', { minScore: 0, limit: 5 });
    assert.ok(res.length <= 5);
    assert.equal(new Set(res.map((r) => r.entityId)).size, res.length);
    for (let i = 1; i < res.length; i++) assert.ok(res[i - 1]!.score >= res[i]!.score);
    for (const r of res) assert.ok(r.score >= 0 && r.score <= 1);
    assert.equal(idx.size, 18);
  });
  it('exclude leaves a name out as if it had not been added', () => {
    const idx = new NameIndex();
    const a = idx.add(1, 'Jamaat-ud-Dawa', 'primary');
    idx.add(1, 'Lashkar-e-Taiba', 'alias');
    idx.add(2, 'Jamaat ud Dawa Trust', 'primary');
    idx.freeze();
    assert.equal(top(idx.search('Jamaat-ud-Dawa'))?.entityId, 1);
    assert.equal(top(idx.search('Jamaat-ud-Dawa', { exclude: (s) => s === a }))?.entityId, 2);
  });
  it('refuses names after freeze and reports the type of the matched name', () => {
    const idx = smallIndex();
    assert.throws(() => idx.add(99, 'x'));
    assert.equal(top(idx.search('IJU'))?.nameType, 'alias');
    assert.equal(top(idx.search('Islamic Jihad Union'))?.nameType, 'primary');
  });
  it('DEFAULT_THRESHOLD is a score in (0,1)', () => {
    assert.ok(DEFAULT_THRESHOLD > 0.5 && DEFAULT_THRESHOLD < 1);
  });
});

describe('NameIndex: snapshots', () => {
  it('a snapshot, structured-cloned as for a worker, answers exactly as the original', () => {
    const idx = smallIndex();
    const copy = NameIndex.fromSnapshot(structuredClone(idx.toSnapshot()));
    assert.equal(copy.size, idx.size);
    for (const q of ['Lashkar Tayyiba', 'TTP', 'Ansar ul Hussian', 'Pakistan Muslim League', 'Hezbollah', 'PAD']) {
      const a = idx.search(q, { minScore: 0 });
      const b = copy.search(q, { minScore: 0 });
      assert.deepEqual(b.map((m) => [m.entityId, m.matchedName, m.score, m.explanation]), a.map((m) => [m.entityId, m.matchedName, m.score, m.explanation]), q);
    }
  });
  it('shares memory instead of copying it', () => {
    const s = smallIndex().toSnapshot();
    assert.ok(s.post.buffer instanceof SharedArrayBuffer);
    assert.ok(s.nameChars.buffer instanceof SharedArrayBuffer);
  });
});

/** Deterministic synthetic names from syllables: many share words, as real names do. */
function syllables(seed0: number) {
  const syll = ['ka', 'ri', 'mo', 'sa', 'lu', 'ten', 'bar', 'dan', 'fi', 'gor', 'hal', 'jin', 'ko', 'mar', 'nu', 'pol', 'ras', 'sho', 'tu', 'vik', 'zem'];
  let seed = seed0;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => syll[Math.floor(next() * syll.length)]).join('');
  return { next, word };
}

describe('NameIndex: the pruned search finds what the exhaustive one finds', () => {
  const { next, word } = syllables(11);
  const idx = new NameIndex();
  const names: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const name = `${word()} ${word()} ${word()}`;
    names.push(name);
    idx.add(i, name, 'primary');
  }
  idx.freeze();
  const key = (ms: NameMatch[]) => ms.map((m) => `${m.entityId}:${m.score.toFixed(6)}`).join(' ');
  // Word pairs, respelled stored names, unrelated triples.
  const queries = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? `${word()} ${word()}` : i % 3 === 1 ? names[Math.floor(next() * names.length)]!.replace(/a/, 'e') : `${word()} ${word()} ${word()}`));
  it('the limit best matches, by default', () => {
    for (const q of queries) assert.equal(key(idx.search(q)), key(idx.search(q, { exhaustive: true })), q);
  });
  it('the best match and every match from completeFrom on, when asked for only those', () => {
    for (const q of queries) {
      const fast = idx.search(q, { completeFrom: DEFAULT_THRESHOLD });
      const full = idx.search(q, { exhaustive: true });
      assert.equal(fast[0]?.score, full[0]?.score, q);
      assert.equal(key(fast.filter((m) => m.score >= DEFAULT_THRESHOLD)), key(full.filter((m) => m.score >= DEFAULT_THRESHOLD)), q);
    }
  });
  it('every match from completeFrom on, and only matches it met below, in batch mode (bestEffort)', () => {
    let alerting = 0;
    for (const q of queries) {
      const fast = idx.search(q, { completeFrom: DEFAULT_THRESHOLD, bestEffort: true });
      const full = idx.search(q, { exhaustive: true });
      const alerts = (ms: NameMatch[]) => key(ms.filter((m) => m.score >= DEFAULT_THRESHOLD));
      assert.equal(alerts(fast), alerts(full), q);
      alerting += full.filter((m) => m.score >= DEFAULT_THRESHOLD).length;
      const scoreOf = new Map(full.map((m) => [m.entityId, m.score]));
      for (const m of fast) if (scoreOf.has(m.entityId)) assert.equal(m.score, scoreOf.get(m.entityId), 'a weak hit met carries its true score');
    }
    assert.ok(alerting > 20, `the queries raise alerts (${alerting})`);
  });
});

describe('NameIndex: never scans every name', () => {
  it('touches a small fraction of a 60,000-name index per query', () => {
    const idx = new NameIndex();
    const { word } = syllables(7);
    const n = 60_000;
    for (let i = 0; i < n; i++) idx.add(i, `${word()} ${word()} ${word()}`);
    idx.add(n, 'Lashkar-e-Taiba');
    idx.freeze();
    const m = idx.search('Lashkar Tayyiba');
    assert.equal(m[0]?.entityId, n);
    const st = idx.lastSearchStats;
    assert.ok(st.candidates < n / 100, `touched ${st.candidates} of ${n}`);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      idx.search(`${word()} ${word()}`);
      worst = Math.max(worst, idx.lastSearchStats.candidates);
    }
    assert.ok(worst < n / 10, `worst query touched ${worst} of ${n}`);
  });
});
