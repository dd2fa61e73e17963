/**
 * The constructions real news uses to report bans, each with sentences written for this test
 * (invented groups; real places, laws and authorities). The document date is Wednesday
 * 2021-03-10 unless a test says otherwise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from '../../src/extract/index.js';
import { DATE, triples } from './helpers.js';

const has = (text: string, expected: string[], date = DATE): void => {
  const got = triples(text, date);
  for (const e of expected) assert.ok(got.includes(e), `expected "${e}" in:\n  ${got.join('\n  ')}`);
};
const lacks = (text: string, unwanted: RegExp, date = DATE): void => {
  const got = triples(text, date);
  assert.ok(!got.some((g) => unwanted.test(g)), `unexpected ${unwanted} in:\n  ${got.join('\n  ')}`);
};
const qualifiers = (text: string, date = DATE) => extract(text, { documentDate: date }).facts.find((f) => f.predicate === 'proscribed')?.qualifiers;

describe('names with particles and joined parts stay whole', () => {
  it('keeps a lower-case particle joined to the next word', () => {
    has('The government banned Hizb ut-Nasr on Monday.', ['Hizb ut-Nasr proscribed @2021-03-08']);
    has('Hizb ut-Nasr has been proscribed in the UK since 2019.', ['Hizb ut-Nasr proscribed @2019']);
    has('The ministry banned Jamiat ul-Furqan and Sipah-i-Adl.', ['Jamiat ul-Furqan proscribed', 'Sipah-i-Adl proscribed']);
  });
  it('keeps a faction named after a spaced dash, and a joined -R- name', () => {
    has('The ministry proscribed Jeay Sindh Mahaz - Qamar Group (JSM-Q) and Sindhi Qaumi Ajoi-R-Morcha on Monday.', [
      'Jeay Sindh Mahaz - Qamar Group proscribed @2021-03-08', 'Sindhi Qaumi Ajoi-R-Morcha proscribed @2021-03-08',
    ]);
  });
});

describe('history and list sentences: every group named is a fact', () => {
  it('reads the groups a count introduces', () => {
    has('The interior ministry has so far banned 79 organisations, including Hizb ut-Nasr, Jaish-e-Qadr and the Noor Brigade.', [
      'Hizb ut-Nasr proscribed', 'Jaish-e-Qadr proscribed', 'Noor Brigade proscribed',
    ]);
  });
  it('dates each group of a past-perfect list by the month it names', () => {
    has('In May it had banned the Khuddam-e-Noor, Tanzeem-ul-Fajr and Sipah-i-Adl.', [
      'Khuddam-e-Noor proscribed @2020-05', 'Tanzeem-ul-Fajr proscribed @2020-05', 'Sipah-i-Adl proscribed @2020-05',
    ]);
  });
  it('reads a sentence of earlier bans with a year for each group', () => {
    has('Earlier bans include Tanzeem-ul-Fajr in 2012 and Khuddam-e-Noor in 2014.', [
      'Tanzeem-ul-Fajr proscribed @2012', 'Khuddam-e-Noor proscribed @2014',
    ]);
  });
  it('reads bulleted and numbered lists after a ban sentence', () => {
    has('The ministry banned three groups on Monday:\n1. Tanzeem-ul-Fajr\n2. Khuddam-e-Noor\n3. Sipah-i-Adl', [
      'Tanzeem-ul-Fajr proscribed @2021-03-08', 'Khuddam-e-Noor proscribed @2021-03-08', 'Sipah-i-Adl proscribed @2021-03-08',
    ]);
    has('The notification of Monday lists the following banned organisations:\n- Hizb ut-Nasr\n- Jaish-e-Qadr\n- Noor Brigade', [
      'Hizb ut-Nasr proscribed @2021-03-08', 'Jaish-e-Qadr proscribed @2021-03-08', 'Noor Brigade proscribed @2021-03-08',
    ]);
  });
});

describe('aliases and fronts declared with a ban', () => {
  it('reads the names a group also operates under', () => {
    has('The Home Office proscribed the Iron Falcon Movement, which also operates as Falcon Youth and the Steel Guard.', [
      'Iron Falcon Movement proscribed', 'Iron Falcon Movement alias Falcon Youth', 'Iron Falcon Movement alias Steel Guard',
    ]);
  });
  it('reads a renaming as succession', () => {
    has('The Tanzeem-ul-Fajr renamed itself Khuddam-e-Noor in 2019.', ['Khuddam-e-Noor successor_of Tanzeem-ul-Fajr']);
  });
});

describe('delisting and revocation', () => {
  it('takes the group, not the schedule, as what was removed', () => {
    has('Jaish-e-Qadr was removed from the First Schedule on Monday.', ['Jaish-e-Qadr delisted @2021-03-08']);
    lacks('Jaish-e-Qadr was removed from the First Schedule on Monday.', /^First Schedule/);
  });
  it('reads lifting, revocation and de-proscription', () => {
    has('The government lifted the ban on Tanzeem-ul-Fajr last month.', ['Tanzeem-ul-Fajr delisted @2021-02']);
    has('The State Department revoked the designation of the Noor Brigade as a Foreign Terrorist Organization on Monday.', ['Noor Brigade delisted @2021-03-08']);
    has('The Iron Falcon Movement was de-proscribed in 2019.', ['Iron Falcon Movement delisted @2019']);
  });
});

describe('analysis pieces: only organisations are banned', () => {
  it('does not make a community or a people the subject of a ban', () => {
    lacks('Pakistani Shia have been banned from entering the shrine, Dawn reported.', /proscribed/);
    lacks('The Baloch have long been banned from protesting in Quetta.', /proscribed/);
  });
});

describe('the designation language of each regime', () => {
  it('reads a US designation as FTO and SDGT', () => {
    has('The State Department designated the Noor Brigade as a Foreign Terrorist Organization and Specially Designated Global Terrorist on Tuesday.', ['Noor Brigade proscribed @2021-03-09']);
    assert.equal(qualifiers('The State Department designated the Noor Brigade as a Foreign Terrorist Organization on Tuesday.')?.jurisdiction, 'US');
  });
  it('does not date a UK ban by the day its order was laid', () => {
    lacks('The Home Secretary laid an order to proscribe the Iron Falcon Movement on Monday.', /proscribed @2021-03-08/);
  });
  it('reads India, Canada and the EU', () => {
    has('The Centre declared the Jammu Freedom Front a terrorist organisation under the UAPA on Monday.', ['Jammu Freedom Front proscribed @2021-03-08']);
    assert.equal(qualifiers('The Centre declared the Jammu Freedom Front a terrorist organisation under the UAPA on Monday.')?.jurisdiction, 'IN');
    has('The Noor Brigade was listed as a terrorist entity under the Criminal Code on Wednesday.', ['Noor Brigade proscribed @2021-03-10']);
    has('The Council of the EU added the Steel Guard to the EU terrorist list on the 7th.', ['Steel Guard proscribed @2021-03-07']);
  });
});

describe('relations across sentences', () => {
  it('reads what "the outfit" is of the group just named', () => {
    has('Police arrested members of Tanzeem-ul-Fajr in Quetta. The outfit is an offshoot of Jaish-e-Qadr.', ['Tanzeem-ul-Fajr offshoot_of Jaish-e-Qadr']);
    has('Tanzeem-ul-Fajr was founded in 2010 in Quetta. The group was banned in 2019 by the interior ministry.', ['Tanzeem-ul-Fajr proscribed @2019']);
  });
});

describe('relative dates', () => {
  it('resolves last month, earlier this year, the 7th and with immediate effect', () => {
    has('The government lifted the ban on Tanzeem-ul-Fajr last month.', ['Tanzeem-ul-Fajr delisted @2021-02']);
    has('The interior ministry banned Khuddam-e-Noor earlier this year.', ['Khuddam-e-Noor proscribed @2021']);
    has('The interior ministry banned Khuddam-e-Noor on the 7th.', ['Khuddam-e-Noor proscribed @2021-03-07']);
    has('The interior ministry banned Khuddam-e-Noor on the 27th.', ['Khuddam-e-Noor proscribed @2021-02-27']);
    has('Khuddam-e-Noor has been banned with immediate effect, a notification said.', ['Khuddam-e-Noor proscribed @2021-03-10']);
  });
  it('dates a ban by its effective date rather than the day it was reported', () => {
    has('The ministry on Monday notified the ban on Khuddam-e-Noor, effective from March 1.', ['Khuddam-e-Noor proscribed @2021-03-01']);
  });
});

describe('lists in the shapes official statements use', () => {
  it('reads the groups a copula lists, each with its own date', () => {
    has('The designated groups are: Tren Blanco, Mara Norte, the Noor Brigade and La Nueva Guardia.', [
      'Tren Blanco proscribed', 'Mara Norte proscribed', 'Noor Brigade proscribed', 'La Nueva Guardia proscribed',
    ]);
    has('Another three groups were banned after a long gap – Tanzeem-ul-Fajr and Khuddam-e-Noor on June 30, 2008, and Sipah-i-Adl on Aug 25, 2008.', [
      'Khuddam-e-Noor proscribed @2008-06-30', 'Sipah-i-Adl proscribed @2008-08-25',
    ]);
  });
  it('reads sublists under their headings, with the tie each heading states', () => {
    has('Canada has also listed as terrorist entities: two Noor Brigade affiliates: Tanzeem-ul-Fajr and Khuddam-e-Noor; three Jaish-e-Qadr affiliates: Sipah-i-Adl, Hizb ut-Nasr, and the Steel Guard.', [
      'Tanzeem-ul-Fajr proscribed @2021-03-10', 'Steel Guard proscribed @2021-03-10',
      'Tanzeem-ul-Fajr affiliated_with Noor Brigade', 'Khuddam-e-Noor affiliated_with Noor Brigade', 'Sipah-i-Adl affiliated_with Jaish-e-Qadr',
    ]);
    lacks('Canada has also listed as terrorist entities: two Noor Brigade affiliates: Tanzeem-ul-Fajr and Khuddam-e-Noor; three Jaish-e-Qadr affiliates: Sipah-i-Adl, Hizb ut-Nasr, and the Steel Guard.', /Sipah-i-Adl affiliated_with Noor Brigade/);
  });
  it('keeps a list going past a place that qualifies one of its names, and over an adjective before the noun', () => {
    has('The Centre banned eight associated organisations including Rehab Welfare Trust, Kerala, Noor Women’s Front and the Junior Front.', [
      'Rehab Welfare Trust proscribed', 'Noor Women’s Front proscribed', 'Junior Front proscribed',
    ]);
    has('The notice also designated the white supremacist paramilitary organisation The Iron Column as a terrorist entity.', ['The Iron Column proscribed']);
  });
  it('takes the names before an apposition as the subject of a passive ban', () => {
    has('Two others, Tanzeem-ul-Fajr (TuF) and Sipah-i-Adl (SiA), militant outfits of Jaish-e-Qadr and Hizb ut-Nasr respectively, were banned on Aug 14, 2001.', [
      'Tanzeem-ul-Fajr proscribed @2001-08-14', 'Sipah-i-Adl proscribed @2001-08-14',
    ]);
    lacks('Two others, Tanzeem-ul-Fajr (TuF) and Sipah-i-Adl (SiA), militant outfits of Jaish-e-Qadr and Hizb ut-Nasr respectively, were banned on Aug 14, 2001.', /^Hizb ut-Nasr proscribed/);
  });
});

describe('names the chunker keeps whole', () => {
  it('reads franchises, names that go on after a dash, All-names and councils of non-state bodies', () => {
    has('The designated groups are: Noor Cartel - New Generation, Islamic State in Arcadia and Islamic State - Bangladesh.', [
      'Noor Cartel - New Generation proscribed', 'Islamic State in Arcadia proscribed', 'Islamic State - Bangladesh proscribed',
    ]);
    has('The Centre banned the All Sindh Ulema Council on Monday.', ['All Sindh Ulema Council proscribed @2021-03-08']);
    has('Israel banned the Noor Center for Research and Development on Monday.', ['Noor Center for Research and Development proscribed @2021-03-08']);
    lacks('Fighters of ISIS in Syria were killed.', /ISIS in Syria/);
  });
  it('keeps a bracketed capital acronym that spells a word', () => {
    has('The group recruits men to fight the militant organisation Islamic State (IS).', ['Islamic State alias IS']);
  });
});

describe('dates that belong to other things', () => {
  it('ignores an agency dateline', () => {
    has('Ottawa [Canada], March 4 (ANI): Canada has formally designated the Noor Brigade -- an all-male militant group -- as a terrorist entity on Wednesday.', ['Noor Brigade proscribed @2021-03-03'], '2021-03-04');
  });
  it('reads a statement dated by its own dateline', () => {
    has('Statement on the Noor Brigade\n\nMarch 1, 2021\n\nToday, the State Department announces the designation of the Noor Brigade as an FTO.', ['Noor Brigade proscribed @2021-03-01']);
  });
  it('carries the year of the sentence to a day named without one', () => {
    has('Jaish-e-Qadr was outlawed on Jan 14, 2002, followed by the ban on the shia Sipah-i-Adl on Jan 28.', ['Sipah-i-Adl proscribed @2002-01-28']);
    has('In August and November 2003, the government added the names of Tanzeem-ul-Fajr and Khuddam-e-Noor to the list of proscribed organisations.', [
      'Tanzeem-ul-Fajr proscribed @2003-08/2003-11', 'Khuddam-e-Noor proscribed @2003-08/2003-11',
    ]);
  });
  it('dates a ban decided for a day to come by that day', () => {
    has('The order banning Khuddam-e-Noor will come into effect on Thursday.', ['Khuddam-e-Noor proscribed @2021-03-11']);
    has('From Thursday the Noor Brigade will be banned under the Terrorism Act 2000.', ['Noor Brigade proscribed @2021-03-11'], '2021-03-09');
    lacks('The government plans to ban the Noor Brigade on Thursday.', /proscribed/);
  });
  it('dates a second ban reported with "also" by the first', () => {
    has('The ministry banned Jaish-e-Qadr on Tuesday. The Centre also banned two associated organisations including Sipah-i-Adl and the Steel Guard.', [
      'Sipah-i-Adl proscribed @2021-03-09', 'Steel Guard proscribed @2021-03-09',
    ]);
  });
});

describe('who bans, and other names', () => {
  it('takes a country that acts as the jurisdiction', () => {
    assert.equal(qualifiers('New Zealand has declared the American group the Noor Brigade as a terrorist entity.')?.jurisdiction, 'NZ');
  });
  it('reads the other names an order covers', () => {
    has('The Iron Falcon Movement was banned in 2019. The order also covers the group\'s other names, Falcon Youth and the Steel Guard.', [
      'Iron Falcon Movement alias Falcon Youth', 'Iron Falcon Movement alias Steel Guard',
    ]);
  });
  it('reads removal from a named list and a ban that lapsed', () => {
    has('OFAC removed the Noor Brigade from the SDN list on Monday.', ['Noor Brigade delisted @2021-03-08']);
    has('The ban on the Noor Brigade lapsed in 2019.', ['Noor Brigade delisted @2019']);
    lacks('The ban on the Noor Brigade lapsed in 2019.', /proscribed/);
  });
  it('does not take a region written as J&K for a group', () => {
    lacks('The Centre declared the Tehreek-e-Noor, J&K (TeN) an unlawful association on Monday.', /^J&K/);
  });
});

describe('official notices and histories', () => {
  it('reads a numbered notice whose items carry their own effective dates and spellings', () => {
    has('The Federal Government has placed the following organisations on the First Schedule:\n\n1. All Sindh Noor Sangat (ASNS), with effect from 16th March, 2026;\n2. Ansar-R-Qadr, also spelt Ansar-ur-Qadr, with effect from 17th March, 2026.\n\n2. The Ministry has reasons for this.', [
      'All Sindh Noor Sangat proscribed @2026-03-16', 'Ansar-R-Qadr proscribed @2026-03-17', 'Ansar-R-Qadr alias Ansar-ur-Qadr',
    ], '2026-03-18');
  });
  it('finds the names after a describing phrase, and does not date a ban by the day it was reported', () => {
    has('Pakistan has banned three militant groups active in its northwest, namely Jamaat Noor-ul-Sarhad, Lashkar-e-Qadr and Tehreek-i-Adl-o-Insaf, the interior ministry said on Monday. A ministry notification dated Saturday said the three had been placed on the First Schedule.', [
      'Jamaat Noor-ul-Sarhad proscribed @2025-03-01', 'Lashkar-e-Qadr proscribed @2025-03-01', 'Tehreek-i-Adl-o-Insaf proscribed @2025-03-01',
    ], '2025-03-03');
  });
  it('reads object relatives, re-listings, bans that lapsed and lists struck off', () => {
    has('The Noor Front is a re-formed version of Akal Qadr Dal, which India banned as an unlawful association in 2004. That ban lapsed in 2014.', [
      'Akal Qadr Dal proscribed @2004', 'Akal Qadr Dal delisted @2014',
    ]);
    lacks('The Noor Front is a re-formed version of Akal Qadr Dal, which India banned as an unlawful association in 2004.', /founded/);
    has('Australia, which listed Akal Qadr Dal in 2005, struck it off its list of terrorist organisations in 2012.', ['Akal Qadr Dal proscribed @2005']);
    has('The Government has also re-listed Saraya Ahl al-Noor as a terrorist organisation. The group was first listed in February 2023.', ['Saraya Ahl al-Noor proscribed @2023-02']);
    has('The listing of Harakat Thuwwar al-Noor, first made in 2017, lapsed on the 1st.', ['Harakat Thuwwar al-Noor proscribed @2017', 'Harakat Thuwwar al-Noor delisted @2021-03-01']);
  });
  it('reads an order laid now and in force later, and another name it recognises', () => {
    has('The Home Secretary has laid an order in Parliament to proscribe the Iron Wolf Brotherhood. Subject to approval by both Houses, the order will come into force on 24 January 2025. The order also specifies that Steel Wolves is another name for the Iron Wolf Brotherhood.', [
      'Iron Wolf Brotherhood proscribed @2025-01-24', 'Iron Wolf Brotherhood alias Steel Wolves',
    ], '2025-01-20');
  });
  it('reads a history told with counts, ranges and intervals', () => {
    has('Among the groups on the list are the Zamin Defence Army, proscribed in 2019, and the Makran Front, added in 2020.', ['Zamin Defence Army proscribed @2019', 'Makran Front proscribed @2020']);
    has('Since then, Islamabad has proscribed at least six Baloch groups, from the Zamin Defence Army to the Makran Front.', ['Zamin Defence Army proscribed', 'Makran Front proscribed']);
    lacks('Since then, Islamabad has proscribed at least six Baloch groups, from the Zamin Defence Army to the Makran Front.', /@/);
    has('The Tehreek-e-Adl, banned in 2016, simply reappeared as the Adl Front.', ['Tehreek-e-Adl proscribed @2016', 'Adl Front successor_of Tehreek-e-Adl']);
    has('The ministry banned the Zamin Army in 2019 and the Sarmachar Front two years later.', ['Zamin Army proscribed @2019', 'Sarmachar Front proscribed @2021']);
    // Months counted from a day give a month; from a bare year, the span of months they could be.
    has('The Zamin Army was banned on 3 March 2019, and the ban was lifted six months later.', ['Zamin Army proscribed @2019-03-03', 'Zamin Army delisted @2019-09']);
    has('The Zamin Army was first outlawed in 2019 and the ban was lifted six months later.', ['Zamin Army delisted @2019-07/2020-06'], '2025-10-24');
  });
  it('reads the entries of a sanctions list quoted in a release', () => {
    const text = 'On 1 April 2026, the Committee approved the addition of the entry specified below to its Sanctions List.\n\nQDe.901 Name: JABHAT AL-NOOR WAL-QADR\nA.k.a.: a) Light and Power Front b) Ansar al-Qadr c) JNQ F.k.a.: na Address: na Listed on: 1 Apr. 2026 Other information: Associated with Al-Qaida (QDe.004).\n\nThe Committee also approved the removal of HARAKAT NOOR AL-WADI from its Sanctions List.';
    has(text, ['JABHAT AL-NOOR WAL-QADR proscribed @2026-04-01', 'JABHAT AL-NOOR WAL-QADR alias Ansar al-Qadr', 'JABHAT AL-NOOR WAL-QADR alias JNQ', 'JABHAT AL-NOOR WAL-QADR affiliated_with Al-Qaida', 'HARAKAT NOOR AL-WADI delisted'], '2026-04-03');
  });
});

describe('relations and names the news states in passing', () => {
  it('reads a wing named after "its", and an acronym used for a named group', () => {
    has('The government banned Jamaat ud Noor (JuN) and its humanitarian arm, Falah-e-Noor Foundation (FNF), on March 5.', ['Falah-e-Noor Foundation offshoot_of Jamaat ud Noor']);
    has('The ministry said the Popular Noor Front has been banned. It also said PNF is instigating violence.', ['Popular Noor Front alias PNF']);
  });
  it('does not read a describing participle or an executive order as a tie or a group', () => {
    lacks('The government moved to take over the paraphernalia associated with Jaish-e-Qadr across the country.', /affiliated_with/);
    const r = extract('OFAC designated the Noor Relief Trust pursuant to Executive Order 13224 on Monday.', { documentDate: DATE });
    assert.equal(r.entities.find((e) => e.name === 'Executive Order')?.kind ?? 'law', 'law');
  });
  it('keeps the country after a comma out of where a group is', () => {
    has('The Noor Jatha is a Sikh militant group based in Punjab, India.', ['Noor Jatha based_in Punjab']);
    lacks('The Noor Jatha is a Sikh militant group based in Punjab, India.', /based_in India/);
  });
});

describe('entries of a list, and names from other languages', () => {
  it('reads an entry headed by a group\'s name', () => {
    const text = 'This document lists organisations proscribed under the Terrorism Act 2000.\n\nNoor Reckoning\nProscribed on 5 June 2026. Formed in 2024 by former members of the Grey Noor Collective. The proscription order also covers the names Reckoning 77 and Blue Rose Resistance.\n\nDeproscribed organisations\n\n- Sikh Noor Lehar (SNL): proscribed in March 2001; deproscribed on 9 September 2026.';
    has(text, [
      'Noor Reckoning proscribed @2026-06-05', 'Noor Reckoning alias Blue Rose Resistance',
      'Sikh Noor Lehar proscribed @2001-03', 'Sikh Noor Lehar delisted @2026-09-09',
    ], '2026-10-02');
  });
  it('keeps French and Spanish particles inside a name', () => {
    has('The Secretary of State has revoked the Foreign Terrorist Organization (FTO) designation of the Front pour la Libération de l\'Azur (FLA).', ['Front pour la Libération de l\'Azur delisted']);
    has('The Department of State is designating Los Hijos de la Montaña as an FTO.', ['Los Hijos de la Montaña proscribed @2021-03-10']);
  });
  it('does not take talk of a ban for one', () => {
    lacks('Ministers spoke last year of banning the Noor Party, the largest opposition party.', /proscribed/);
  });
});

describe('press releases: headlines, companies, people named with their role', () => {
  it('takes from a headline only the names its text repeats', () => {
    const text = 'Treasury Sanctions Gulf-Based Financiers of Noor Azadi Lashkar; Removes Dissolved Trust from List\n\nToday, OFAC sanctioned two financiers of the Noor Azadi Lashkar, a group based in Balochistan.';
    const names = extract(text, { documentDate: DATE }).entities.map((e) => e.name);
    assert.ok(names.includes('Noor Azadi Lashkar'), names.join(', '));
    assert.ok(!names.some((n) => /Treasury Sanctions|Removes Dissolved/.test(n)), names.join(', '));
  });
  it('keeps a company name whole up to its legal form, and dates it by the act the lead reported', () => {
    const text = 'Today, OFAC sanctioned a Dubai-based trading company.\n\nOFAC designated Gwadar Noor General Trading LLC pursuant to E.O. 13224.';
    has(text, ['Gwadar Noor General Trading LLC proscribed @2021-03-10']);
  });
  it('makes a name followed by its role in a group a person and a member, not a designated group', () => {
    const text = 'OFAC also designated Shahdad Noori, NAL\'s chief fundraiser in the Gulf, and Naseer Ahmed Noorzai, a NAL commander who directed the March 2020 bombing in Turbat. The Noor Azadi Lashkar (NAL) is based in Balochistan.';
    has(text, ['Shahdad Noori member_of Noor Azadi Lashkar', 'Naseer Ahmed Noorzai member_of Noor Azadi Lashkar']);
    lacks(text, /Noor(i|zai) proscribed|Lashkar proscribed/);
  });
  it('dates a designation by its own date, not by a possessive "today" or an event in a relative clause', () => {
    has('Today\'s action builds on the Department of State\'s designation of the Noor Azadi Lashkar, including its alias Fidayeen-e-Noor, as a Foreign Terrorist Organization on August 11, 2020.', [
      'Noor Azadi Lashkar proscribed @2020-08-11', 'Noor Azadi Lashkar alias Fidayeen-e-Noor',
    ]);
  });
  it('refers back with "the foundation" to a foundation and with "the group" past a company', () => {
    const text = 'OFAC designated Nur al-Noor Charitable Foundation for acting for Jund al-Noor. The foundation, which is registered in Gaziantep, operates as a front for Jund al-Noor. OFAC also designated Dar al-Noor Exchange Company, a Gaziantep-based money services business. Today\'s action further targets the group\'s leader, Abu Hafs al-Noori, and its finance chief, Marwan Sa\'id Noori. Jund al-Noor is a militant group.';
    has(text, [
      'Nur al-Noor Charitable Foundation front_for Jund al-Noor', 'Nur al-Noor Charitable Foundation based_in Gaziantep', 'Dar al-Noor Exchange Company based_in Gaziantep',
      'Abu Hafs al-Noori member_of Jund al-Noor', 'Marwan Sa\'id Noori member_of Jund al-Noor',
    ]);
    lacks(text, /member_of Dar al-Noor/);
  });
  it('reads where a group named before a relative clause operates, and aliases added to a designation', () => {
    const text = 'OFAC designated two entities that raise money for Jund al-Noor, a U.S.-designated Foreign Terrorist Organization that operates in eastern Syria. The Department of State is amending the designation of Jund al-Noor to add the aliases Noor Brigades and Sawa\'iq al-Noor.';
    has(text, ['Jund al-Noor operates_in Syria', 'Jund al-Noor alias Noor Brigades', 'Jund al-Noor alias Sawa\'iq al-Noor']);
    lacks(text, /^S /);
  });
  it('dates a removal in progress by the release', () => {
    has('OFAC is also removing the Noor Relief Trust from the SDN List.', ['Noor Relief Trust delisted @2021-03-10']);
  });
});

describe('enumerations of groups and what the text then says of all of them', () => {
  it('keeps "and" and "for" inside the names of a list that closes with ", and", dates it by the lead, and reads "these organizations"', () => {
    const text = 'Chile on Friday listed four Noori charities as terrorist organizations.\n\nThe Chilean interior ministry banned four groups, including the Noor Prisoner Support and Human Rights, Al-Noor, Defense for Children Noor, and the Union of Noori Committees.\n\nThese groups are said to be fronts for the Popular Front for the Liberation of Noor (PFLN).';
    has(text, [
      'Noor Prisoner Support and Human Rights proscribed @2021-03-05', 'Defense for Children Noor proscribed @2021-03-05', 'Union of Noori Committees proscribed @2021-03-05',
      'Al-Noor front_for Popular Front for the Liberation of Noor', 'Defense for Children Noor front_for Popular Front for the Liberation of Noor',
    ]);
  });
  it('reads the second of "X (XA) and the Y were proscribed", a name that "also operates as" another past a relative clause, and "among its aliases"', () => {
    const text = 'The Mehran Noor Fauj (MNF) and the Sindh Noor Sangat were proscribed on 19 June 2020. The MNF, which attacks railway lines around Jamshoro, also operates as the Sindh Noor Lashkar. Washington designated the Makoran Noor Lashkar last August and listed Fidayeen-e-Noor among its aliases.';
    has(text, ['Mehran Noor Fauj proscribed @2020-06-19', 'Sindh Noor Sangat proscribed @2020-06-19', 'Mehran Noor Fauj alias Sindh Noor Lashkar', 'Makoran Noor Lashkar alias Fidayeen-e-Noor', 'Mehran Noor Fauj operates_in Jamshoro']);
  });
  it('bans the companions of a ban on its date, and lets a ruling on a ban date nothing', () => {
    const text = 'German court upholds ban on neo-Nazi Nordnoor, overturns ban on mosque association\n\nThe Federal Ministry of the Interior banned Nordnoor, which also used the name Sturmnoor, in September 2023 under the Associations Act, together with its youth organisation, Junge Noormänner.';
    has(text, ['Nordnoor proscribed @2023-09', 'Junge Noormänner proscribed @2023-09', 'Junge Noormänner offshoot_of Nordnoor', 'Nordnoor alias Sturmnoor'], '2025-09-23');
    lacks(text, /delisted|@2025-09-23/, '2025-09-23');
  });
});

describe('bans worded as prohibitions, and short names in brackets', () => {
  it('reads "prohibited the suborganization X" and a one-word name in brackets that the text goes on to use', () => {
    const text = 'On November 2, 2020, the Federal Ministry of the Interior issued bans on the Noori Prisoner Network (Noorun) and its work in Germany. Furthermore, it prohibited the suborganization Noorun Germany and wound it up. The ministry says Noorun backs violence.';
    has(text, ['Noorun alias Noori Prisoner Network', 'Noorun proscribed @2020-11-02', 'Noorun Germany proscribed']);
  });
});

describe('orders that add names to a banned group', () => {
  it('reads names an order recognises as aliases as banned from the day it takes effect, and "already proscribed as" as aliases', () => {
    const text = 'Ministers say three new names are covers for the banned network al-Noorun.\n\nThat network was outlawed in 2010, when it also used the name Noor4UK.\n\nA minister said the order, which will from tomorrow recognise the Need4Noor, the Noor Project and the Islamic Noor Association as aliases of the group already proscribed as both al-Noorabaa and The Noor Sect, was laid in Parliament.';
    has(text, [
      'al-Noorun alias Noor4UK', 'al-Noorun alias al-Noorabaa', 'al-Noorun alias The Noor Sect', 'al-Noorun alias Need4Noor',
      'Need4Noor proscribed @2014-06-27', 'Noor Project proscribed @2014-06-27',
    ], '2014-06-26');
    lacks(text, /al-Noorabaa proscribed|Noor Sect proscribed/, '2014-06-26');
  });
  it('keeps "to" inside names of a list that closes with ", and", and does not date a ban by the day it was announced', () => {
    const text = 'The network will be outlawed, the interior minister announced today. Its ban takes effect on Thursday. From Thursday it will be banned under the names Call to Noor, Noor4UK, Noor Path, and London School of Noor.';
    has(text, ['Call to Noor proscribed @2010-01-14', 'London School of Noor proscribed @2010-01-14'], '2010-01-12');
    lacks(text, /@2010-01-12/, '2010-01-12');
  });
});

describe('statements the news makes in passing about leaders, wings and listings', () => {
  it('reads leaders through "headed by" past their description and "who was succeeded by"', () => {
    has('The Noor Hurriyat was once headed by veteran exiled leader Syed Ali Noor Shah, who was succeeded by Masarat Noor Bhat.', [
      'Ali Noor Shah member_of Noor Hurriyat', 'Masarat Noor Bhat member_of Noor Hurriyat',
    ]);
  });
  it('reads "the military wing of X, Y", a listing "by Australia since 2003", and an announced listing dated by the lead', () => {
    const text = 'Australia on Thursday moved to list the Noor movement in full.\n\nIt had long listed the armed wing of Noor Hamas, Al Noor Brigades, as a terrorist group.\n\nAl Noor Brigades has been listed by Australia since 2003.\n\nAustralia also announced the listing Hurras Al Noor and the National Noor Order as terrorist organisations under the Criminal Code.';
    has(text, ['Al Noor Brigades offshoot_of Noor Hamas', 'Al Noor Brigades proscribed @2003', 'Hurras Al Noor proscribed @2022-02-17', 'National Noor Order proscribed @2022-02-17'], '2022-02-17');
  });
});

describe('designation notices in the wording of smaller jurisdictions', () => {
  it('reads groups described after an article, where a network is run from, where an armed group is, and a designation that expired', () => {
    const text = 'New Zealand has designated two extreme right-wing groups, the home-grown Kauri Noor Guard and the online network Saxon Noor, as terrorist entities under the Terrorism Suppression Act 2002.\n\nSaxon Noor, run largely from the United States, recruits teenagers online.\n\nThe Prime Minister has renewed the designation of Jund al-Noor, an armed group in Syria and Iraq.\n\nThe designation of Jamaah Noor Jihad Poso, an Indonesian militant cell, expired on the 9th.';
    has(text, [
      'Kauri Noor Guard proscribed @2026-08-12', 'Saxon Noor proscribed @2026-08-12', 'Saxon Noor based_in United States',
      'Jund al-Noor operates_in Syria', 'Jund al-Noor operates_in Iraq', 'Jamaah Noor Jihad Poso delisted @2026-08-09',
    ], '2026-08-12');
    lacks('In May the regional government imposed a ban on the entry of NLF leader Amir Noor into the region.', /NLF proscribed|proscribed/);
  });
});

describe('one group, several states', () => {
  it('reads a second participle of the same subject with its own date and agent, and a ban in a relative clause after a description', () => {
    const text = 'New Zealand has not designated Thule Noor, the British neo-Nazi group that the United Kingdom proscribed in June. Saxon Noor was proscribed by Britain in 2023 and listed by Canada a year later.';
    has(text, ['Saxon Noor proscribed @2023', 'Saxon Noor proscribed @2024', 'Thule Noor proscribed @2026-06'], '2026-08-12');
    const bans = extract(text, { documentDate: '2026-08-12' }).facts.filter((f) => f.predicate === 'proscribed' && f.rule.startsWith('proscribed.passive'));
    assert.deepEqual(bans.map((f) => [f.date, f.qualifiers.jurisdiction]), [['2023', 'GB'], ['2024', 'CA']]);
  });
});

describe('numbered lists of a group\'s affiliates', () => {
  it('reads every numbered item, with a town after a comma, as banned and as an affiliate of the group whose affiliates they are', () => {
    const text = 'The Centre has declared the Hyderabad-based Noor Unity Forum (NUF) and eight of its affiliates unlawful associations under the Unlawful Activities (Prevention) Act.\n\nThe affiliates named in the notification are:\n\n1. Noor Students\' Movement (NSM)\n2. Al-Noor Educational Trust, Hyderabad\n3. Insaf Noor Foundation (INF), Bengaluru\n4. Deccan Noor Mission (DNM)';
    has(text, [
      'Al-Noor Educational Trust proscribed', 'Insaf Noor Foundation proscribed', 'Deccan Noor Mission proscribed',
      'Noor Students\' Movement affiliated_with Noor Unity Forum', 'Deccan Noor Mission affiliated_with Noor Unity Forum',
    ].map((t) => t), '2026-11-17');
  });
});

