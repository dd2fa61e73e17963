/**
 * Ways of writing the same name that meet before folding: numbers in words or ordinals,
 * leetspeak, legal forms spelled out in other languages, and scripts that write vowels as
 * combining signs. Each is checked both as a rewrite and as a screening score.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_THRESHOLD, compareNames, normaliseText, tokenize } from '../../src/names/index.js';
import { rewriteWords } from '../../src/names/word-runs.js';

const folds = (name: string) => tokenize(name).map((t) => t.fold).join(' ');

describe('words rewritten before folding', () => {
  it('reads numbers written as words, ordinals and digits alike', () => {
    assert.deepEqual(rewriteWords(['forty', 'four', 'brigade']), ['44', 'brigade']);
    assert.deepEqual(rewriteWords(['three', 'hundred', 'and', 'thirteen']), ['313']);
    assert.deepEqual(rewriteWords(['twenty', 'first', 'century']), ['21', 'century']);
    assert.deepEqual(rewriteWords(['2nd', 'army']), ['2', 'army']);
    assert.deepEqual(rewriteWords(['bread', 'and', 'roses']), ['bread', 'and', 'roses'], 'a lone and is no number');
    const pairs: [string, string][] = [['Forty-Four Brigade', '44 Brigade'], ['Second Battalion', '2nd Battalion'], ['Revolutionary Organization 17 November', 'Revolutionary Organization Seventeen November']];
    for (const [a, b] of pairs) {
      assert.ok(compareNames(a, b).alert, `${a} ~ ${b}`);
    }
    assert.ok(!compareNames('2nd Army Corps', '22nd Army Corps').alert, 'two numbers are two units');
    assert.ok(!compareNames('Brigade 44', 'Brigade 45').alert);
  });

  it('reads leetspeak as letters, but leaves codes and ordinals alone', () => {
    assert.equal(folds('H4mas'), folds('Hamas'));
    assert.equal(folds('B0k0 H4ram'), folds('Boko Haram'));
    assert.deepEqual(rewriteWords(['m23']), ['m23'], 'one letter: a code, not leetspeak');
    assert.deepEqual(rewriteWords(['b52']), ['b52']);
    assert.ok(compareNames('1sl4m1c St4te', 'Islamic State').score >= DEFAULT_THRESHOLD);
  });

  it('reads legal forms spelled out in other languages as their short forms', () => {
    const forms: [string, string][] = [
      ['Siemens AG', 'Siemens Aktiengesellschaft'], ['Gazprom OAO', 'Open Joint Stock Company Gazprom'], ['Eni S.p.A.', 'Eni Società per Azioni'],
      ['Permata Maju Sdn Bhd', 'Permata Maju Sendirian Berhad'], ['OOO Vostok Trans', 'Obshchestvo s ogranichennoy otvetstvennostyu Vostok Trans'],
      ['Northwind Logistics LLC', 'Northwind Logistics Limited Liability Company'],
    ];
    for (const [a, b] of forms) assert.equal(compareNames(a, b).score, 1, `${a} ~ ${b}`);
    assert.ok(!compareNames('Alfa Trading LLC', 'Alfa Shipping LLC').alert, 'a shared legal form does not make one company');
  });

  it('transliterates scripts that write vowels as signs before marks are stripped', () => {
    assert.equal(normaliseText('राहुल गांधी'), 'rahul gamdhi', 'the vowels stay');
    assert.ok(compareNames('नरेन्द्र मोदी', 'Narendra Modi').alert);
    assert.ok(!compareNames('राहुल गांधी', 'Narendra Modi').alert);
  });
});
