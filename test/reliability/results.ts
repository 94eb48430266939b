import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where each suite leaves its figures for `report.ts` (test-results/ is git-ignored). */
export function writeResults(repoRoot: string, name: string, data: unknown): void {
  const folder = path.join(repoRoot, 'test-results', 'reliability');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

export function readResults<T>(repoRoot: string, name: string): T | undefined {
  const file = path.join(repoRoot, 'test-results', 'reliability', `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

/** One input of the hostile-input table: what was tried, where, and how it ended. */
export interface HostileRow {
  input: string;
  where: string;
  outcome: string;
}
