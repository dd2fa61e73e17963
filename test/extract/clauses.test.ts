import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from '../../src/extract/index.js';
import { DATE, triples } from './helpers.js';

describe('clause structure around cues', () => {
  it('reads a list in apposition to a counted noun as the objects of the ban', () => {
    const t = triples('The ministry has banned two more organisations, Jamaat-e-Example and Tanzeem-e-Sample, under the Anti-Terrorism Act.');
    assert.ok(t.includes('Jamaat-e-Example proscribed @2021-03-10'), t.join('\n'));
    assert.ok(t.includes('Tanzeem-e-Sample proscribed @2021-03-10'), t.join('\n'));
  });

  it('finds the principal of a front behind an adverb', () => {
    assert.ok(triples('Officials said Lashkar-e-Sample was a front for the already proscribed Jaish-e-Example.').includes('Lashkar-e-Sample front_for Jaish-e-Example'));
  });

  it('does not date a founding with the date of a later clause about something else', () => {
    const t = triples('The Example Front emerged after the Sample Army was outlawed in August 2016.');
    assert.ok(!t.some((x) => x.startsWith('Example Front founded')), t.join('\n'));
    assert.ok(triples('The Example Front emerged in 2017 in Mali.').includes('Example Front founded @2017'));
  });

  it('gives the subject of the clause, not a name in its apposition, the relation', () => {
    const t = triples('The Example Brotherhood, formerly called the Sample Network, recruits young men in Ontario.');
    assert.ok(t.includes('Example Brotherhood recruits_in Ontario'), t.join('\n'));
    assert.ok(!t.includes('Sample Network recruits_in Ontario'));
    assert.ok(t.includes('Example Brotherhood successor_of Sample Network'));
  });

  it('takes the names a verb governs, not those of an apposition after it', () => {
    const t = triples('The ministry declared the Example Guard, an offshoot of Hizb-e-Sample, a terrorist organisation.');
    assert.ok(t.some((x) => x.startsWith('Example Guard proscribed')), t.join('\n'));
    assert.ok(!t.some((x) => x.startsWith('Hizb-e-Sample proscribed')), t.join('\n'));
    assert.ok(t.includes('Example Guard offshoot_of Hizb-e-Sample'));
  });

  it('dates a presence from `since` right after its places, and only from there', () => {
    assert.ok(triples('The Example Front has operated in Iraq since 2014.').includes('Example Front operates_in Iraq @2014'));
    assert.ok(triples('The Example Front has operated in Iraq, officials said in 2014.').includes('Example Front operates_in Iraq'));
  });

  it('reads a passive with an adverb between auxiliary and participle', () => {
    assert.ok(triples('The Example Movement was first banned in 2001.').includes('Example Movement proscribed @2001'));
  });
});

describe('names in unusual shapes', () => {
  it('keeps a mixed-case acronym that spells a small word as an alias', () => {
    const r = extract('Harakat al-Example, also known as HaS, is a splinter of Kataib Sample.', { documentDate: DATE });
    const e = r.entities.find((x) => x.name === 'Harakat al-Example');
    assert.ok(e?.names.includes('HaS'), JSON.stringify(r.entities));
  });

  it('takes a council with a militant word for a group, and a minister of a portfolio for an authority', () => {
    const r = extract('The department revoked the terrorist designation of the Popular Resistance Council, the Minister of Public Safety said.', { documentDate: DATE });
    const kind = (name: string) => r.entities.find((x) => x.name === name)?.kind;
    assert.equal(kind('Popular Resistance Council'), 'organisation');
    assert.equal(kind('Minister of Public Safety'), 'authority');
    assert.ok(r.facts.some((f) => f.predicate === 'delisted' && r.entities.find((x) => x.id === f.subject)?.name === 'Popular Resistance Council'));
    const state = extract('The Security Council met on Monday.', { documentDate: DATE });
    assert.equal(state.entities.find((x) => x.name === 'Security Council')?.kind, 'authority');
  });
});

describe('what is not a fact yet, or not of today', () => {
  it('reads a lifting announced for later as no lifting', () => {
    assert.ok(!triples('The election commission will also denotify the Example Movement on orders of the court.').some((x) => x.includes('delisted')));
  });

  it('does not date a standing ban with the article date', () => {
    const t = triples('The Example Front is already proscribed under another name.');
    assert.ok(t.includes('Example Front proscribed'), t.join('\n'));
  });

  it('keeps a sentence-initial preposition out of a law\'s name', () => {
    const r = extract('Under the Terrorism Act 2000, the Example Front was banned on Monday.', { documentDate: DATE });
    assert.ok(r.entities.some((e) => e.kind === 'law' && e.name === 'Terrorism Act, 2000'), JSON.stringify(r.entities));
  });

  it('takes a capitalised creed adjective for no organisation', () => {
    const r = extract('The Islamist group which marched through the town will be banned, the Home Secretary said.', { documentDate: DATE });
    assert.ok(!r.entities.some((e) => e.name === 'Islamist'), JSON.stringify(r.entities));
  });
});

describe('lists and list names', () => {
  it('reads a named list with words between the article and the list noun', () => {
    assert.ok(triples('Member states on Friday added the neo-Nazi movement The Example Base to the EU Terrorist List.').some((x) => x.startsWith('Example Base proscribed') || x.startsWith('The Example Base proscribed')));
  });

  it('takes the names that follow a count of groups placed on a list', () => {
    const t = triples('The government has placed 13 new groups on the Criminal Code list of terrorist entities, including four extremist groups: Example Division, the Sample Order and Northern Example Movement.');
    for (const name of ['Example Division', 'Sample Order', 'Northern Example Movement']) assert.ok(t.some((x) => x.includes(`${name} proscribed`)), `${name}: ${t.join('\n')}`);
  });

  it('reads "the Centre" as the government that bans, not a group', () => {
    const r = extract('The Centre also banned the Example Front on Tuesday.', { documentDate: DATE });
    assert.equal(r.entities.find((e) => e.name === 'Centre')?.kind, 'authority');
    assert.ok(r.facts.some((f) => f.predicate === 'proscribed' && r.entities.find((e) => e.id === f.subject)?.name === 'Example Front'));
  });
});

describe('objects described before they are named', () => {
  it('reads past a nationality and a counted noun to the names', () => {
    const t = triples('The ministry outlawed six Pakistani organisations, including Jamaat-e-Example, Tanzeem-e-Sample and the Example Relief Trust.');
    for (const name of ['Jamaat-e-Example', 'Tanzeem-e-Sample', 'Example Relief Trust']) assert.ok(t.some((x) => x.startsWith(`${name} proscribed`)), `${name}: ${t.join('\n')}`);
  });

  it('reads a ban on the activities of a group as a ban on the group', () => {
    const t = triples('The interior ministry enacted bans on the activities of Jamaat-e-Example and the Example Solidarity Network.');
    assert.ok(t.some((x) => x.startsWith('Jamaat-e-Example proscribed')), t.join('\n'));
    assert.ok(t.some((x) => x.startsWith('Example Solidarity Network proscribed')), t.join('\n'));
  });
});
