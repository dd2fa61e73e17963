import type { DocumentInput, StoredDocument } from '../model/types.js';
import { normaliseText, sha256Hex } from '../documents/normalise.js';
import type { Repository } from '../store/repository.js';
import { extract } from '../extract/index.js';
import { RegistryResolver } from './registry-resolver.js';
import { type StoredExtraction, storeExtraction } from './store-extraction.js';

export interface IngestedDocument {
  id: number;
  sha256: string;
  date: string;
  created: boolean;
  origin: string;
  chars: number;
  /** What extraction stored for a newly stored document (absent when extraction was off or the document was already there). */
  extraction?: StoredExtraction;
}

/** Hook run inside the ingest transaction for each newly stored document (extraction plugs in here). */
export type AfterStore = (tx: Repository, doc: StoredDocument) => Promise<StoredExtraction | undefined>;

/**
 * Store documents once each, by the hash of their normalised text. All documents of one call
 * are written in one transaction: a failure anywhere leaves the store as it was.
 */
export async function ingestDocuments(repo: Repository, docs: DocumentInput[], afterStore?: AfterStore): Promise<IngestedDocument[]> {
  const prepared = docs.map((d) => {
    const text = normaliseText(d.text);
    return { ...d, text, sha256: sha256Hex(text) };
  });
  return repo.transaction(async (tx) => {
    const out: IngestedDocument[] = [];
    for (const doc of prepared) {
      const existing = await tx.findDocumentBySha(doc.sha256);
      if (existing) {
        out.push({ id: existing.id, sha256: existing.sha256, date: existing.date, created: false, origin: doc.origin, chars: existing.text.length });
        continue;
      }
      const stored = await tx.insertDocument({ sha256: doc.sha256, date: doc.date, url: doc.url ?? null, title: doc.title ?? null, text: doc.text });
      const extraction = afterStore ? await afterStore(tx, stored) : undefined;
      out.push({ id: stored.id, sha256: stored.sha256, date: stored.date, created: true, origin: doc.origin, chars: stored.text.length, extraction });
    }
    return out;
  });
}

/** The ingest hook that extracts each new document and stores its facts as proposals. */
export async function extractingHook(repo: Repository, loaded?: RegistryResolver): Promise<AfterStore> {
  const resolver = loaded ?? await RegistryResolver.load(repo);
  return async (tx, doc) => storeExtraction(tx, doc, extract(doc.text, { documentDate: doc.date, resolver }), resolver);
}
