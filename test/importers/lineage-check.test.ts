import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceNames } from '../../src/importers/lineage-check.js';

const named = (sentence: string | null, ...groups: (string | { names: string[]; acronyms?: string[] })[]) =>
  sentenceNames(sentence, groups.map((g) => (typeof g === 'string' ? { names: [g] } : g))).named;

describe('lineage check: does a sentence name both groups of a link', () => {
  it('finds a group by a run of words, across spellings', () => {
    assert.deepEqual(named('Hizbul Islam fighters attacked the town, ousting Al Shabaab fighters.', 'Al Shabaab', 'Hizbul Islam'), [true, true]);
    assert.deepEqual(named('The Hezbollah commander met them.', 'Hizballah'), [true]);
    assert.deepEqual(named('The Real IRA split from the Provisional IRA over the ceasefires.', 'Real Irish Republican Army', 'Provisional Irish Republican Army'), [true, true], 'part of a name written as initials');
  });

  it('finds a group by its initials, particles optional, or by an acronym it is listed with', () => {
    assert.deepEqual(named('ART and HuM have cooperated in Kashmir.', 'Hizb-ul-Mujahideen'), [true]);
    assert.deepEqual(named('LeT and HuJI were allied across the Line of Control.', 'Lashkar-e-Taiba', 'Harkat-ul-Jihad-al-Islami'), [true, true]);
    assert.deepEqual(named('AQAP has remained loyal to AQ central.', 'Al Qaeda in the Arabian Peninsula', 'Al Qaeda'), [true, true]);
    assert.deepEqual(named('The FARC and ELN relationship fluctuates.', { names: ['Revolutionary Armed Forces of Colombia'], acronyms: ['FARC'] }, { names: ['National Liberation Army (Colombia)'], acronyms: ['ELN'] }), [true, true]);
    assert.deepEqual(named('The ELN attacked.', 'National Liberation Army (Colombia)'), [false], 'a Spanish acronym is no initials of the English name');
  });

  it('uses the parts of a bracketed name, but not a one-word qualifier', () => {
    assert.deepEqual(named('Jabhat al-Nusra captured two armored vehicles.', "Hay'at Tahrir al-Sham (Formerly Jabhat al-Nusra)"), [true]);
    assert.deepEqual(named('Fighting spread across Colombia.', 'National Liberation Army (Colombia)'), [false]);
    assert.deepEqual(named('The JRTN played a critical role.', 'Jaysh Rijal al-Tariqa al-Naqshbandia (JRTN)'), [true]);
  });

  it('does not take a sentence about other groups for the link', () => {
    assert.deepEqual(named('Fatah Hawks were disbanded under the Oslo accords in 1995, Tanzim replaced them', 'National Liberation Army (Colombia)', 'Lashkar-e-Taiba'), [false, false]);
    assert.deepEqual(named('Al-Qaeda in Yemen merged with Al Qaeda-affiliated Saudi militants.', 'Al Qaeda in Yemen', 'Al Qaeda in the Arabian Peninsula'), [true, false]);
    assert.deepEqual(named(null, 'Al Qaeda'), [false], 'no sentence names nothing');
    assert.deepEqual(named('', 'Al Qaeda'), [false]);
  });
});
