import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateBounds, isIsoDay } from '../../src/model/partial-date.js';

describe('partial dates', () => {
  it('gives the bounds of a year, a month, a day and a range', () => {
    assert.deepEqual(dateBounds('2016'), { start: '2016-01-01', end: '2016-12-31' });
    assert.deepEqual(dateBounds('2016-02'), { start: '2016-02-01', end: '2016-02-29' });
    assert.deepEqual(dateBounds('2015-02'), { start: '2015-02-01', end: '2015-02-28' });
    assert.deepEqual(dateBounds('2020-08-19'), { start: '2020-08-19', end: '2020-08-19' });
    assert.deepEqual(dateBounds('2014/2015'), { start: '2014-01-01', end: '2015-12-31' });
  });
  it('rejects what is not a date', () => {
    for (const bad of ['2016-13', '2021-02-30', '16-12', '2015/2014', 'yesterday', '2014/2015/2016', '']) {
      assert.equal(dateBounds(bad), null, bad);
    }
    assert.equal(isIsoDay('2020-02-29'), true);
    assert.equal(isIsoDay('2019-02-29'), false);
  });
});
