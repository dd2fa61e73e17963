import type { EntityKind, NameType, Predicate } from '../model/types.js';

/**
 * The part of the FollowTheMoney model proscribe reads and writes: which schema each entity
 * kind becomes, which FtM property holds each name type, how relations map, and which
 * properties each schema may carry (checked on export and import, so every line we write is
 * one that FtM tools such as OpenSanctions' accept).
 */

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export const KIND_SCHEMA: Partial<Record<EntityKind, string>> = {
  organisation: 'Organization',
  person: 'Person',
  authority: 'PublicBody',
  vessel: 'Vessel',
  aircraft: 'Airplane',
  place: 'Address',
};

export const SCHEMA_KIND: Record<string, EntityKind> = {
  Organization: 'organisation',
  Company: 'organisation',
  LegalEntity: 'organisation',
  PublicBody: 'authority',
  Person: 'person',
  Vessel: 'vessel',
  Airplane: 'aircraft',
  Address: 'place',
};

export const NAME_PROPERTY: Record<NameType, string> = {
  primary: 'name',
  alias: 'alias',
  acronym: 'alias',
  translation: 'alias',
  spelling: 'alias',
  previous: 'previousName',
  weak: 'weakAlias',
};

/** Relations between two entities that are not lineage successions become UnknownLink roles. */
export const LINK_ROLE: Partial<Record<Predicate, string>> = {
  offshoot_of: 'offshoot of',
  front_for: 'front for',
  affiliated_with: 'affiliated with',
  supported_by: 'supported by',
  allied_with: 'allied with',
  opposes: 'opposes',
  based_in: 'based in',
  operates_in: 'operates in',
  recruits_in: 'recruits in',
  member_of: 'member of',
};

export const ROLE_PREDICATE: Record<string, Predicate> = Object.fromEntries(
  Object.entries(LINK_ROLE).map(([predicate, role]) => [role, predicate as Predicate]),
);

const THING = ['name', 'alias', 'previousName', 'weakAlias', 'country', 'summary', 'notes', 'description', 'sourceUrl', 'topics', 'keywords', 'program', 'createdAt', 'modifiedAt'];
const LEGAL_ENTITY = [...THING, 'legalForm', 'incorporationDate', 'dissolutionDate', 'status', 'registrationNumber', 'idNumber', 'jurisdiction', 'mainCountry'];
const INTERVAL = ['startDate', 'endDate', 'date', 'summary', 'description', 'recordId', 'sourceUrl', 'publisher', 'modifiedAt'];

/** Properties each schema may carry (a subset of the FtM model: the ones proscribe uses). */
export const SCHEMA_PROPERTIES: Record<string, readonly string[]> = {
  Organization: LEGAL_ENTITY,
  Company: LEGAL_ENTITY,
  LegalEntity: LEGAL_ENTITY,
  PublicBody: LEGAL_ENTITY,
  Person: [...LEGAL_ENTITY, 'firstName', 'lastName', 'birthDate', 'nationality', 'title'],
  Vessel: [...THING, 'imoNumber', 'flag', 'type'],
  Airplane: [...THING, 'registrationNumber', 'type'],
  Address: [...THING, 'full', 'city', 'region'],
  Sanction: [...INTERVAL, 'entity', 'authority', 'authorityId', 'unscId', 'program', 'programId', 'reason', 'country', 'listingDate', 'status', 'provisions'],
  Succession: [...INTERVAL, 'predecessor', 'successor'],
  UnknownLink: [...INTERVAL, 'subject', 'object', 'role'],
};

/** Schemas whose lines are links between entities rather than entities. */
export const INTERVAL_SCHEMAS = new Set(['Sanction', 'Succession', 'UnknownLink']);
