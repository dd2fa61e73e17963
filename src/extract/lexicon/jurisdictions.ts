/**
 * Which country a state body or a statute belongs to, for the `jurisdiction` qualifier when the
 * article does not say. General knowledge of the bodies and laws that ban organisations in the
 * countries this product covers; anything missing falls back to the article's own context.
 */

export interface KnownBody {
  pattern: RegExp;
  country: string;
}

export const KNOWN_AUTHORITIES: KnownBody[] = [
  { pattern: /^(national counter terrorism authority|nacta)$/i, country: 'PK' },
  { pattern: /^(ministry of home affairs|union home ministry|mha|national investigation agency|nia)$/i, country: 'IN' },
  { pattern: /^(home office|home secretary|secretary of state for the home department)$/i, country: 'GB' },
  { pattern: /^(state department|department of state|us state department|treasury|us treasury|department of the treasury|office of foreign assets control|ofac|department of homeland security|dhs)$/i, country: 'US' },
  { pattern: /^(public safety canada)$/i, country: 'CA' },
  { pattern: /^((un |united nations )?security council|unsc|united nations|un|(the )?1267 committee|sanctions committee)$/i, country: 'UN' },
  { pattern: /^(council of the (european union|eu)|european council|european union|eu)$/i, country: 'EU' },
  { pattern: /^(bundesinnenministerium|federal ministry of the interior)$/i, country: 'DE' },
];

export const KNOWN_LAWS: KnownBody[] = [
  { pattern: /^(anti[- ]terrorism act,? (of )?1997|ata,? 1997)$/i, country: 'PK' },
  { pattern: /^(terrorism act,? (of )?2000|ta 2000)$/i, country: 'GB' },
  { pattern: /^(unlawful activities \(prevention\) act.*|unlawful activities prevention act.*|uapa)$/i, country: 'IN' },
  { pattern: /^(terrorism suppression act.*)$/i, country: 'NZ' },
  { pattern: /^(immigration and nationality act.*|executive order 13224|ina)$/i, country: 'US' },
  { pattern: /^(vereinsgesetz|associations act)$/i, country: 'DE' },
];

export function knownCountry(list: KnownBody[], name: string): string | null {
  const n = name.trim().replace(/^the\s+/i, '').replace(/\s+/g, ' ');
  for (const b of list) if (b.pattern.test(n)) return b.country;
  return null;
}
