// Builds the extension bundle (dist/extension.js) and, with --tests, the test bundles (out/).
//   node esbuild.mjs                 development: linked source maps
//   node esbuild.mjs --production    minified, no source maps
//   node esbuild.mjs --watch         rebuilds on change, with start/finish lines for the problem matcher
//   node esbuild.mjs --tests         also bundles test/**/*.ts into out/ for mocha and the extension host
// Every build also writes l10n/bundle.l10n.json, the English messages of src/ that VS Code translates
// from: generated, not committed, so it is never stale and parallel edits of strings never conflict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

// ofetch's "node" entry pulls in a node-fetch polyfill (~125 KB); its "worker" entry uses the global
// fetch, which Node 18+ and VS Code's extension host (with its proxy support) provide.
const shared = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  conditions: ['worker'],
  external: ['vscode'],
  keepNames: true,
  logLevel: 'warning',
};

/** Prints the lines the `$esbuild-watch` problem matcher in .vscode/tasks.json waits for. */
const problemMatcherLines = {
  name: 'problem-matcher-lines',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const BUNDLE = 'l10n/bundle.l10n.json';

/**
 * Writes l10n/bundle.l10n.json from every `vscode.l10n.t` and `l10n.t` call of src/, unless it is newer
 * than every file and folder there. The sources go to the generator as one text: its cost is mostly per
 * file (about 0.2 s each), and it finds calls one by one, so the joined text yields the same bundle.
 */
async function writeL10nBundle() {
  const entries = fs.readdirSync('src', { recursive: true, encoding: 'utf8' }).map((file) => path.join('src', file));
  const changed = Math.max(fs.statSync('src').mtimeMs, ...entries.map((entry) => fs.statSync(entry).mtimeMs));
  if (fs.existsSync(BUNDLE) && fs.statSync(BUNDLE).mtimeMs > changed) return;
  const { getL10nJson } = await import('@vscode/l10n-dev'); // loaded only when needed: it takes most of a second
  const sources = entries.filter((entry) => entry.endsWith('.ts')).map((file) => fs.readFileSync(file, 'utf8'));
  const bundle = await getL10nJson([{ extension: '.ts', contents: sources.join('\n') }]);
  fs.mkdirSync('l10n', { recursive: true });
  fs.writeFileSync(BUNDLE, `${JSON.stringify(bundle, null, 2)}\n`);
}

/** Regenerates the bundle at each (re)build, so `--watch` keeps it current too. */
const l10nBundle = {
  name: 'l10n-bundle',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      // Watching, the rebuild is not held up for it (English needs no bundle); a build waits for it.
      if (watch) void writeL10nBundle().catch((error) => console.error(`✘ [ERROR] l10n bundle: ${error}`));
      else await writeL10nBundle();
    });
  },
};

const builds = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    metafile: true,
    plugins: watch ? [l10nBundle, problemMatcherLines] : [l10nBundle],
  },
];
if (tests) {
  // Bundles of deleted tests would otherwise still run: the suites pick up every *.test.js in out/.
  if (!watch) fs.rmSync('out', { recursive: true, force: true });
  builds.push({
    ...shared,
    entryPoints: ['test/**/*.ts'],
    outdir: 'out',
    outbase: '.',
    external: [
      'vscode',
      'mocha',
      'playwright-core',
      '@workos-inc/node',
      '@vscode/test-electron',
      '@vscode/l10n-dev',
      'typescript',
    ],
    sourcemap: 'inline',
  });
}

const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
