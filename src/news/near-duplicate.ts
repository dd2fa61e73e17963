import { createHash } from 'node:crypto';
import type { Repository } from '../store/repository.js';

/**
 * The same story syndicated by several outlets: the wire copy with another headline, an
 * intro cut, a paragraph of the outlet's own. Two texts are near-copies when most word
 * 5-grams of the shorter one are in the longer one (containment, not Jaccard: a copy cut short
 * or padded with an outlet's boilerplate still counts).
 */
const SHINGLE_WORDS = 5;
/** Share of the shorter text's 5-grams found in the other text. */
export const NEAR_COPY_CONTAINMENT = 0.8;
/** Texts shorter than this many 5-grams are too short to call copies. */
const MIN_SHINGLES = 20;
/** Days either side of the date searched for the original. */
const WINDOW_DAYS = 10;

export function shingles(text: string): Set<string> {
  const words = text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    out.add(createHash('sha1').update(words.slice(i, i + SHINGLE_WORDS).join(' ')).digest('base64').slice(0, 12));
  }
  return out;
}

export function containment(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < MIN_SHINGLES) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The stored document dated near `date` whose text this one copies most, if any (an original, not itself a copy). */
export async function findNearCopy(repo: Repository, text: string, date: string): Promise<{ documentId: number; containment: number } | null> {
  const mine = shingles(text);
  if (mine.size < MIN_SHINGLES) return null;
  // One read of the window's texts, not a lookup per document.
  const nearby = await repo.kysely.selectFrom('documents').select(['id', 'text', 'duplicate_of'])
    .where('date', '>=', shiftDay(date, -WINDOW_DAYS)).where('date', '<=', shiftDay(date, WINDOW_DAYS)).orderBy('id').limit(2000).execute();
  let best: { documentId: number; containment: number } | null = null;
  for (const doc of nearby) {
    const c = containment(mine, shingles(doc.text));
    // Link to the original the copy copies, not to another copy.
    if (c >= NEAR_COPY_CONTAINMENT && (!best || c > best.containment)) best = { documentId: doc.duplicate_of ?? doc.id, containment: c };
  }
  return best;
}
