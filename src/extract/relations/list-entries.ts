/**
 * Entries of a sanctions list quoted in a press release (the UN Security Council committees'
 * format): `QDe.171 Name: X A.k.a.: a) Y b) Z F.k.a.: W Address: ... Listed on: 1 Apr. 2026
 * Other information: Associated with V (QDe.004).` Each entity entry is a listing on its date,
 * with its other names and the groups it is associated with. Entries of individuals are left to
 * the list importers, which read the list itself.
 */
import type { Doc } from '../document.js';
import type { DateMention } from '../dates/find-dates.js';
import type { Mention } from '../mentions/mention.js';
import type { Proposal } from './context.js';

const ENTRY = /\b[A-Z]{2}e\.\d{2,4}\s+Name:\s*/g;
const FIELD = /\b(?:A\.k\.a\.|F\.k\.a\.|Address|Listed on|Other information|Title|Designation|Date of listing)\s*:/gi;
/** `a) Victory and Sacrifice Front b) Ansar al-Fida c) JNF`, or names separated by semicolons. */
const ITEM = /(?:^|\s)[a-z]\)\s*/g;

function fieldsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const marks = [...text.matchAll(FIELD)];
  marks.forEach((m, k) => {
    const key = m[0].replace(/\s*:$/, '').toLowerCase();
    const end = marks[k + 1]?.index ?? text.length;
    out.set(key, text.slice((m.index ?? 0) + m[0].length, end).trim());
  });
  return out;
}

function names(field: string | undefined): string[] {
  if (!field || /^na\b/i.test(field)) return [];
  const parts = ITEM.test(field) ? field.split(ITEM) : field.split(/;/);
  ITEM.lastIndex = 0;
  return parts.map((p) => p.trim().replace(/[.;,]+$/, '')).filter((p) => p.length > 1 && !/^na$/i.test(p));
}

export function listEntries(doc: Doc, mentions: Mention[], dates: DateMention[], out: Proposal[]): void {
  const starts = [...doc.text.matchAll(ENTRY)];
  starts.forEach((m, k) => {
    const bodyStart = (m.index ?? 0) + m[0].length;
    // An entry runs to the next entry or a blank line.
    const nextEntry = starts[k + 1]?.index ?? doc.text.length;
    const blank = doc.text.indexOf('\n\n', bodyStart);
    const end = Math.min(nextEntry, blank < 0 ? doc.text.length : blank);
    const body = doc.text.slice(bodyStart, end);
    const firstField = body.search(FIELD);
    const nameEnd = bodyStart + (firstField < 0 ? body.indexOf('\n') : firstField);
    const subject = mentions.find((x) => x.via === 'name' && x.start >= bodyStart && x.start < nameEnd);
    if (!subject) return;
    const fields = fieldsOf(body);
    const listedAt = fields.has('listed on') ? bodyStart + body.toLowerCase().indexOf('listed on') : -1;
    const listed = listedAt >= 0 ? dates.find((d) => d.start > listedAt && d.start - listedAt < 20) : undefined;
    const cue = { start: m.index ?? 0, end: Math.min(end, nameEnd) };
    out.push({ subject, predicate: 'proscribed', object: null, date: listed?.value ?? null, rule: 'proscribed.list-entry', base: 0.9, cue });
    for (const alias of names(fields.get('a.k.a.'))) {
      out.push({ subject, predicate: 'alias', object: alias, date: null, rule: 'alias.list-entry', base: 0.85, cue });
    }
    const info = fields.get('other information') ?? '';
    const assoc = /\bassociated\s+with\s+/i.exec(info);
    if (assoc) {
      const at = bodyStart + body.indexOf(info) + assoc.index + assoc[0].length;
      const partner = mentions.find((x) => x.start >= at && x.start <= at + 2 && x.via === 'name');
      if (partner && partner.entity !== subject.entity) {
        out.push({ subject, predicate: 'affiliated_with', object: partner, date: null, rule: 'affiliated_with.list-entry', base: 0.8, cue });
      }
    }
  });
}
