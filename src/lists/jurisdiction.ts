import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

/**
 * Jurisdiction codes as the registry stores them: ISO 3166 alpha-2 (`PK`, `GB`), plus `UN` and
 * `EU`. A user who types a country's name (`Pakistan`, `United Kingdom`, `UK`) is told the code.
 */

interface WorldCountry {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
}

const require = createRequire(import.meta.url);
let byName: Map<string, string> | null = null;

function namesToCodes(): Map<string, string> {
  if (byName) return byName;
  const map = new Map<string, string>();
  const countries = require('world-countries') as WorldCountry[];
  for (const c of countries) {
    for (const n of [c.name.common, c.name.official, c.cca3, ...c.altSpellings]) {
      const key = n.toLowerCase();
      if (!map.has(key)) map.set(key, c.cca2);
    }
  }
  // Usual short forms that are not ISO codes, and a country's former name still usual in the press.
  for (const [name, code] of [['uk', 'GB'], ['britain', 'GB'], ['england', 'GB'], ['usa', 'US'], ['america', 'US'], ['turkey', 'TR'], ['united nations', 'UN'], ['european union', 'EU']] as const) {
    map.set(name, code);
  }
  byName = map;
  return map;
}

/** The code a country name, a three-letter code or a usual short form stands for, if any. */
export function jurisdictionForName(text: string): string | null {
  return namesToCodes().get(text.trim().toLowerCase()) ?? null;
}

/**
 * A jurisdiction code as given on the command line or in a request: two letters, any case.
 * Anything else is refused with the code it most likely means (`Pakistan` → `PK`).
 */
export function parseJurisdiction(text: string, field = 'jurisdiction'): string {
  const value = text.trim();
  if (/^[A-Za-z]{2}$/.test(value)) {
    const code = value.toUpperCase();
    // `UK` is the one two-letter form people use that is not the ISO code.
    if (code === 'UK') throw new InputError('"UK" is not an ISO 3166 code: use GB (United Kingdom)', { field });
    return code;
  }
  const hint = jurisdictionForName(value);
  throw new InputError(
    hint
      ? `"${value}" is not a jurisdiction code: use ${hint} (an ISO 3166 alpha-2 code such as PK, GB, IN, US, or UN, EU)`
      : `"${value}" is not a jurisdiction code: use an ISO 3166 alpha-2 code (PK, GB, IN, US) or UN, EU`,
    { field },
  );
}

/** A comma-separated list of codes (`PK,UN`). */
export function parseJurisdictions(text: string, field = 'jurisdictions'): string[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new InputError('give at least one jurisdiction code', { field });
  return [...new Set(parts.map((p) => parseJurisdiction(p, field)))];
}
