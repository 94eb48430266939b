// The folders of src/ are layers, each allowed to use only those below it, so a low service (the
// client, the environment store) never reaches up into a feature and a newcomer can read them in order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

/** Lowest first. A folder not named here is a feature (a folder with one register function). */
const LAYERS = ['workos', 'text', 'host', 'environments', 'session', 'ui'];
const FEATURE = LAYERS.length;
/** The wiring: extension.ts and services.ts, above every feature. */
const ROOT = FEATURE + 1;

function layerOf(file: string): number {
  const relative = path.relative(SRC, file);
  if (!relative.includes(path.sep)) return ROOT;
  const index = LAYERS.indexOf(relative.split(path.sep)[0]);
  return index === -1 ? FEATURE : index;
}

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

interface Import {
  file: string;
  line: number;
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const match = /^import\s+(type\s+)?.*from\s+'(\.[^']+)'/.exec(text);
      if (!match) return [];
      const target = path.resolve(path.dirname(file), match[2]);
      const resolved = fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
      return [{ file, line: index + 1, target: resolved, typeOnly: match[1] !== undefined }];
    });
}

/** Why `entry` breaks the layering, or undefined. */
function violation({ file, target, typeOnly }: Import): string | undefined {
  const from = layerOf(file);
  const to = layerOf(target);
  // Features are handed the services (a type); nothing else imports the wiring.
  if (to === ROOT) return from === ROOT || (from === FEATURE && typeOnly) ? undefined : 'imports the wiring';
  return to > from ? `reaches up from ${LAYERS[from] ?? 'a feature'} to ${LAYERS[to] ?? 'a feature'}` : undefined;
}

describe('layers of src/', () => {
  it('reads the source it checks', () => {
    const files = sources(SRC);
    assert.ok(files.length > 30, `${files.length} files`);
    assert.ok(files.some((file) => file.endsWith(path.join('workos', 'client.ts'))));
  });

  it('no folder imports a folder above it', () => {
    const problems = sources(SRC)
      .flatMap(importsOf)
      .flatMap((entry) => {
        const why = violation(entry);
        return why
          ? [`${path.relative(SRC, entry.file)}:${entry.line} ${why}: ${path.relative(SRC, entry.target)}`]
          : [];
      });
    assert.deepEqual(problems, []);
  });

  it('the check itself: a client importing the session, or a feature importing the extension, is caught', () => {
    const at = (relative: string) => path.join(SRC, relative);
    assert.match(
      violation({ file: at('workos/client.ts'), target: at('session/session.ts'), line: 1, typeOnly: false }) ?? '',
      /reaches up/,
    );
    assert.match(
      violation({
        file: at('environments/environment-store.ts'),
        target: at('ui/notify.ts'),
        line: 1,
        typeOnly: true,
      }) ?? '',
      /reaches up/,
    );
    assert.ok(violation({ file: at('find/find-user.ts'), target: at('extension.ts'), line: 1, typeOnly: false }));
    assert.equal(
      violation({ file: at('find/find-user.ts'), target: at('services.ts'), line: 1, typeOnly: true }),
      undefined,
    );
    assert.equal(
      violation({ file: at('ui/notify.ts'), target: at('text/safe-text.ts'), line: 1, typeOnly: false }),
      undefined,
    );
  });
});
