/** The extraction engine: news article text in, evidenced fact proposals out (DESIGN.md "Extraction output"). */
export { extract } from './extract.js';
export type {
  ExtractedEntity, ExtractedFact, ExtractedMention, ExtractionResult, ExtractOptions, FactEvidence, FactQualifiers,
  MentionResolver, Span,
} from './types.js';
export { sameName, sameNameKey } from './names/same-name.js';
