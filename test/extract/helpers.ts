import { extract, type ExtractionResult } from '../../src/extract/index.js';

export const DATE = '2021-03-10'; // a Wednesday

/** Facts as readable strings: `Subject predicate Object @date`. */
export function triples(text: string, date = DATE): string[] {
  return render(extract(text, { documentDate: date }));
}

export function render(r: ExtractionResult): string[] {
  const name = (id: string | null): string => (id === null ? '' : (r.entities.find((e) => e.id === id)?.name ?? id));
  return r.facts.map((f) => {
    const object = f.predicate === 'alias' ? ` ${f.object}` : f.object ? ` ${name(f.object)}` : '';
    return `${name(f.subject)} ${f.predicate}${object}${f.date ? ` @${f.date}` : ''}`;
  });
}

export function fact(text: string, predicate: string, date = DATE): ExtractionResult['facts'][number] | undefined {
  return extract(text, { documentDate: date }).facts.find((f) => f.predicate === predicate);
}
