// Builds the extension bundle (dist/extension.js) and, with --tests, the test bundles (out/).
//   node esbuild.mjs                 development: linked source maps
//   node esbuild.mjs --production    minified, no source maps
//   node esbuild.mjs --watch         rebuilds on change, with start/finish lines for the problem matcher
//   node esbuild.mjs --tests         also bundles test/**/*.ts into out/ for mocha and the extension host
// Every build also writes l10n/bundle.l10n.json, the English messages of src/ that VS Code translates
// from: generated, not committed, so it is never stale and parallel edits of strings never conflict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
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

/** Writes l10n/bundle.l10n.json from every `vscode.l10n.t` and `l10n.t` call of src/ (under a second). */
async function writeL10nBundle() {
  const files = fs
    .readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ extension: '.ts', contents: fs.readFileSync(path.join('src', file), 'utf8') }));
  const bundle = await getL10nJson(files);
  fs.mkdirSync('l10n', { recursive: true });
  fs.writeFileSync('l10n/bundle.l10n.json', `${JSON.stringify(bundle, null, 2)}\n`);
}

/** Regenerates the bundle at each (re)build, so `--watch` keeps it current too. */
const l10nBundle = {
  name: 'l10n-bundle',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length === 0) await writeL10nBundle();
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
    external: ['vscode', 'mocha', 'playwright-core', '@workos-inc/node', '@vscode/test-electron', '@vscode/l10n-dev'],
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
