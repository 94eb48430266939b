// `node esbuild.mjs --tests && node out/test/demo/check-fresh.js`: the README's first command as a person
// runs it on a fresh clone. A copy of this checkout's files (what git tracks, as they are now, without
// .vscode-test/, out/ or dist/) runs `npm run demo -- --web`; the check reads the workbench and the fake
// API it serves, presses Ctrl+C (SIGINT to the process group, as a terminal does), and checks that
// everything stopped. The copy shares node_modules and reuses this checkout's code-server install
// (WORKOS_VSCODE_TOOLS), so it costs seconds, not the 2–3 minute install, but the demo's own steps
// (packaging into a .vscode-test/ that does not exist yet, its profile, its fake) all run. `npm test` runs
// it before test:demo-login; it uses the demo's port, so not beside a running demo.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLE } from '../fake-workos/dataset';
import { inheritedEnv } from '../vscode/processes';
import { cacheDir, ensureRealVSCode, repoRoot, VSIX } from '../vscode/setup';
import { startDemo } from './demo-process';

let failed = 0;
function check(what: string, seen: string, ok: boolean): void {
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${seen}`);
}

/** The files of this checkout that a clone would have: tracked, plus new ones git does not ignore. */
function copyCheckout(to: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(to, 'node_modules'), 'dir');
}

async function main(): Promise<void> {
  // Installed here first if this checkout has none yet, so the copy only reuses it.
  await ensureRealVSCode();
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'workos-fresh-clone-'));
  try {
    copyCheckout(clone);
    const cloneCache = path.join(clone, path.relative(repoRoot, cacheDir));
    check('the copy starts without .vscode-test/', String(fs.existsSync(cloneCache)), !fs.existsSync(cloneCache));

    const env = { ...inheritedEnv(), WORKOS_VSCODE_TOOLS: cacheDir };
    const demo = await startDemo(['--web'], clone, env);
    try {
      const packaged = path.join(clone, path.relative(repoRoot, VSIX));
      check('the demo packaged the extension into the new folder', packaged, fs.existsSync(packaged));
      const page = await fetch(demo.url, { headers: { accept: 'text/html' } });
      const html = await page.text();
      check(
        'GET / serves the workbench',
        `${page.status}, ${html.length} bytes`,
        page.status === 200 && html.includes('workbench'),
      );
      const fakeUrl = /^Fake WorkOS API\s+(http:\/\/\S+)/m.exec(demo.output())?.[1];
      const directories = fakeUrl
        ? await fetch(new URL('directories', `${fakeUrl}/`), {
            headers: { authorization: `Bearer ${SAMPLE.apiKey}` },
          }).then(
            async (response) =>
              `${response.status}, ${((await response.json()) as { data: unknown[] }).data.length} directories`,
            (error: unknown) => String(error),
          )
        : 'no address printed';
      check('the sample API answers GET /directories', directories, directories.startsWith('200, '));
    } finally {
      const { stopped, exit } = await demo.stop('SIGINT');
      check(
        'Ctrl+C stops every process the demo started',
        `${stopped ? 'all gone' : 'some left'} (npm: ${exit})`,
        stopped,
      );
      check('the demo said it was stopping', 'SIGINT. Stopping…', demo.output().includes('SIGINT. Stopping…'));
    }
    const after = await fetch(demo.url).then(
      (response) => `still answers ${response.status}`,
      () => 'refused',
    );
    check('after Ctrl+C, the workbench address', after, after === 'refused');
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(failed ? 1 : 0),
  (error: unknown) => {
    console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
