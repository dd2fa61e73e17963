/**
 * Closed word classes the chunker and classifier lean on. These are English and romanised
 * vocabulary of news about militant groups and bans, not names of particular groups or places.
 */

const set = (words: string): Set<string> => new Set(words.trim().split(/\s+/));

/** Head words that make a capitalised name an organisation (`... Brigade`, `Lashkar ...`). */
export const ORG_HEADS = set(`
  brigade brigades front army movement tehreek tehrik tahreek tahrik jamaat jamat jamaa jamiat jamiyat lashkar
  foundation trust group organisation organization party jaish hizb hizbul hezbollah hizbollah sipah harkat
  harakat ansar ansarul majlis tanzeem tanzim association network cult cartel gang brotherhood mujahideen
  mujahidin taliban legion battalion battalions league federation society alliance coalition forum fellowship
  squad corps guard guards wing forces force militia militias fauj lashkar-e council committee youth students
  order division base khilafah caliphate jihad jihadi mahaz sangathan morcha dal sena welfare relief
  institute academy centre center mission initiative project collective brotherhood sisterhood sect
  union unions committees councils associations networks centres centers institutes foundations
  jabhat jabha jabhet kataib kata'ib katibat saraya liwa tanzim ittehad ittihad itehad anjuman tehrik sangat
  manch sangh samiti parishad andolan jatha jathebandi
  tahreek-e tehreek-e tehrik-e jaysh jaish-e hizb-e hizb-ul harakat-ul sipah-e lashkar-i
  company companies llc ltd limited inc corp corporation plc gmbh fze fzco llp pvt trading enterprises holdings industries
`);

/** Words that make a `... Council`/`... Committee` a militant body rather than a state one. */
export const MILITANT_MODIFIERS = set(`
  resistance liberation revolutionary shura rebel insurgent patriotic mujahideen mujahidin jihad jihadi
  militant imams imam ulema ulama clerics muslim muslims islamic sikh sikhs hindu christian students student
  youth women workers traders people's peoples popular hurriyat solidarity aid legal welfare relief educational
  dignity media cultural ulema brotherhood unity millat azadi inqilabi
`);

/** Head words of state bodies: they issue bans rather than receive them. */
export const AUTHORITY_HEADS = set(`
  ministry department authority office agency court council commission secretary government cabinet
  parliament senate assembly treasury bureau directorate tribunal police service services minister
  secretariat administration prosecutor
`);

/** Words that end a law's name. */
export const LAW_HEADS = set('act ordinance code law regulation regulations statute constitution bill rules');

/** Outlets: words in the name or the way they are cited. */
export const PUBLICATION_HEADS = set(`
  news digital tv television radio times post tribune express herald today daily journal dawn reuters
  gazette chronicle telegraph guardian standard mail mirror observer review monitor wire media
`);

/** Words before a name that make it a person. */
export const PERSON_TITLES = set(`
  mr mrs ms miss dr sir maulana mullah molvi maulvi mufti hafiz qari sheikh shaikh syed sayyid pir sardar
  president premier minister chief commander leader founder spokesman spokesperson chairman chairperson
  secretary general gen lt col maj capt brigadier justice judge senator governor
  deputy cleric militant operative activist
`);

/** Role nouns linking a person to an organisation: `X chief Y`, `Y, leader of X`. */
export const MEMBER_ROLES = set(`
  chief leader head founder co-founder commander spokesman spokesperson member members chairman chairperson
  emir ameer amir deputy operative activist militant president secretary-general fighter recruiter
  fundraiser financier treasurer facilitator ideologue strategist
`);

/** Lower-case nouns that stand for an organisation in a definite description (`the group`). */
export const GENERIC_ORG_NOUNS = set(`
  group organisation organization outfit party movement entity association network faction wing front
  militia outfits groups organisations organizations entities
`);

/** Nouns after a place name that belong to it: `Kurram district`, `Idlib province`, `Qom city`. */
export const PLACE_SUFFIXES = set(`
  district province city region state valley governorate tehsil division agency county town village
  territory territories emirate prefecture oblast districts provinces regions strip
`);

/** Capitalised only because they open a sentence or a title; never part of a name. */
export const FUNCTION_WORDS = set(`
  a an the this that these those it its it's they them their there here he she his her him we our us you
  your i my me in on at of for from by with to into onto under over after before during since until about
  against among between through across per via as and or but nor so yet if when while where which who whom
  whose what why how than then also however meanwhile besides moreover furthermore earlier later now today
  according following despite although though because unless whether some many most all several other
  another such each every no not any both either neither one two three four five six seven eight nine ten
  is are was were be been being has have had do does did will would shall should can could may might must
  share read more photo file image video watch listen click related advertisement
`);

export const PREPOSITIONS = set(`
  of for from by with to into onto under over after before during since until about against among between
  through across per via in on at within without toward towards upon near inside outside behind beyond
  like than including
`);

/** Words that join capitalised words inside one name. */
export const NAME_CONNECTORS = set('of the and for de del la los las da di al el ul e i bin ibn ud ur us');

export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
