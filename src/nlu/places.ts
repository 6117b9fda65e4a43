/**
 * @module nlu/places
 * City and country names for entity extraction, taken from the runtime's own ICU data (region names and
 * time-zone cities) plus a short list of large cities that have no time zone of their own.
 */

const EXTRA_CITIES = [
  'Bristol',
  'Manchester',
  'Birmingham',
  'Liverpool',
  'Leeds',
  'Glasgow',
  'Edinburgh',
  'Cardiff',
  'Seattle',
  'San Francisco',
  'Boston',
  'Miami',
  'Austin',
  'Houston',
  'Dallas',
  'Atlanta',
  'Philadelphia',
  'San Diego',
  'Washington',
  'Munich',
  'Hamburg',
  'Frankfurt',
  'Cologne',
  'Barcelona',
  'Valencia',
  'Seville',
  'Milan',
  'Naples',
  'Florence',
  'Venice',
  'Marseille',
  'Lyon',
  'Nice',
  'Porto',
  'Osaka',
  'Kyoto',
  'Mumbai',
  'Delhi',
  'New Delhi',
  'Bangalore',
  'Montreal',
  'Ottawa',
  'Rio de Janeiro',
  'Cape Town',
  'Rotterdam',
  'Geneva',
  'Zurich',
  'Krakow',
  'Gothenburg',
  'Antwerp',
  'Marrakesh',
  'Abu Dhabi',
  'Perth',
  'Brisbane',
  'Adelaide',
  'Auckland',
];

/** Time-zone "cities" that are also ordinary words or not cities at all. */
const NOT_CITIES = new Set([
  'easter',
  'wake',
  'midway',
  'center',
  'knox',
  'casey',
  'davis',
  'palmer',
  'troll',
  'nome',
  'south pole',
  'beulah',
]);

const NOT_COUNTRIES = new Set([
  'world',
  'europe',
  'unknown region',
  'pseudo-accents',
  'pseudo-bidi',
  'outlying oceania',
]);

const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'United States',
  us: 'United States',
  'u.s.': 'United States',
  america: 'United States',
  uk: 'United Kingdom',
  england: 'United Kingdom',
  scotland: 'United Kingdom',
  wales: 'United Kingdom',
  britain: 'United Kingdom',
  'great britain': 'United Kingdom',
  holland: 'Netherlands',
  'the netherlands': 'Netherlands',
  'south korea': 'South Korea',
  korea: 'South Korea',
  'czech republic': 'Czechia',
  uae: 'United Arab Emirates',
};

/** Country names that are also common words: matched only when capitalised. */
export const CAPITALISED_ONLY = new Set([
  'turkey',
  'chad',
  'jersey',
  'china',
  'jordan',
  'georgia',
  'guinea',
  'niger',
  'japan',
  'panama',
  'cuba',
  'mali',
]);

let cache: ReturnType<typeof placeNames> | undefined;

/** Lower-cased name → display name, for cities and for countries. */
export function placeNames(): {
  cities: Map<string, string>;
  countries: Map<string, string>;
  firstWords: Set<string>;
} {
  if (cache) return cache;
  const countries = new Map<string, string>();
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = regions.of(code);
      } catch {
        continue;
      }
      if (!name || name === code || NOT_COUNTRIES.has(name.toLowerCase())) continue;
      countries.set(name.toLowerCase(), name);
      const short = name.replace(/\s*\(.*\)$/, '').replace(/ SAR China$/, '');
      countries.set(short.toLowerCase(), short);
    }
  }
  for (const [alias, name] of Object.entries(COUNTRY_ALIASES)) countries.set(alias, name);
  const cities = new Map<string, string>();
  const zones = Intl.supportedValuesOf('timeZone');
  for (const zone of zones) {
    const parts = zone.split('/');
    if (parts.length !== 2 || ['Etc', 'Antarctica', 'SystemV', 'US'].includes(parts[0] ?? '')) continue;
    const name = (parts[1] ?? '').replace(/_/g, ' ');
    if (name.length < 4 || NOT_CITIES.has(name.toLowerCase()) || countries.has(name.toLowerCase())) continue;
    cities.set(name.toLowerCase(), name);
  }
  for (const name of EXTRA_CITIES) cities.set(name.toLowerCase(), name);
  // The first word of every name, with and without trailing dots: most words start none, and are skipped.
  const firstWords = new Set<string>();
  for (const key of [...countries.keys(), ...cities.keys()]) {
    const first = key.split(' ')[0] ?? '';
    firstWords.add(first).add(first.replace(/[.'-]+$/, ''));
  }
  cache = { cities, countries, firstWords };
  return cache;
}
