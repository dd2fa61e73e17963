import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { EntityProfile } from '../api';

/** The entity, what it comes from and what came from it, drawn with cytoscape. */
export function LineageGraph({ profile }: { profile: EntityProfile }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const me = profile.entity;
    const nodes = new Map<number, { id: string; label: string; kind: string }>();
    nodes.set(me.id, { id: String(me.id), label: me.name, kind: 'self' });
    const edges: { id: string; source: string; target: string; label: string; status: string }[] = [];
    for (const p of profile.lineage.parents) {
      nodes.set(p.entity.id, nodes.get(p.entity.id) ?? { id: String(p.entity.id), label: p.entity.name, kind: 'parent' });
      edges.push({ id: `f${p.fact}`, source: String(me.id), target: String(p.entity.id), label: p.predicate.replace('_', ' '), status: p.status });
    }
    for (const c of profile.lineage.children) {
      nodes.set(c.entity.id, nodes.get(c.entity.id) ?? { id: String(c.entity.id), label: c.entity.name, kind: 'child' });
      edges.push({ id: `f${c.fact}`, source: String(c.entity.id), target: String(me.id), label: c.predicate.replace('_', ' '), status: c.status });
    }
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...[...nodes.values()].map((n) => ({ data: n })),
        ...edges.map((e) => ({ data: e })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'background-color': '#7a8ca3', color: '#1d2733', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': '140px', 'text-valign': 'bottom', 'text-margin-y': 4 } },
        { selector: 'node[kind = "self"]', style: { 'background-color': '#b3261e' } },
        { selector: 'edge', style: { label: 'data(label)', 'font-size': 9, width: 2, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
        { selector: 'edge[status = "proposed"]', style: { 'line-style': 'dashed' } },
      ],
      layout: { name: 'breadthfirst', directed: true, padding: 20, spacingFactor: 1.2 },
      userZoomingEnabled: true,
    });
    box.current.dataset.nodes = String(cy.nodes().length);
    box.current.dataset.edges = String(cy.edges().length);
    return () => cy.destroy();
  }, [profile]);
  return <div ref={box} className="lineage-graph" data-testid="lineage-graph" />;
}
