import { z } from 'zod';
import { DEFAULT_THRESHOLD } from '../names/index.js';
import { ENTITY_KINDS, FACT_STATUSES, NAME_TYPES, PREDICATES } from '../model/types.js';
import { API_KEY_ROLES } from '../store/repository.js';

/**
 * The zod schemas shared by several routes. They validate requests, shape responses and are
 * the source of /openapi.json: there is no other description of the API to keep in step.
 */

export const IsoDay = z.iso.date().describe('a calendar day, YYYY-MM-DD');
export const AsOf = IsoDay.describe('the day listings are asked for, YYYY-MM-DD (default: today)');
export const Threshold = z.number().min(0).max(1).describe(`score at or above which a hit is an alert (default ${DEFAULT_THRESHOLD})`);
/** Ids are 32-bit in the store (PostgreSQL `serial`): a larger one names nothing, and PostgreSQL would refuse to compare with it. */
export const MAX_ID = 2_147_483_647;
export const Id = z.coerce.number().int().positive().max(MAX_ID);
export const IdParams = z.object({ id: Id.describe('a numeric id') });

export const EntityKind = z.enum(ENTITY_KINDS);
export const Predicate = z.enum(PREDICATES);
export const FactStatus = z.enum(FACT_STATUSES);
export const Role = z.enum(API_KEY_ROLES);

export const EntityRef = z.object({ id: z.number().int(), name: z.string(), kind: EntityKind }).meta({ id: 'EntityRef' });
export const Entity = z.object({ id: z.number().int(), name: z.string(), kind: EntityKind, refs: z.array(z.string()) }).meta({ id: 'Entity' });
export const Qualifiers = z.record(z.string(), z.string()).describe('authority, jurisdiction, law, instrument and any further qualifiers');

export const Decision = z.object({
  id: z.number().int(),
  factId: z.number().int(),
  verdict: z.enum(['accepted', 'rejected']),
  by: z.string(),
  note: z.string().nullable(),
  at: z.string(),
}).meta({ id: 'Decision' });

export const EvidenceExcerpt = z.object({
  sentence: z.string().describe('the sentence(s) holding the span'),
  sentenceStart: z.number().int().describe('offset of the sentence in the document text'),
  highlight: z.object({ start: z.number().int(), end: z.number().int() }).describe('the span, as offsets into `sentence`'),
});

export const Evidence = z.object({
  documentId: z.number().int().nullable(),
  start: z.number().int().nullable().describe('span start, a character offset into the document text'),
  end: z.number().int().nullable(),
  attribution: z.string().nullable().describe('who said it'),
  source: z.string().nullable().describe('where there is no document: a list import, an analyst'),
  quote: z.string().nullable().optional(),
  document: z.object({ id: z.number().int(), date: z.string(), url: z.string().nullable(), title: z.string().nullable() }).nullable(),
  excerpt: EvidenceExcerpt.nullable(),
}).meta({ id: 'Evidence' });

export const FactView = z.object({
  id: z.number().int(),
  subject: EntityRef,
  predicate: Predicate,
  object: EntityRef.nullable(),
  objectLiteral: z.string().nullable(),
  date: z.string().nullable().describe('ISO partial date or range: 2016, 2016-12, 2016-12-01, 2014/2015'),
  qualifiers: Qualifiers,
  confidence: z.number(),
  extractor: z.string(),
  status: FactStatus,
  recordedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  evidence: z.array(Evidence),
}).meta({ id: 'Fact' });

export const ScreenListing = z.object({
  jurisdiction: z.string(),
  since: z.string().nullable(),
  sinceAsStated: z.string().nullable(),
});

export const LineageStep = z.object({
  entity: Entity,
  predicate: z.string(),
  fact: z.number().int(),
  evidence: z.object({
    documentId: z.number().int().nullable(), start: z.number().int().nullable(), end: z.number().int().nullable(),
    attribution: z.string().nullable(), source: z.string().nullable(),
  }).nullable(),
  sentence: z.string().nullable().optional(),
  from: z.number().int().optional(),
  listings: z.array(ScreenListing).optional(),
});

export const MatchExplanation = z.object({
  query: z.string(),
  matchedName: z.string(),
  queryTokens: z.array(z.string()),
  nameTokens: z.array(z.string()),
  alignment: z.array(z.object({
    query: z.string().nullable().describe('the query token, or null for a name token left unmatched'),
    name: z.string().nullable(),
    similarity: z.number(),
    weight: z.number().describe('share of the total weight: the score is the sum of similarity x weight'),
    rule: z.string().describe('exact, folded, skeleton, phonetic, edit-distance, initials, abbreviation, compound or unmatched'),
  })),
  rules: z.array(z.string()).describe('the rules that fired'),
});

export const ScreenHit = z.object({
  entity: Entity,
  matched_name: z.string(),
  score: z.number(),
  alert: z.boolean(),
  listed: z.boolean().describe('listed on the as-of day, itself or through lineage (then `via` gives the chain)'),
  listings: z.array(ScreenListing),
  via: z.array(LineageStep).optional(),
  lineage: z.array(LineageStep).optional(),
  lineage_depth_limited: z.boolean().optional(),
  explanation: MatchExplanation.optional(),
}).meta({ id: 'ScreenHit' });

export const ScreenResult = z.object({ query: z.string(), hits: z.array(ScreenHit) }).meta({ id: 'ScreenResult' });

export const EntityName = z.object({
  id: z.number().int(),
  entityId: z.number().int(),
  text: z.string(),
  type: z.enum(NAME_TYPES),
  lang: z.string().nullable(),
  quality: z.string().nullable(),
  factId: z.number().int().nullable(),
});

export const ApiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
}).meta({ id: 'ApiKey' });
