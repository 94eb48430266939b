// Builds the extension bundle (dist/extension.js) and, with --tests, the test bundles (out/).
//   node esbuild.mjs                 development: linked source maps
//   node esbuild.mjs --production    minified, no source maps
//   node esbuild.mjs --watch         rebuilds on change, with start/finish lines for the problem matcher
//   node esbuild.mjs --tests         also bundles test/**/*.ts into out/ for mocha and the extension host
import * as fs from 'node:fs';
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

const builds = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    metafile: true,
    plugins: watch ? [problemMatcherLines] : [],
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
    external: ['vscode', 'mocha', 'playwright-core', '@workos-inc/node', '@vscode/test-electron'],
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
