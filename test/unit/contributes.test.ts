import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, CONTEXT_KEYS, ROW_CONTEXTS } from '../../src/ui/contributes';

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    viewsWelcome: Array<{ when?: string }>;
  };
}

const manifest = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
) as Manifest;
const whens = [
  ...Object.values(manifest.contributes.menus).flatMap((entries) => entries.map((entry) => entry.when ?? '')),
  ...manifest.contributes.viewsWelcome.map((entry) => entry.when ?? ''),
];

describe('the names shared with the manifest', () => {
  it('every command the code knows is contributed, and every contributed command is known', () => {
    const contributed = manifest.contributes.commands.map(({ command }) => command).sort();
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
  });

  it('every menu names a known command', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const { command } of entries) assert.ok(known.has(command), `${menu} names ${command}`);
    }
  });

  it('every row context a menu matches is one the rows set, and every context key is known', () => {
    const rows = new Set<string>(Object.values(ROW_CONTEXTS));
    for (const when of whens) {
      for (const [, value] of when.matchAll(/viewItem\s*==\s*([\w.]+)/g)) assert.ok(rows.has(value), `${when}`);
      for (const [pattern] of when.matchAll(/viewItem\s*=~\s*\/[^/]+\//g)) {
        const regex = new RegExp(pattern.slice(pattern.indexOf('/') + 1, pattern.lastIndexOf('/')));
        assert.ok(
          [...rows].some((row) => regex.test(row)),
          `${when} matches some row`,
        );
      }
      const keys = [...when.matchAll(/\b(workos\.[\w.]+)\s*(?:==|!=|>|<|&&|\|\||$)/g)].map(([, key]) => key);
      const views = new Set(['workos.directories', 'workos.changes']);
      for (const key of keys) {
        if (views.has(key) || rows.has(key)) continue;
        assert.ok((CONTEXT_KEYS as readonly string[]).includes(key), `${key} in "${when}" is a known context key`);
      }
    }
  });
});
