import type { Repository } from '../store/repository.js';
import { evidenceExcerpt } from './evidence-text.js';
import type { LineageEdge } from './lineage.js';

/** Give each lineage edge the sentence of its evidence, reading each document once. */
export async function attachSentences(repo: Repository, edges: Map<number, LineageEdge[]>): Promise<void> {
  const texts = new Map<number, string | null>();
  for (const list of edges.values()) {
    for (const edge of list) {
      const ev = edge.evidence;
      if (!ev) continue;
      if (ev.documentId === null) {
        edge.sentence = ev.quote ?? null;
        continue;
      }
      if (!texts.has(ev.documentId)) texts.set(ev.documentId, (await repo.getDocument(ev.documentId))?.text ?? null);
      const text = texts.get(ev.documentId);
      edge.sentence = text ? (evidenceExcerpt(text, ev.start, ev.end)?.sentence ?? null) : null;
    }
  }
}
