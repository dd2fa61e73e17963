import { DEFAULT_THRESHOLD, NameIndex, type NameMatch } from './name-index.js';
import type { MatchExplanation } from './scorer.js';

/**
 * Two names scored against each other by the screening engine: the same tokenising, folding,
 * alignment and threshold as a screening hit. Each name is searched for in a one-name index of
 * the other and the better direction counts (a screening query and a stored name play
 * different parts; a pair has neither). Words weigh by their rarity in `rarity`, the index
 * screening uses, when given: "Islamic" counts for less than "Zainebiyoun" there too.
 */
export interface NameComparison {
  score: number;
  alert: boolean;
  /** Which way the score was found: the left name searched among the right (`left`), or the reverse. */
  direction: 'left' | 'right';
  explanation: MatchExplanation | null;
}

export function compareNames(left: string, right: string, options: { threshold?: number; rarity?: NameIndex } = {}): NameComparison {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const one = (query: string, stored: string): NameMatch | null => {
    const index = new NameIndex(options.rarity ? { weightsFrom: options.rarity } : {});
    index.add(1, stored);
    index.freeze();
    return index.search(query, { limit: 1, minScore: 0.05, exhaustive: true })[0] ?? null;
  };
  const a = one(left, right);
  const b = one(right, left);
  const best = !b || (a && a.score >= b.score) ? a : b;
  const score = Math.round((best?.score ?? 0) * 10000) / 10000;
  return { score, alert: score >= threshold, direction: best === b && b !== null ? 'right' : 'left', explanation: best ? best.explanation : null };
}
