import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fact } from '../../src/model/types.js';
import { listingPeriods, periodOn } from '../../src/registry/listings.js';

let nextId = 1;
function fact(predicate: 'proscribed' | 'delisted', date: string | null, extra: Partial<Fact> = {}): Fact {
  return {
    id: nextId++, subjectId: 1, predicate, objectId: null, objectLiteral: null, date, qualifiers: { jurisdiction: 'PK' },
    evidence: [], extractor: 't', confidence: 1, status: 'accepted', recordedAt: '2024-03-05T10:00:00.000Z', decidedBy: 't', decidedAt: null,
    ...extra,
  };
}

describe('listing periods', () => {
  it('reads a partial ban date from its first day and a partial lifting from its last day', () => {
    const periods = listingPeriods([fact('proscribed', '2016-12'), fact('delisted', '2018')]).get(1)!;
    assert.equal(periods.length, 1);
    assert.equal(periods[0]!.from, '2016-12-01');
    assert.equal(periods[0]!.until, '2018-12-31');
    assert.equal(periodOn(periods, '2016-11-30'), null);
    assert.ok(periodOn(periods, '2016-12-01'));
    assert.ok(periodOn(periods, '2018-06-01'));
    assert.equal(periodOn(periods, '2018-12-31'), null);
  });

  it('joins a second ban while already listed to the open period', () => {
    const periods = listingPeriods([fact('proscribed', '2010-01-01'), fact('proscribed', '2012-05-05')]).get(1)!;
    assert.equal(periods.length, 1);
    assert.equal(periods[0]!.proscribedFacts.length, 2);
  });

  it('treats an undated ban as in force since before any date and an undated lifting from when it was recorded', () => {
    const periods = listingPeriods([fact('proscribed', null), fact('delisted', null)]).get(1)!;
    assert.ok(periodOn(periods, '1990-01-01'));
    assert.ok(periodOn(periods, '2024-03-04'));
    assert.equal(periodOn(periods, '2024-03-05'), null);
  });

  it('ignores proposed and rejected facts, and a lifting with no ban before it', () => {
    const m = listingPeriods([
      fact('proscribed', '2010', { status: 'proposed' }),
      fact('proscribed', '2011', { status: 'rejected' }),
      fact('delisted', '2009'),
    ]);
    assert.deepEqual(m.get(1), []);
  });

  it('keeps jurisdictions apart', () => {
    const m = listingPeriods([fact('proscribed', '2010'), fact('delisted', '2011', { qualifiers: { jurisdiction: 'GB' } })]);
    const periods = m.get(1)!;
    assert.deepEqual(periods.map((p) => [p.jurisdiction, p.until]), [['PK', null]]);
  });
});
