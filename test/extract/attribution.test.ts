import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fact } from './helpers.js';

describe('attribution', () => {
  it('names the speaker, not the claim, when an official "told X that ..."', () => {
    const f = fact('A senior police official told reporters that Jamaat-ul-Fidayeen is an offshoot of Lashkar-e-Qahar.', 'offshoot_of');
    assert.ok(f, 'the offshoot fact is found');
    assert.match(f.evidence.attribution ?? '', /official told reporters/);
    assert.doesNotMatch(f.evidence.attribution ?? '', /offshoot|Jamaat/);
  });

  it('keeps who issued an instrument and stops before what it says', () => {
    const f = fact('The federal government banned Tanzeem-e-Nasr under the Anti-Terrorism Act, according to a notification issued by the interior ministry that called it a threat.', 'proscribed');
    assert.ok(f);
    assert.match(f.evidence.attribution ?? '', /according to a notification issued by the interior ministry$/);
  });

  it('weighs an anonymous official below a notification', () => {
    const named = fact('The interior ministry banned Tanzeem-e-Nasr on Monday, according to a notification.', 'proscribed');
    const anonymous = fact('Tanzeem-e-Nasr was banned on Monday, said an official requesting anonymity.', 'proscribed');
    assert.ok(named && anonymous);
    assert.ok(anonymous.confidence < named.confidence, `${anonymous.confidence} < ${named.confidence}`);
    assert.match(anonymous.evidence.attribution ?? '', /anonymity/);
  });
});
