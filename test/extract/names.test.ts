import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAcronymOf, sameName } from '../../src/extract/names/same-name.js';

test('spellings of one romanised name meet', () => {
  assert.ok(sameName('Harkat-ul-Jihad', 'Harkat ul Jehad'));
  assert.ok(sameName('Jamaat-ul-Furqan', 'Jamaatul Furqan'));
  assert.ok(sameName('Tehreek-e-Nafaz', 'Tehrik-i-Nifaz'));
  assert.ok(sameName('Hizb-ul-Tahreer', 'Hizbul Tahrir'));
  assert.ok(sameName('Sipah-e-Mohammad', 'Sipah-i-Muhammad'));
  assert.ok(sameName('Khaibar Pakhtoonkhwa', 'Khyber Pakhtunkhwa'));
});

test('different names stay apart', () => {
  assert.ok(!sameName('Lashkar-e-Taiba', 'Lashkar-e-Jhangvi'));
  assert.ok(!sameName('Iran', 'Oran'));
  assert.ok(!sameName('Jaish-e-Mohammed', 'Jamaat-ud-Dawa'));
});

test('acronyms abbreviate names word by word, particles optional', () => {
  assert.ok(isAcronymOf('JuF', 'Jamaat-ul-Furqan'));
  assert.ok(isAcronymOf('HJ', 'Harkat-ul-Jihad'));
  assert.ok(isAcronymOf('NCTC', 'National Counter Terrorism Centre'));
  assert.ok(isAcronymOf('NACTA', 'National Counter Terrorism Authority'));
  assert.ok(isAcronymOf('ISIL', 'Islamic State of Iraq and the Levant'));
  assert.ok(isAcronymOf('JuF', 'Jamaatul Furqan'));
  assert.ok(!isAcronymOf('AS', 'Imam Hussain'));
  assert.ok(!isAcronymOf('TTP', 'Lashkar-e-Taiba'));
});
