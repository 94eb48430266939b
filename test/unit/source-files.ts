import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository: the unit tests run from out/test/unit/. */
export const ROOT = path.resolve(__dirname, '../../..');

/** Every .ts file under src/, as `src/a/b.ts`. */
export function sourceFiles(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `src/${file.split(path.sep).join('/')}`);
}
