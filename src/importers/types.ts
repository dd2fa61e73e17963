import type { EntityKind, NameType } from '../model/types.js';

/** One name of a list entry, as the list gives it. */
export interface ListName {
  text: string;
  type: NameType;
  /** The list's own quality flag where it has one (UN: `Good`/`Low` → `good`/`low`). */
  quality?: 'good' | 'low';
}

/** One entry of a public sanctions/proscription list, parsed but not yet stored. */
export interface ListEntry {
  /** Stable external id: `un:QDe.019`, `un:QDi.001`, `ofac:1234`. */
  ref: string;
  kind: EntityKind;
  primaryName: string;
  /** Every other name (the primary name is not repeated here). */
  names: ListName[];
  /** ISO date (or partial date) the entry was listed, when the list says. */
  listedOn: string | null;
  /** Jurisdiction code of the list: `UN`, `US`. */
  jurisdiction: string;
  /** Listing authority: "UN Security Council", "US Treasury OFAC". */
  authority: string;
  /** Sanctions programmes / committees (`SDGT`, `Al-Qaida`). */
  programs: string[];
  /** 1-based record number in the source (XML element index or CSV line) for messages. */
  record: number;
}

export interface ParsedList {
  /** `un-xml`, `ofac-sdn-csv`. */
  format: string;
  /** Date the list was generated/published where the file says, ISO. */
  publishedOn: string | null;
  entries: ListEntry[];
}
