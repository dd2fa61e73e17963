import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.js';
import { DATE, triples } from './helpers.js';

test('an acronym in parentheses is an alias and names the same entity later', () => {
  const r = extract('The Jamaat-ul-Furqan (JuF) held a rally. Police said JuF members were detained.', { documentDate: DATE });
  const org = r.entities.find((e) => e.kind === 'organisation');
  assert.ok(org);
  assert.deepEqual(org.names, ['Jamaat-ul-Furqan', 'JuF']);
  assert.equal(org.mentions.length, 3);
  assert.deepEqual(triples('The Jamaat-ul-Furqan (JuF) held a rally.'), ['Jamaat-ul-Furqan alias JuF']);
});

test('a translation in parentheses is an alias', () => {
  assert.deepEqual(triples('The Saraya Awliya al-Dam (Guardians of the Blood Brigade) claimed the rocket attack.'),
    ['Saraya Awliya al-Dam alias Guardians of the Blood Brigade']);
});

test('the acronym may come first', () => {
  assert.deepEqual(triples('Police raided offices of the JuF (Jamaat-ul-Furqan) in the city.'), ['Jamaat-ul-Furqan alias JuF']);
});

test('a parenthesis that does not fit the name is no alias', () => {
  assert.deepEqual(triples('Pilgrims visited the shrine of Imam Hussain (AS) in Karbala.'), []);
  assert.deepEqual(triples('A rally of the Sipah-e-Mohammad was dispersed. (Photo courtesy: Daily News)'), []);
});

test('also known as', () => {
  assert.deepEqual(triples('The Harkat-ul-Jihad, also known as the Movement of Struggle, was founded in 2004.'),
    ['Harkat-ul-Jihad founded @2004', 'Harkat-ul-Jihad alias Movement of Struggle']);
});
