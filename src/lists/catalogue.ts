/**
 * Lists as first-class things. Every listing fact names the list it comes from (`pk-nacta`,
 * `un-sc`, ...), and every list says what kind of measure it is: an analyst asking "is this
 * group banned in the US?" wants the FTO list, not the 15,000 sanctions designations of the
 * SDN file, and a Pakistani bank screens against NACTA's First Schedule and the UN list.
 *
 * The catalogue holds the lists proscribe knows how to describe without being told; an
 * analyst's own list gets its definition from the import command's options.
 */

/** What being on a list means. */
export const MEASURES = ['ban', 'sanctions', 'watch'] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_LABELS: Record<Measure, string> = {
  ban: 'ban of an organisation (proscription)',
  sanctions: 'financial sanctions designation',
  watch: 'under observation (not a ban)',
};

/** The file formats a list can be imported from. */
export const LIST_FORMATS = ['un-xml', 'ofac-sdn-csv', 'schedule'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export interface ListDefinition {
  /** Stable id: `pk-nacta`, `un-sc`. */
  id: string;
  title: string;
  /** ISO 3166 alpha-2 code, or `UN` / `EU`. */
  jurisdiction: string;
  measure: Measure;
  /** Who lists, and under which law, when the rows do not say. */
  authority: string | null;
  law: string | null;
  /** The publisher's page for the list. */
  sourceUrl: string | null;
  format: ListFormat;
  /** Prefix of its entries' refs: `un` for `un:QDe.118`, the list id for schedules. */
  refPrefix: string;
  /** What the list covers and lacks. */
  notes: string | null;
}

export const LIST_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,47}$/;

const NATIONAL_NOTE = 'Compiled from official instruments, releases, parliamentary records and dated reports (see data/lists/national/README.md); partial: not every entry has a date.';

export const KNOWN_LISTS: readonly ListDefinition[] = [
  {
    id: 'un-sc', title: 'UN Security Council Consolidated List', jurisdiction: 'UN', measure: 'sanctions',
    authority: 'UN Security Council', law: 'UN Security Council sanctions resolutions (1267/1989/2253 and others)',
    sourceUrl: 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list', format: 'un-xml', refPrefix: 'un',
    notes: 'Individuals and entities under the Security Council sanctions regimes (asset freeze, travel ban, arms embargo).',
  },
  {
    id: 'us-ofac-sdn', title: 'US Treasury OFAC Specially Designated Nationals and Blocked Persons List', jurisdiction: 'US', measure: 'sanctions',
    authority: 'US Treasury OFAC', law: 'IEEPA and other statutes, per sanctions programme',
    sourceUrl: 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists', format: 'ofac-sdn-csv', refPrefix: 'ofac',
    notes: 'Every OFAC programme (SDGT, FTO, RUSSIA-EO14024, ...): people, companies, vessels and aircraft; the programme codes say why each entry is there.',
  },
  {
    id: 'us-fto', title: 'US Foreign Terrorist Organizations', jurisdiction: 'US', measure: 'ban',
    authority: 'Department of State (US)', law: 'Immigration and Nationality Act, section 219',
    sourceUrl: 'https://www.state.gov/foreign-terrorist-organizations/', format: 'schedule', refPrefix: 'us-fto', notes: NATIONAL_NOTE,
  },
  {
    id: 'pk-nacta', title: 'Pakistan: proscribed organisations (Anti-Terrorism Act 1997, First Schedule)', jurisdiction: 'PK', measure: 'ban',
    authority: 'Ministry of Interior (Pakistan)', law: 'Anti-Terrorism Act 1997, First Schedule (s.11-B)',
    sourceUrl: 'https://nacta.gov.pk/proscribed-organizations/', format: 'schedule', refPrefix: 'pk-nacta', notes: NATIONAL_NOTE,
  },
  {
    id: 'pk-nacta-watch', title: 'Pakistan: organisations under observation (Anti-Terrorism Act 1997, Second Schedule)', jurisdiction: 'PK', measure: 'watch',
    authority: 'Ministry of Interior (Pakistan)', law: 'Anti-Terrorism Act 1997, Second Schedule (s.11-D)',
    sourceUrl: 'https://nacta.gov.pk/proscribed-organizations/', format: 'schedule', refPrefix: 'pk-nacta-watch', notes: NATIONAL_NOTE,
  },
  {
    id: 'gb-proscribed', title: 'UK proscribed terrorist organisations (Terrorism Act 2000, Schedule 2)', jurisdiction: 'GB', measure: 'ban',
    authority: 'Home Office (UK)', law: 'Terrorism Act 2000, Schedule 2',
    sourceUrl: 'https://www.gov.uk/government/publications/proscribed-terror-groups-or-organisations--2', format: 'schedule', refPrefix: 'gb-proscribed', notes: NATIONAL_NOTE,
  },
  {
    id: 'in-uapa', title: 'India: terrorist organisations (Unlawful Activities (Prevention) Act 1967, First Schedule)', jurisdiction: 'IN', measure: 'ban',
    authority: 'Ministry of Home Affairs (India)', law: 'Unlawful Activities (Prevention) Act 1967, First Schedule (s.35)',
    sourceUrl: 'https://www.mha.gov.in/en/banned-organisations', format: 'schedule', refPrefix: 'in-uapa', notes: NATIONAL_NOTE,
  },
  {
    id: 'ca-listed', title: 'Canada: listed terrorist entities (Criminal Code, s.83.05)', jurisdiction: 'CA', measure: 'ban',
    authority: 'Public Safety Canada', law: 'Criminal Code (Canada), s.83.05',
    sourceUrl: 'https://www.publicsafety.gc.ca/cnt/ntnl-scrt/cntr-trrrsm/lstd-ntts/crrnt-lstd-ntts-en.aspx', format: 'schedule', refPrefix: 'ca-listed', notes: NATIONAL_NOTE,
  },
  {
    id: 'au-listed', title: 'Australia: listed terrorist organisations (Criminal Code Act 1995, Division 102)', jurisdiction: 'AU', measure: 'ban',
    authority: 'Minister for Home Affairs (Australia)', law: 'Criminal Code Act 1995 (Cth), Division 102',
    sourceUrl: 'https://www.nationalsecurity.gov.au/what-australia-is-doing/terrorist-organisations/listed-terrorist-organisations', format: 'schedule', refPrefix: 'au-listed', notes: NATIONAL_NOTE,
  },
  {
    id: 'eu-terrorist', title: 'EU terrorist list (Common Position 2001/931/CFSP, Regulation (EC) No 2580/2001)', jurisdiction: 'EU', measure: 'sanctions',
    authority: 'Council of the European Union', law: 'Council Regulation (EC) No 2580/2001, Art. 2(3)',
    sourceUrl: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02001R2580', format: 'schedule', refPrefix: 'eu-terrorist',
    notes: 'Groups and entities of the Annex (the persons are not in the bundled file). An asset freeze, not a ban on membership.',
  },
];

/** File names (without extension) of the bundled national lists, mapped to their list ids. */
const FILE_LIST_IDS: Record<string, string> = {
  'pk-nacta-first-schedule': 'pk-nacta',
  'pk-nacta-watch-list': 'pk-nacta-watch',
  'gb-proscribed': 'gb-proscribed',
  'us-fto': 'us-fto',
  'in-uapa': 'in-uapa',
  'ca-listed-entities': 'ca-listed',
  'au-listed': 'au-listed',
  'eu-terrorist-list': 'eu-terrorist',
};

export function knownList(id: string): ListDefinition | undefined {
  return KNOWN_LISTS.find((l) => l.id === id);
}

/** The list a file is a version of when no id is given: a bundled file's own list, else the file's name. */
export function listIdForFile(baseName: string): string {
  const stem = baseName.replace(/\.[A-Za-z0-9]+$/, '');
  return FILE_LIST_IDS[stem] ?? stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The list of a ref's prefix (`un:QDe.118` → `un-sc`), for lists whose refs do not carry their id. */
export function listIdOfRefPrefix(prefix: string): string | undefined {
  return KNOWN_LISTS.find((l) => l.refPrefix === prefix)?.id;
}
