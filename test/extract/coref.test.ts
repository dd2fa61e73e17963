import assert from 'node:assert/strict';
import { test } from 'node:test';
import { triples } from './helpers.js';

test('"it" and "the group" refer to the organisation the text is about', () => {
  const t = triples('Jamaat-ul-Furqan is a splinter group of Lashkar-e-Jhangvi. It is linked with Sipah-e-Mohammad. The group is based in Balochistan.');
  assert.ok(t.includes('Jamaat-ul-Furqan offshoot_of Lashkar-e-Jhangvi'));
  assert.ok(t.includes('Jamaat-ul-Furqan affiliated_with Sipah-e-Mohammad'));
  assert.ok(t.includes('Jamaat-ul-Furqan based_in Balochistan'));
});

test('"the organisation" and "the outfit" follow the clause subject, not the last name', () => {
  const t = triples('Officials said the Harkat-ul-Jihad had ties with Jaish-e-Mohammed. The outfit was formed in 2011.');
  assert.ok(t.includes('Harkat-ul-Jihad founded @2011'), t.join('; '));
});

test('a pleonastic "it" refers to nothing', () => {
  const t = triples('Harkat-ul-Jihad held a rally in Quetta. It is believed that the police were absent. It is not clear who organised it.');
  assert.deepEqual(t.filter((x) => x.includes('police')), []);
});

test('a restrictive description is another group', () => {
  const t = triples('Harkat-ul-Jihad was banned on Monday. The notification did not name the group that Harkat-ul-Jihad split from.');
  assert.deepEqual(t.filter((x) => x.includes('offshoot_of')), []);
});

test('a surname refers back to the full name', () => {
  const t = triples('Harkat-ul-Jihad chief Abdul Rauf Gilani was arrested. Gilani denied the charges.');
  assert.ok(t.includes('Abdul Rauf Gilani member_of Harkat-ul-Jihad'));
});
