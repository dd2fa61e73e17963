import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveWeekday, yearForDay, yearForMonth } from '../../src/extract/dates/calendar.js';
import { findDates } from '../../src/extract/dates/find-dates.js';
import { analyse } from '../../src/extract/document.js';

function values(text: string, date: string): string[] {
  return findDates(analyse(text, date), []).map((d) => d.value);
}

test('a weekday is the last such day on or before the document date', () => {
  // 2021-03-10 is a Wednesday.
  assert.equal(resolveWeekday('2021-03-10', 3, 'onOrBefore'), '2021-03-10');
  assert.equal(resolveWeekday('2021-03-10', 1, 'onOrBefore'), '2021-03-08');
  assert.equal(resolveWeekday('2021-03-10', 4, 'onOrBefore'), '2021-03-04');
  assert.deepEqual(values('The cabinet met on Wednesday and again on Monday.', '2021-03-10'), ['2021-03-10', '2021-03-08']);
  assert.deepEqual(values('The order came last Wednesday.', '2021-03-10'), ['2021-03-03']);
  assert.deepEqual(values('The group will appeal next Friday.', '2021-03-10'), ['2021-03-12']);
  assert.deepEqual(values('The ministry Tuesday outlawed the movement.', '2021-03-10'), ['2021-03-09']);
});

test('a month without a year is the most recent such month not after the document', () => {
  assert.equal(yearForMonth('2021-03-10', 3), 2021);
  assert.equal(yearForMonth('2021-03-10', 11), 2020);
  assert.deepEqual(values('Raids began in November and ended in March.', '2021-03-10'), ['2020-11', '2021-03']);
  assert.deepEqual(values('In June of last year the office closed.', '2021-03-10'), ['2020-06']);
  assert.equal(yearForDay('2021-03-10', 3, 11), 2020);
  assert.deepEqual(values('It was listed on Jul 31 and delisted on March 2.', '2021-03-10'), ['2020-07-31', '2021-03-02']);
});

test('partial dates stay partial and alternatives become ranges', () => {
  assert.deepEqual(values('The outfit was banned in December 2016.', '2021-03-10'), ['2016-12']);
  assert.deepEqual(values('It surfaced in 2016.', '2021-03-10'), ['2016']);
  assert.deepEqual(values('It emerged in what is thought to be 2011 or 2012.', '2021-03-10'), ['2011/2012']);
  assert.deepEqual(values('It was active between 2009 and 2013.', '2021-03-10'), ['2009/2013']);
  assert.deepEqual(values('Ten members died in the last week of January 2019.', '2021-03-10'), ['2019-01-25/2019-01-31']);
  assert.deepEqual(values('Its leader returned in the first week of May 2018.', '2021-03-10'), ['2018-05-01/2018-05-07']);
});

test('full dates in the usual news spellings', () => {
  assert.deepEqual(values('It was notified on 4 February 2019 and gazetted on March 6, 2019.', '2021-03-10'), ['2019-02-04', '2019-03-06']);
  assert.deepEqual(values('The order of 12th August, 2015 stands.', '2021-03-10'), ['2015-08-12']);
  assert.deepEqual(values('It came into existence in the year 2017.', '2021-03-10'), ['2017']);
  assert.deepEqual(values('The ban was announced yesterday.', '2021-03-10'), ['2021-03-09']);
});

test('durations and numbers are not dates', () => {
  assert.deepEqual(values('The ban runs for five years and covers 1200 members.', '2021-03-10'), []);
  assert.deepEqual(values('Officials may decide later.', '2021-03-10'), []);
});
