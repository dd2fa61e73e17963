import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fact, triples } from './helpers.js';

const has = (text: string, expected: string, date?: string): void => {
  const t = triples(text, date);
  assert.ok(t.includes(expected), `expected "${expected}" in ${JSON.stringify(t)}`);
};
const hasNo = (text: string, predicate: string): void => {
  const t = triples(text);
  assert.deepEqual(t.filter((x) => x.includes(` ${predicate}`)), [], JSON.stringify(t));
};

test('proscribed: active, passive, fronted participle, declared, added to the list', () => {
  has('The interior ministry has proscribed Harkat-ul-Jihad under the Anti-Terrorism Act, 1997.', 'Harkat-ul-Jihad proscribed @2021-03-10');
  has('Harkat-ul-Jihad was banned by the Ministry of Interior in May 2019.', 'Harkat-ul-Jihad proscribed @2019-05');
  has('Outlawed in 2014, Sipah-e-Mohammad still holds rallies.', 'Sipah-e-Mohammad proscribed @2014');
  has('The government on Monday declared the Jamaat-ul-Furqan a terrorist organisation.', 'Jamaat-ul-Furqan proscribed @2021-03-08');
  has('The authority added Harkat-ul-Jihad to its list of proscribed organisations on March 2.', 'Harkat-ul-Jihad proscribed @2021-03-02');
  has('The Home Office designated the Northern Resistance Movement under the Terrorism Act 2000 on Friday.', 'Northern Resistance Movement proscribed @2021-03-05');
});

test('proscribed: a modifier is weak and undated; a negation is nothing', () => {
  const f = fact('Police arrested three members of outlawed Harkat-ul-Jihad in Quetta.', 'proscribed');
  assert.ok(f);
  assert.equal(f.date, null);
  assert.ok(f.confidence < 0.7);
  hasNo('The government has not banned Harkat-ul-Jihad yet.', 'proscribed');
  hasNo('The notification did not name the banned group.', 'proscribed');
});

test('proscribed: qualifiers come from the authority, the law and the instrument', () => {
  const f = fact("Pakistan's government has banned Harkat-ul-Jihad under the Anti-Terrorism Act, 1997, according to a notification issued by the interior ministry.", 'proscribed');
  assert.ok(f);
  assert.equal(f.qualifiers.authority, 'interior ministry');
  assert.equal(f.qualifiers.jurisdiction, 'PK');
  assert.equal(f.qualifiers.law, 'Anti-Terrorism Act, 1997');
  assert.equal(f.qualifiers.instrument, 'notification');
  assert.match(f.evidence.attribution ?? '', /according to a notification/);
  const uk = fact('The Home Secretary proscribed the Northern Resistance Movement under the Terrorism Act 2000.', 'proscribed');
  assert.equal(uk?.qualifiers.jurisdiction, 'GB');
  // An order laid, not yet in force, bans nothing yet.
  assert.equal(fact('The Home Secretary laid an order to proscribe the Northern Resistance Movement under the Terrorism Act 2000.', 'proscribed'), undefined);
});

test('delisted: lifted, revoked, removed from the list, de-proscribed', () => {
  has('The federal government lifted the ban on Harkat-ul-Jihad on Tuesday.', 'Harkat-ul-Jihad delisted @2021-03-09');
  has('The ban on Jamaat-ul-Furqan was revoked in 2019.', 'Jamaat-ul-Furqan delisted @2019');
  has('The ministry removed Sipah-e-Mohammad from the list of proscribed organisations in June 2020.', 'Sipah-e-Mohammad delisted @2020-06');
  has('The Northern Resistance Movement was de-proscribed in 2018.', 'Northern Resistance Movement delisted @2018');
  hasNo('The federal government lifted the ban on Harkat-ul-Jihad on Tuesday.', 'proscribed');
});

test('offshoot_of: offshoot, splinter, faction, breakaway, wing, possessive', () => {
  has('Jamaat-ul-Furqan is an offshoot of Lashkar-e-Jhangvi.', 'Jamaat-ul-Furqan offshoot_of Lashkar-e-Jhangvi');
  has('Jamaat-ul-Furqan, a splinter group of the banned Lashkar-e-Jhangvi, claimed the attack.', 'Jamaat-ul-Furqan offshoot_of Lashkar-e-Jhangvi');
  has('Harkat-ul-Jihad broke away from Jaish-e-Mohammed in 2009.', 'Harkat-ul-Jihad offshoot_of Jaish-e-Mohammed');
  has("Jaish-e-Mohammed's student wing, Harkat-ul-Talaba, was banned.", 'Harkat-ul-Talaba offshoot_of Jaish-e-Mohammed');
  hasNo('The group was banned for being an offshoot of a banned organisation involved in terrorism.', 'offshoot_of');
});

test('front_for: front, proxy, manifestation; a state behind a proxy supports it', () => {
  has('The Harkat-ul-Jihad is a front for Jaish-e-Mohammed.', 'Harkat-ul-Jihad front_for Jaish-e-Mohammed');
  has('The Northern Resistance Movement, a proxy of the Sipah-e-Mohammad, was banned.', 'Northern Resistance Movement front_for Sipah-e-Mohammad');
  has('Officials call Jamaat-ul-Furqan a manifestation of Lashkar-e-Jhangvi.', 'Jamaat-ul-Furqan front_for Lashkar-e-Jhangvi');
  has('Jamaat-ul-Furqan is a proxy of Iran.', 'Jamaat-ul-Furqan supported_by Iran');
});

test('successor_of: renamed, re-emerged as, formerly known as', () => {
  has('Sipah-e-Mohammad was renamed Tehreek-e-Jafaria in 2002.', 'Tehreek-e-Jafaria successor_of Sipah-e-Mohammad');
  has('After the ban, Harkat-ul-Jihad re-emerged as Jamaat-ul-Furqan.', 'Jamaat-ul-Furqan successor_of Harkat-ul-Jihad');
  has('The Northern Resistance Movement, formerly known as the Northern Defence League, was banned.', 'Northern Resistance Movement successor_of Northern Defence League');
});

test('affiliated_with, allied_with, supported_by, opposes', () => {
  has('Harkat-ul-Jihad is linked with Jaish-e-Mohammed.', 'Harkat-ul-Jihad affiliated_with Jaish-e-Mohammed');
  has('Jamaat-ul-Furqan is allied with Lashkar-e-Jhangvi.', 'Jamaat-ul-Furqan allied_with Lashkar-e-Jhangvi');
  has('Sipah-e-Mohammad is a pro-Iran group.', 'Sipah-e-Mohammad supported_by Iran');
  has('The Iran-backed Sipah-e-Mohammad was banned.', 'Sipah-e-Mohammad supported_by Iran');
  has('Harkat-ul-Jihad is backed by Jaish-e-Mohammed.', 'Harkat-ul-Jihad supported_by Jaish-e-Mohammed');
  has('Sipah-e-Mohammad is fighting against Lashkar-e-Jhangvi.', 'Sipah-e-Mohammad opposes Lashkar-e-Jhangvi');
  hasNo('A recruiter for Sipah-e-Mohammad had travelled to fight Lashkar-e-Jhangvi.', 'opposes');
});

test('based_in, operates_in, recruits_in', () => {
  has('Harkat-ul-Jihad is based in Balochistan.', 'Harkat-ul-Jihad based_in Balochistan');
  has('The Quetta-based Harkat-ul-Jihad was banned.', 'Harkat-ul-Jihad based_in Quetta');
  has('Jamaat-ul-Furqan is active in Afghanistan.', 'Jamaat-ul-Furqan operates_in Afghanistan');
  const t = triples('Sipah-e-Mohammad is recruiting young men in Orakzai district and other areas in Punjab for fighting in Iraq.');
  assert.ok(t.includes('Sipah-e-Mohammad recruits_in Orakzai district'), JSON.stringify(t));
  assert.ok(t.includes('Sipah-e-Mohammad recruits_in Punjab'), JSON.stringify(t));
  assert.ok(!t.includes('Sipah-e-Mohammad recruits_in Iraq'), JSON.stringify(t));
});

test('founded needs a date; member_of needs a person', () => {
  has('Harkat-ul-Jihad was formed in 2009.', 'Harkat-ul-Jihad founded @2009');
  hasNo('Harkat-ul-Jihad was formed to protect shrines.', 'founded');
  has('Harkat-ul-Jihad chief Abdul Rauf Gilani was arrested.', 'Abdul Rauf Gilani member_of Harkat-ul-Jihad');
  has('Abdul Rauf Gilani, the leader of Harkat-ul-Jihad, was arrested.', 'Abdul Rauf Gilani member_of Harkat-ul-Jihad');
});

test('the same fact stated twice is one fact with supporting evidence', () => {
  const text = 'The ministry banned Harkat-ul-Jihad in May 2019. Harkat-ul-Jihad was proscribed by the ministry in 2019, an official said.';
  const t = triples(text);
  assert.deepEqual(t.filter((x) => x.includes('proscribed')), ['Harkat-ul-Jihad proscribed @2019-05']);
  const f = fact(text, 'proscribed');
  assert.equal(f?.supporting?.length, 1);
});
