// `npm run test:integration`: runs out/test/integration/ inside a real VS Code extension host.
// Default: code-server (offline, from npm) through launcher.ts. `--desktop` or WORKOS_TEST_VSCODE=desktop:
// desktop VS Code downloaded by @vscode/test-electron (needs the internet and a display).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { cacheDir, ensureRealVSCode, repoRoot } from './setup';

const desktop = process.argv.includes('--desktop') || process.env.WORKOS_TEST_VSCODE === 'desktop';

/** runTests() spawns the "VS Code executable" directly, so the launcher needs an executable wrapper. */
function writeLauncherScript(): string {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const script = path.join(cacheDir, 'code-server-launcher');
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(
    script,
    `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(path.join(__dirname, 'launcher.js'))} "$@"\n`,
    { mode: 0o755 },
  );
  return script;
}

async function main(): Promise<void> {
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(extensionTestsPath))
    throw new Error(`${extensionTestsPath} is missing: run \`node esbuild.mjs --tests\` first`);
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  }
  // The suite must not depend on a developer's real key, whichever VS Code runs it.
  delete process.env.WORKOS_API_KEY;
  const folder = path.join(repoRoot, 'test', 'fixtures', 'workspace');
  if (desktop) {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [folder, '--disable-extensions'],
    });
  } else {
    await ensureRealVSCode();
    await runTests({
      vscodeExecutablePath: writeLauncherScript(),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [folder],
    });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
