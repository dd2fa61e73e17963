import { foldToken } from './fold.js';

/**
 * Given names with their short forms and diminutives, and their gender.
 *
 * No maintained package holds such a table for JavaScript, so it is ours: written from general
 * knowledge of naming customs, never from a list's entries. Short forms that are also
 * particles or articles (`Al`, `Ben`, `Ed`) are left out: they would meet every `al-`. A line is
 * `FORMAL[/VARIANT…] GENDER: SHORT FORMS…`, GENDER `m`, `f` or `u`. A short form is related
 * to the formal names of its line (Sasha to Aleksandr, Aleksandra and Natalia), never to
 * another short form of it (Bill and Will may be two people); spelling variants of a formal name
 * need no line of their own, since folding and the skeleton rules reach them.
 *
 * The gender serves one rule: two given names of opposite gender one letter or a vowel apart
 * (`Daniel`/`Danielle`, `Aleksandr`/`Aleksandra`) are different names, not spellings of one.
 */
const TABLE = `
william m: bill billy will willy willie liam
robert m: bob bobby rob robbie robby bert
richard m: dick rick ricky rich richie
james m: jim jimmy jamie
john m: jack johnny
jonathan m: jon jonny
joseph m: joe joey
thomas m: tom tommy
charles m: charlie chuck chas
edward m: eddie ted ned
anthony/antony m: tony
benjamin/binyamin/benyamin m: benny bibi
michael m: mike mick mickey mikey
christopher m: chris kit
daniel m: dan danny
david m: dave davy
donald m: don donny
douglas m: doug
francis m: frank frankie
frederick m: fred freddie freddy
gerald m: gerry jerry
gregory m: greg
harold m: harry
henry m: harry hank
jacob m: jake
lawrence/laurence m: larry
leonard m: len lenny leo
matthew m: matt
nicholas m: nick nicky
patrick m: pat paddy
peter m: pete
philip/phillip m: phil
raymond m: ray
ronald m: ron ronnie
samuel m: sam sammy
stephen/steven m: steve
timothy m: tim timmy
walter m: walt
zachary m: zach zack
alfred m: alf alfie fred
albert m: bert
andrew m: andy drew
abraham m: abe
gabriel m: gabe
nathan/nathaniel m: nate nat
theodore m: ted teddy theo
victor m: vic
vincent m: vince vinny
kenneth m: ken kenny
eugene m: gene
bartholomew m: bart
elizabeth f: liz lizzie beth betty bette betsy eliza libby
margaret f: maggie meg peggy marge greta
catherine/katherine/kathryn/katharine f: kate katie cathy kathy kat kitty
susan/suzanne f: sue susie suzy
deborah f: debbie deb
jennifer f: jen jenny
jessica f: jess
rebecca f: becky
patricia f: pat patty trish
victoria f: vicky tori
christine/christina f: chris tina
dorothy f: dot dolly
frances f: fran
judith f: judy
alexander/aleksandr/alexandre/aleksander m: alex sasha sascha sanya shura xander sandy
alexandra/aleksandra f: alex sasha sascha shura sandra sandy
aleksei/alexei/alexey/aleksey m: alyosha lyosha
anatoly/anatoliy m: tolya
andrei/andrey m: andryusha
boris m: borya
dmitry/dmitri/dmitriy m: dima mitya
yevgeny/evgeny/yevgeniy/evgeniy m: zhenya
yevgenia/evgenia/yevgeniya f: zhenya
ivan m: vanya
konstantin m: kostya
mikhail/mikheil m: misha
nikolai/nikolay m: kolya
pavel m: pasha
pyotr/petr m: petya
sergei/sergey m: seryozha
vladimir m: volodya vova
vyacheslav m: slava
yuri/yury/yuriy m: yura
viktor m: vitya
grigory/grigori m: grisha
leonid m: lyonya
maxim/maksim m: max
stanislav m: stas
vasily/vasiliy m: vasya
yakov m: yasha
yekaterina/ekaterina f: katya
yelena/elena f: lena
maria/mariya f: masha
natalia/natalya/natasha f: sasha natasha
olga f: olya
svetlana f: sveta
tatiana/tatyana f: tanya
anastasia/anastasiya f: nastya
anna f: anya
irina f: ira
lyudmila/ludmila f: lyuda mila
valentina f: valya
galina f: galya
nadezhda f: nadya
yulia/yuliya/julia f: yulya
darya/daria f: dasha
ksenia/kseniya f: ksyusha
yelizaveta/elizaveta f: liza
sofia/sofiya f: sonya
jose m: pepe pepito
francisco m: paco pancho curro
enrique m: quique
ignacio m: nacho
guillermo m: memo
jesus m: chucho chuy
manuel m: manolo manu
alejandro m: alejo
eduardo m: lalo
roberto m: beto
alberto m: beto
rafael m: rafa
fernando m: nando
santiago m: santi
dolores f: lola
concepcion f: concha
rosario f: charo
guadalupe f: lupe
giuseppe m: beppe peppe pino
giovanni m: gianni
salvatore m: toto
alessandro m: sandro
vincenzo m: enzo
domenico m: mimmo
johannes m: hans johann
friedrich m: fritz
heinrich m: heinz
wilhelm m: willi
margarete f: grete
`;

/** Names with no short forms, listed for the gender rule: pairs one letter apart. */
const GENDERED = `
m: daniel ivan paul carlo mario julius julian robert petr jan martin louis henry george joseph eugene fernando alberto roman denis simon christian emil leon antonio francisco francis victor patrick michael gabriel valery vladislav yaroslav stanislav bogdan aleksandr alexander yevgeny evgeny giuliano marcello paolo bruno stefano luciano adrian
f: danielle daniela ivana paula pauline carla maria julia juliana roberta petra jana martina louise henrietta georgia georgina josephine eugenia fernanda alberta romana denise simone christina christine emilia leona antonia francisca frances victoria patricia michelle gabriela gabriella gabrielle valeria vladislava yaroslava stanislava bogdana aleksandra alexandra yevgenia evgenia giuliana marcella paola bruna stefania luciana adriana
`;

const relatives = new Map<string, Set<string>>();
const genders = new Map<string, 'm' | 'f' | 'u'>();

function noteGender(fold: string, g: 'm' | 'f' | 'u'): void {
  const had = genders.get(fold);
  genders.set(fold, had === undefined || had === g ? g : 'u');
}

function relate(a: string, b: string): void {
  if (a === b) return;
  let set = relatives.get(a);
  if (!set) relatives.set(a, (set = new Set()));
  set.add(b);
}

for (const line of TABLE.split('\n')) {
  const m = /^([a-z/]+) ([mfu]):(.*)$/.exec(line.trim());
  if (!m) continue;
  const shorts = m[3]!.trim().split(/\s+/).filter((w) => w !== '');
  const g = m[2] as 'm' | 'f' | 'u';
  const formals = m[1]!.split('/').map(foldToken);
  for (const f of formals) noteGender(f, g);
  for (const s of shorts.map(foldToken)) {
    noteGender(s, g);
    for (const f of formals) {
      relate(s, f);
      relate(f, s);
    }
  }
}
for (const line of GENDERED.split('\n')) {
  const m = /^([mf]):(.*)$/.exec(line.trim());
  if (!m) continue;
  for (const w of m[2]!.trim().split(/\s+/)) noteGender(foldToken(w), m[1] as 'm' | 'f');
}

const NONE: readonly string[] = [];
const relativeLists = new Map<string, readonly string[]>([...relatives].map(([k, v]) => [k, [...v]]));

/** The folds of the names a given name's fold may be short for, or the short forms of it. */
export function givenNameRelatives(fold: string): readonly string[] {
  return relativeLists.get(fold) ?? NONE;
}

/** Whether a fold is a given name of one gender (see oppositeGivenNames). */
export function isGenderedName(fold: string): boolean {
  const g = genders.get(fold);
  return g === 'm' || g === 'f';
}

/** Whether two folds are given names known to be of opposite gender (`daniel`, `daniele`). */
export function oppositeGivenNames(a: string, b: string): boolean {
  const ga = genders.get(a);
  const gb = genders.get(b);
  return ga !== undefined && gb !== undefined && ga !== 'u' && gb !== 'u' && ga !== gb;
}
