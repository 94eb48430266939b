// The secret-hygiene search, shared by the extension-host run and the UI run: which of the keys
// appear in which of the places the extension could have written to.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeResults } from './results';

/** What `report.ts` reads of one run. */
export interface Hygiene {
  placesChecked: number;
  keysLookedFor: number;
  leaks: string[];
}

/** A place searched: its name in the report, and its text. */
export type Place = [name: string, text: string];

/** Every file below `folder` (none when it does not exist). */
export function listFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(folder, entry))
    .filter((file) => fs.statSync(file).isFile());
}

/** Searches every place for every key, records the figures as `name` for the report, and returns the leaks. */
export function recordHygiene(repoRoot: string, name: string, places: Place[], keys: string[]): string[] {
  const leaks = places.flatMap(([place, text]) =>
    keys.filter((key) => text.includes(key)).map((key) => `${key.slice(0, 8)}… in ${place}`),
  );
  const hygiene: Hygiene = { placesChecked: places.length, keysLookedFor: keys.length, leaks };
  writeResults(repoRoot, name, hygiene);
  return leaks;
}
