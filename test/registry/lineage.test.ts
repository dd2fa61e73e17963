import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageEdge } from '../../src/registry/lineage.js';
import { listedAncestor } from '../../src/registry/lineage.js';

function graph(pairs: [number, number][]): Map<number, LineageEdge[]> {
  const m = new Map<number, LineageEdge[]>();
  pairs.forEach(([from, to], i) => m.set(from, [...(m.get(from) ?? []), { to, predicate: 'offshoot_of', factId: i + 1, date: null, evidence: null }]));
  return m;
}

describe('lineage', () => {
  it('finds the shortest chain to a listed ancestor', () => {
    const r = listedAncestor(1, graph([[1, 2], [2, 3], [1, 4], [4, 3]]), (id) => id === 3);
    assert.ok(r.found);
    assert.deepEqual(r.via.map((h) => [h.from, h.to]), [[1, 2], [2, 3]]);
  });
  it('ends on cycles without a listed member', () => {
    const r = listedAncestor(1, graph([[1, 2], [2, 3], [3, 1]]), () => false);
    assert.deepEqual(r, { found: false, depthLimited: false });
  });
  it('reports a chain longer than the depth limit as not followed', () => {
    const chain: [number, number][] = Array.from({ length: 10 }, (_, i) => [i + 1, i + 2]);
    const r = listedAncestor(1, graph(chain), (id) => id === 11, 4);
    assert.deepEqual(r, { found: false, depthLimited: true });
    assert.ok(listedAncestor(1, graph(chain), (id) => id === 11, 10).found);
  });
  it('does not count the start itself', () => {
    assert.deepEqual(listedAncestor(1, graph([]), () => true), { found: false, depthLimited: false });
  });
});
