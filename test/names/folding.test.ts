import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acronymForms, foldName, foldToken, initialsOf, jaroWinkler, editDistance, nameSegments, normaliseText, skeletonKey,
  splitCompound, tokenize, vowelLayoutDistance,
} from '../../src/names/index.js';
import { TokenClass } from '../../src/names/lexicon.js';
import { ROLE_PATRONYMIC, ROLE_SURNAME, ROLE_TITLE } from '../../src/names/tokens.js';

const sameFold = (a: string, b: string) => assert.equal(foldName(a), foldName(b), `${a} ≡ ${b}`);
const differentFold = (a: string, b: string) => assert.notEqual(foldName(a), foldName(b), `${a} ≢ ${b}`);

describe('normalisation', () => {
  it('strips diacritics, folds case and letters NFKD leaves alone', () => {
    assert.equal(normaliseText('Ḥusayn ÇELİK Øresund Straße'), 'husayn celik oresund strasse');
    assert.equal(normaliseText('ﬁnance'), 'finance');
  });
  it('drops apostrophes and ayn marks inside words, keeps the vowel an initial ayn stands for', () => {
    assert.equal(normaliseText("Sa'id Ja‘far"), 'said jafar');
    assert.equal(normaliseText('ʿbd al-Rahman'), 'abd al rahman');
    assert.equal(normaliseText("'Umar"), 'umar');
  });
  it('splits on hyphens and punctuation, joins dotted acronyms, spells out &', () => {
    assert.equal(normaliseText('Lashkar-e-Taiba'), 'lashkar e taiba');
    assert.equal(normaliseText('I.S.I.L. & Co.'), 'isil and co');
  });
  it('transliterates Arabic script, splitting the article and Abd/Allah compounds', () => {
    assert.equal(normaliseText('الحسين'), 'al hsyn');
    assert.equal(normaliseText('عبدالله'), 'abd allah');
    assert.match(normaliseText('Лашкар'), /^lashkar$/);
  });
  it('splits the conjunction and the article glued to an Arabic word (wa-al-, li-l-)', () => {
    assert.match(normaliseText('جماعة نصرة الإسلام والمسلمين'), / wa al mslmyn$/);
    assert.match(normaliseText('للدعوة'), /^al /);
    assert.equal(normaliseText('وليد'), 'wlyd', 'a word that merely starts with waw is left whole');
  });
});

describe('transliteration folding', () => {
  it('treats article and izafat particles alike (ul/al/el/ud/ash, -e-/-i-)', () => {
    sameFold('Ansar-ul-Hussain', 'Ansar al-Husayn');
    sameFold('Ansar el Hussain', 'Ansar ash-Husain');
    sameFold('Lashkar-e-Taiba', 'Lashkar-i-Taiba');
    sameFold('Jamaat-ud-Dawa', 'Jamaat al-Dawa');
  });
  it('folds doubled letters, y/i, ee/i, ou/oo/u, q/k, dh/z, ph/f, w/v', () => {
    assert.equal(foldToken('tayyiba'), foldToken('taiba'));
    assert.equal(foldToken('tehreek'), foldToken('tehrik'));
    assert.equal(foldToken('yousuf'), foldToken('yusuf'));
    assert.equal(foldToken('noor'), foldToken('nur'));
    assert.equal(foldToken('qaida'), foldToken('kaida'));
    assert.equal(foldToken('dhikr'), foldToken('zikr'));
    assert.equal(foldToken('mustapha'), foldToken('mustafa'));
    assert.equal(foldToken('wali'), foldToken('vali'));
    assert.equal(foldToken('dawlah'), foldToken('dawla'));
  });
  it('folds the Muhammad family to one key', () => {
    for (const m of ['Muhammad', 'Mohammed', 'Mohammad', 'Mohamed', 'Muhammed', 'Mohamad']) assert.equal(foldToken(normaliseText(m)), 'muhamad', m);
  });
  it('does not fold different names together', () => {
    differentFold('Lashkar-e-Taiba', 'Lashkar-e-Jhangvi');
    differentFold('Hamas', 'Hammam');
    assert.notEqual(foldToken('khan'), foldToken('kan'));
  });
  it('gives vowel variants and transpositions one consonant skeleton', () => {
    assert.equal(skeletonKey(foldToken('toiba')), skeletonKey(foldToken('taiba')));
    assert.equal(skeletonKey(foldToken('hussian')), skeletonKey(foldToken('husayn')));
    assert.equal(skeletonKey(foldToken('hsyn')), skeletonKey(foldToken('hussain')), 'Arabic script written without vowels');
    assert.notEqual(skeletonKey(foldToken('saheb')), skeletonKey(foldToken('shabi')), 'sh is one letter, not s+h');
  });
  it('writes French c before e and i as s in the skeleton (Hocine, Husayn)', () => {
    assert.equal(skeletonKey(foldToken('hocine')), skeletonKey(foldToken('husain')));
    assert.notEqual(skeletonKey(foldToken('hocane')), skeletonKey(foldToken('husain')), 'only before e and i');
  });
  it('counts a changed suffix vowel as a real difference (Arabiya is not Arabi or Arabe)', () => {
    assert.ok(vowelLayoutDistance(foldToken('arabiya'), foldToken('arabe'))! >= 2);
    assert.ok(vowelLayoutDistance(foldToken('arabiya'), foldToken('arabi'))! >= 2);
    assert.ok(vowelLayoutDistance(foldToken('islamiya'), foldToken('islami'))! >= 2);
    assert.equal(vowelLayoutDistance(foldToken('tayyiba'), foldToken('toiba')), 0, 'both end in one vowel');
  });
  it('measures how far vowel layouts are apart', () => {
    assert.equal(vowelLayoutDistance('taiba', 'toiba'), 0);
    assert.equal(vowelLayoutDistance('bakr', 'bakar'), 1);
    assert.ok(vowelLayoutDistance('almarai', 'alamir')! >= 2);
    assert.ok(vowelLayoutDistance('muhamadia', 'muhamad')! >= 2);
    assert.equal(vowelLayoutDistance('mhmd', 'muhamad'), null);
  });
  it('splits joined compounds the way they are written apart', () => {
    assert.deepEqual(splitCompound('abdulrahman'), ['abd', 'rahman']);
    assert.deepEqual(splitCompound('abdullah'), ['abd', 'allah']);
    assert.deepEqual(splitCompound('hizbullah'), ['hizb', 'allah']);
    assert.deepEqual(splitCompound('nasiruddin'), ['nasir', 'din']);
    assert.deepEqual(splitCompound('abubakar'), ['abu', 'bakar']);
    assert.equal(splitCompound('abuja'), null);
    sameFold('Abdul Rahman', 'Abdulrahman');
    sameFold('Hezbollah', 'Hezb Allah');
  });
});

describe('roles of words in a name', () => {
  const roles = (name: string) => tokenize(name).map((t) => [t.surface, t.role]);
  it('marks a father\'s name after bin/ibn/ben/ould, past a following article', () => {
    assert.deepEqual(roles('Mohammed bin Salman'), [['mohammed', 0], ['bin', 0], ['salman', ROLE_PATRONYMIC]]);
    assert.deepEqual(roles('Hajjaj bin al-Ajmi').at(-1), ['ajmi', ROLE_PATRONYMIC]);
    assert.deepEqual(roles('Ahmed ould Mohamed').at(-1), ['mohamed', ROLE_PATRONYMIC]);
  });
  it('marks honorifics before a name as titles, not where they are a name', () => {
    assert.deepEqual(roles('Hafiz Muhammad Saeed')[0], ['hafiz', ROLE_TITLE]);
    assert.deepEqual(roles('Haji Mullah Abdul Ghani').slice(0, 2), [['haji', ROLE_TITLE], ['mullah', ROLE_TITLE]]);
    assert.deepEqual(roles('Mohammad Hafeez')[1], ['hafeez', 0], 'a family name');
    assert.deepEqual(roles('Hafiz'), [['hafiz', 0]], 'alone it is the name');
    assert.deepEqual(roles('SAEED, Hafiz Muhammad')[1], ['hafiz', ROLE_TITLE], 'titles lead the given names');
  });
  it('marks the family name of a LAST, First name, but not a legal form after a comma', () => {
    assert.deepEqual(roles('SALMAN, Muhammad'), [['salman', ROLE_SURNAME], ['muhammad', 0]]);
    assert.deepEqual(roles('Acme Trading, Ltd').map((r) => r[1]), [0, 0, 0]);
    assert.deepEqual(roles('Salman Muhammad').map((r) => r[1]), [0, 0]);
  });
});

describe('tokens, abbreviations, acronyms', () => {
  it('expands abbreviations and marks them', () => {
    sameFold('Acme Intl Fdn Co', 'Acme International Foundation Company');
    sameFold('Al Noor Org', 'Al Noor Organization');
    sameFold('Global Relief Organisation', 'Global Relief Organization');
    const t = tokenize('Acme Intl');
    assert.equal(t[1]!.via, 'abbreviation');
    assert.equal(t[1]!.surface, 'intl');
  });
  it('classes particles, legal forms and frequent organisation words as light', () => {
    const cls = tokenize('Al Rashid Trading Company LLC of Karachi').map((t) => t.cls);
    // al: particle (1); rashid: word (0); trading: legal (3); company: legal; llc: legal; of: stop (2); karachi: word.
    assert.deepEqual(cls, [1, 0, 3, 3, 3, 2, 0]);
  });
  it('reads spelled-out legal forms as their short forms, classed as legal, in English and romanised Russian', () => {
    const read = (name: string) => tokenize(name).map((t) => `${t.surface}:${t.cls === TokenClass.Legal ? 'legal' : t.cls === TokenClass.Word ? 'word' : t.cls}`);
    assert.deepEqual(read('Obshchestvo s Ogranichennoi Otvetstvennostyu Plaz'), ['ooo:legal', 'plaz:word']);
    assert.deepEqual(read('Aktsionernoe Obshchestvo Sever'), ['jsc:legal', 'sever:word']);
    assert.deepEqual(read('Sever Joint Stock Company'), ['sever:word', 'jsc:legal']);
    // A legal word outside a known phrase keeps its own class.
    assert.deepEqual(read('Obshchestvo Plaz'), ['obshchestvo:legal', 'plaz:word']);
  });
  it('recognises acronyms as written and the initials they stand for', () => {
    assert.deepEqual(acronymForms('TTP'), ['ttp']);
    assert.deepEqual(acronymForms('LeT'), ['let']);
    assert.deepEqual(acronymForms('JeM'), ['jem']);
    assert.equal(acronymForms('Hamas'), null);
    assert.equal(acronymForms('Lashkar Taiba'), null);
    assert.ok(initialsOf(tokenize('Tehrik-e-Taliban Pakistan')).includes('ttp'));
    assert.ok(initialsOf(tokenize('Lashkar-e-Taiba')).includes('let'));
    assert.ok(initialsOf(tokenize('Islamic State of Iraq and the Levant')).includes('isil'));
  });
  it('reads bracketed parts as names of their own', () => {
    assert.deepEqual(nameSegments('Propaganda and Agitation Department (PAD)'), ['Propaganda and Agitation Department (PAD)', 'Propaganda and Agitation Department  ', 'PAD']);
    assert.deepEqual(nameSegments('Hamas'), ['Hamas']);
  });
  it('does not read a bracketed country as a name: it says where a branch is', () => {
    assert.deepEqual(nameSegments('AL-HARAMAIN FOUNDATION (PAKISTAN)'), ['AL-HARAMAIN FOUNDATION (PAKISTAN)', 'AL-HARAMAIN FOUNDATION  ']);
    // A three-letter bracket is an acronym far more often than a country code.
    assert.ok(nameSegments('Army of the Righteous (ARM)').includes('ARM'));
  });
});

describe('string similarities', () => {
  it('Jaro-Winkler and edit distance behave as defined', () => {
    assert.equal(jaroWinkler('martha', 'martha'), 1);
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-3);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(editDistance('hussain', 'hussian', 2), 1, 'a transposition is one edit');
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('kitten', 'sitting', 1), 2, 'gives up above max');
  });
});
