import { z } from 'zod';
import { DEFAULT_THRESHOLD } from '../names/index.js';
import { ENTITY_KINDS, FACT_STATUSES, NAME_TYPES, PREDICATES } from '../model/types.js';
import { LIST_FORMATS, MEASURES } from '../lists/catalogue.js';
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

export const Corroboration = z.object({
  list: z.string(),
  status: z.enum(['corroborated', 'not-on-list', 'conflicting']),
  detail: z.string().describe('what the list says: "pk-nacta lists it from 2016-12-30: the same ban"'),
  period: z.object({ from: z.string(), fromAsStated: z.string().nullable(), until: z.string().nullable(), untilAsStated: z.string().nullable() }).nullable(),
}).meta({ id: 'Corroboration' });

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
  corroboration: z.array(Corroboration).optional().describe('for a ban or lifting reported by the news: how it stands against each list of its jurisdiction'),
  evidence: z.array(Evidence),
}).meta({ id: 'Fact' });

export const ScreenListing = z.object({
  jurisdiction: z.string(),
  list: z.string().nullable().describe('the list (pk-nacta, us-fto, un-sc); null for a ban reported by the news or recorded by an analyst'),
  measure: z.enum(MEASURES).describe('ban: a ban of the organisation; sanctions: a financial sanctions designation; watch: under observation'),
  since: z.string().nullable().describe('first day in force; null when the list gives no date'),
  sinceAsStated: z.string().nullable(),
  programs: z.string().optional().describe('programme codes where the list gives them (OFAC: SDGT, FTO)'),
  listedAs: z.string().optional().describe('the name the list gives the entry (an entity joined across lists has one name of its own)'),
  origin: z.enum(['list', 'news', 'analyst', 'import']).describe('where the ban comes from: a list, the news, an analyst (fact add), an import of no list (FtM)'),
}).meta({ id: 'Listing' });

export const ListRecord = z.object({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string(),
  measure: z.enum(MEASURES),
  authority: z.string().nullable(),
  law: z.string().nullable(),
  sourceUrl: z.string().nullable().describe('the publisher\'s page for the list'),
  format: z.enum(LIST_FORMATS),
  refPrefix: z.string(),
  notes: z.string().nullable().describe('what the list covers and lacks'),
  createdAt: z.string(),
}).meta({ id: 'List' });

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
    rule: z.string().describe('exact, folded, skeleton, phonetic, edit-distance, initials, abbreviation, compound, script, nickname or unmatched'),
  })),
  rules: z.array(z.string()).describe('the rules that fired'),
});

export const ScreenHit = z.object({
  entity: Entity,
  matched_name: z.string(),
  score: z.number(),
  alert: z.boolean(),
  status: z.enum(['listed', 'linked', 'not-listed']).describe('listed itself; linked: an offshoot, front or successor of a listed entity (`via`); or neither'),
  listed: z.boolean().describe('listed itself on the as-of day (an entity linked through lineage is not)'),
  listings: z.array(ScreenListing).describe('its own listings in force on the as-of day'),
  via: z.array(LineageStep).optional().describe('for a linked hit: the chain to the listed entity, whose listings the last step carries'),
  linked_since: z.string().nullable().optional().describe('for a linked hit: the first day the link flags it (never before the parent\'s listing)'),
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
  removedBy: z.number().int().nullable().optional().describe('the fact by which an analyst removed the name (no longer screened or resolved)'),
});

export const ApiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
}).meta({ id: 'ApiKey' });
