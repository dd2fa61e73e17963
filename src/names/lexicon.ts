/**
 * Word lists the names engine consults. Every entry is a general rule about how names are
 * written (articles, connectives, legal forms, abbreviations), never a particular listed name.
 */

/**
 * How much a token says about identity. The class scales the token's rarity weight, so a
 * shared legal form or particle can never carry a match on its own, yet still counts a little.
 */
export const enum TokenClass {
  Word = 0,
  /** Arabic/Urdu/Persian articles and connectives (`al`, `ul`, `-e-`), patronymic markers (`bin`). */
  Particle = 1,
  /** Function words of European languages and single letters. */
  Stop = 2,
  /** Legal-form words (`ltd`, `gmbh`, `company`). */
  Legal = 3,
  /** Frequent descriptive words of organisation names (`party`, `front`, `islamic`). */
  Generic = 4,
  /** Numbers (`Branch 290`, `Plant 810`): they tell entities apart, and match only exactly. */
  Number = 5,
}

export const CLASS_MULTIPLIER: readonly number[] = [1, 0.06, 0.1, 0.2, 0.5, 1];

/**
 * Romanised articles and connectives. Sun-letter assimilations (`ash-`, `ad-`, `ur-`) appear
 * because romanisations write the assimilated form; `e`/`i` are the Persian/Urdu izafat.
 */
const PARTICLES = [
  'al', 'el', 'ul', 'il', 'ol', 'ud', 'ad', 'ed', 'ut', 'at', 'us', 'as', 'es', 'ur', 'ar', 'er', 'un', 'an', 'en',
  'ash', 'ush', 'esh', 'ath', 'uth', 'adh', 'udh', 'az', 'uz', 'ez', 'e', 'i', 'wa', 'wal', 'wel', 'wul', 'fi',
  'bin', 'ibn', 'ben', 'bint', 'binti', 'bte', 'bt', 'ould', 'walad', 'wuld', 'ibnu', 'bn',
];

const STOP = [
  'the', 'of', 'and', 'for', 'in', 'on', 'to', 'a', 'by', 'with', 'de', 'da', 'di', 'do', 'du', 'des', 'del', 'della',
  'dos', 'das', 'la', 'le', 'les', 'los', 'lo', 'y', 'et', 'und', 'der', 'den', 'die', 'het', 'van', 'von', 'vom', 'zu',
  'ha', 'na', 'ne', 'ki', 'ka', 'ke', 'o',
];

const LEGAL = [
  'ltd', 'limited', 'llc', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'plc', 'gmbh', 'ag', 'sa',
  'sarl', 'sas', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'kg', 'ohg', 'llp', 'lp', 'pte', 'pty', 'jsc', 'ojsc', 'cjsc',
  'pjsc', 'ooo', 'zao', 'oao', 'tov', 'fze', 'fzc', 'fzco', 'fzllc', 'sdn', 'bhd', 'tbk', 'kk', 'cia', 'ltda', 'sl',
  'sae', 'wll', 'dmcc', 'jlt', 'sal', 'sac', 'eirl', 'cv', 'ca', 'sro', 'doo', 'ad', 'ood', 'aps', 'as', 'asa',
  'holding', 'holdings', 'trading', 'enterprise', 'enterprises', 'establishment', 'est', 'firm',
  // Legal forms spelled out: English, and Russian as romanised on the lists (`Obshchestvo s
  // ogranichennoi otvetstvennostyu` is OOO, `Aktsionernoe obshchestvo` is AO).
  'joint', 'stock', 'liability', 'unitary', 'obshchestvo', 'obshestvo', 'ogranichennoi', 'ogranichennoy', 'otvetstvennostyu',
  'otvetstvennostiu', 'aktsionernoe', 'aktsionernoye', 'aktsionernoi', 'publichnoe', 'publichnoye', 'zakrytoe', 'zakrytoye',
  'otkrytoe', 'otkrytoye', 'tovarishchestvo', 'predpriyatie', 'unitarnoe', 'gosudarstvennoe', 'fgup', 'pao', 'zao', 'oao',
  'sirketi', 'anonim', 'limited',
];

const GENERIC = [
  'party', 'front', 'movement', 'organization', 'group', 'groups', 'brigade', 'brigades', 'battalion', 'battalions',
  'army', 'force', 'forces', 'council', 'committee', 'union', 'league', 'network', 'society', 'association',
  'foundation', 'trust', 'fund', 'institute', 'center', 'international', 'national', 'general', 'global', 'islamic',
  'islamia', 'islami', 'muslim', 'muslims', 'jamaat', 'jamiat', 'tanzim', 'harakat', 'tehrik', 'hizb', 'majlis',
  'bank', 'industries', 'industry', 'services', 'service', 'import', 'export', 'shipping', 'investment', 'investments',
  'development', 'management', 'services', 'state', 'republic', 'democratic', 'people', 'peoples', 'popular',
  'liberation', 'revolutionary', 'resistance', 'mujahidin', 'mujahideen', 'haji', 'hajji', 'mulah', 'mula',
  'shaikh', 'sheikh', 'doctor',
  // What a branch or an office of a body is called: it qualifies the name, not tells it apart.
  'branch', 'branches', 'office', 'representative', 'subsidiary', 'division', 'filiale', 'succursale', 'sucursal',
];

/** Words saying a bracket qualifies a body's name (`Bank Melli Iran (Hamburg Branch)`) rather than gives another. */
export const BRANCH_WORDS: ReadonlySet<string> = new Set(['branch', 'office', 'representative', 'subsidiary', 'division', 'filiale', 'succursale', 'sucursal']);

/** Adjectives of the compass points, read as the points (`Eastern Turkistan` / `East Turkistan`). */
export const DIRECTION_FORMS: ReadonlyMap<string, string> = new Map([
  ['eastern', 'east'], ['western', 'west'], ['northern', 'north'], ['southern', 'south'],
]);

/**
 * Abbreviations expanded before folding, so `Intl`, `Int'l` and `International` share a key.
 * Values are the spelled-out word; the fold step then normalises its spelling.
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['intl', 'international'], ['intnl', 'international'],
  ['org', 'organization'], ['orgn', 'organization'], ['fdn', 'foundation'], ['fndn', 'foundation'],
  ['co', 'company'], ['cos', 'companies'], ['corp', 'corporation'], ['ltd', 'limited'], ['inc', 'incorporated'],
  ['assn', 'association'], ['assoc', 'association'], ['dept', 'department'], ['govt', 'government'],
  ['natl', 'national'], ['bros', 'brothers'], ['mfg', 'manufacturing'], ['ind', 'industries'],
  ['inds', 'industries'], ['svcs', 'services'], ['svc', 'service'], ['mgmt', 'management'], ['grp', 'group'],
  ['soc', 'society'], ['inst', 'institute'], ['univ', 'university'], ['trdg', 'trading'],
  ['ctr', 'center'], ['cntr', 'center'], ['cttee', 'committee'], ['invt', 'investment'], ['hldgs', 'holdings'],
  ['md', 'muhammad'], ['mhd', 'muhammad'], ['mohd', 'muhammad'], ['muhd', 'muhammad'],
  ['shk', 'sheikh'], ['dr', 'doctor'],
]);

/**
 * Honorifics written before a name: religious and scholarly titles (`Hafiz`: who knows the
 * Quran by heart; `Qari`: reciter), pilgrimage (`Haji`), clerical ranks. Each is also a given
 * or family name (`Mohammad Hafeez`), so a word is a title only where titles stand: first,
 * before the name (see tokens.ts). Folded forms.
 */
const TITLES = [
  'hafiz', 'hafz', 'haji', 'haj', 'hadji', 'alhaj', 'alhaji', 'mulah', 'mula', 'mola', 'molah', 'maulana', 'mavlana', 'molana',
  'mulana', 'maulvi', 'mavlavi', 'molvi', 'mulvi', 'maulavi', 'kari', 'mufti', 'shaikh', 'sheikh', 'shaik', 'shakh', 'sheik',
  'imam', 'ustad', 'ustaz', 'ustadz', 'ustaz', 'doctor', 'hazrat', 'pir', 'akhund', 'ayatollah', 'ayatullah', 'aiatola', 'aiatula', 'hojatoleslam',
  'hojatuleslam', 'hodjatoleslam', 'grand', 'alamah', 'alama',
  // Courtesy titles (German and French as well as English), academic and clerical ones.
  'mr', 'mrs', 'ms', 'miss', 'mister', 'mme', 'madame', 'mlle', 'mademoiselle', 'monsieur', 'herr', 'frau', 'sir', 'dame',
  'lord', 'prof', 'profesor', 'rev', 'reverend', 'hon', 'honourable', 'honorable', 'excellency', 'excelenci', 'his', 'her',
  // Offices and military ranks, as written before a name in the press.
  'president', 'presidente', 'prasident', 'praesident', 'vice', 'prime', 'minister', 'premier', 'chancelor', 'senator',
  'governor', 'mayor', 'king', 'queen', 'prince', 'princes', 'general', 'gen', 'lieutenant', 'lt', 'colonel', 'col', 'major',
  'maj', 'captain', 'capt', 'commander', 'cmdr', 'admiral', 'adm', 'marshal', 'marshall', 'field', 'brigadier', 'brig',
  'sergeant', 'sgt', 'corporal', 'cpl', 'senior', 'comrade',
];

export const PARTICLE_SET: ReadonlySet<string> = new Set(PARTICLES);
export const TITLE_SET: ReadonlySet<string> = new Set(TITLES);
export const STOP_SET: ReadonlySet<string> = new Set(STOP);
export const LEGAL_SET: ReadonlySet<string> = new Set(LEGAL);
export const GENERIC_SET: ReadonlySet<string> = new Set(GENERIC);
