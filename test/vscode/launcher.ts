// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns: it takes the same
// `--extensionDevelopmentPath=… --extensionTestsPath=… <folder>` arguments, runs the tests in code-server's
// extension host through headless Chromium, relays their output and exits with their exit code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, isolatedEnv, startCodeServer, type CodeServer } from './code-server';
import { realVSCodePaths } from './setup';

const TIMEOUT_MS = 10 * 60_000;

function argValue(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const extensionDevelopmentPath = argValue('extensionDevelopmentPath');
const extensionTestsPath = argValue('extensionTestsPath');
// runTests also passes --user-data-dir, --no-sandbox and the like: a folder is the only non-flag argument.
const folder = process.argv.slice(2).find((arg) => !arg.startsWith('-'));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-tests-'));
let server: CodeServer | undefined;
let context: BrowserContext | undefined;

async function cleanUp(): Promise<void> {
  await Promise.all([context?.close().catch(() => undefined), server?.stop()]);
  fs.rmSync(root, { recursive: true, force: true });
}

function printServerLogTail(): void {
  if (!server || !fs.existsSync(server.logFile)) return;
  const lines = fs.readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-60);
  console.error(`--- last ${lines.length} lines of the code-server log ---\n${lines.join('\n')}\n---`);
}

async function runTests(): Promise<number> {
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('usage: launcher --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [folder]');
  }
  const vscode = realVSCodePaths();
  const browserEnv = isolatedEnv(path.join(root, 'browser'));
  process.env.TMPDIR = browserEnv.TMPDIR; // for playwright's own temp files
  server = await startCodeServer(vscode, { rootDir: path.join(root, 'server'), smokeTestDriver: true });

  // The workbench loads the extension and its tests from the server, so both are vscode-remote URIs.
  const authority = `127.0.0.1:${server.port}`;
  const remote = (file: string): string => `vscode-remote://${authority}${path.resolve(file)}`;
  const url = new URL(server.url);
  if (folder) url.searchParams.set('folder', path.resolve(folder));
  url.searchParams.set(
    'payload',
    JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
    ]),
  );

  context = await chromium.launchPersistentContext(path.join(root, 'browser', 'profile'), {
    executablePath: vscode.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: browserEnv,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let testsDone: (code: number) => void = () => undefined;
  const testsExited = new Promise<number>((resolve) => (testsDone = resolve));
  await context.exposeFunction('codeAutomationExit', (code: number) => testsDone(code));
  await context.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // The workbench's own offline errors (gallery lookups and the like) carry long minified stacks:
    // keep their first line. The extension host's stacks point at files, not at the server, and stay.
    const text = format(...args).replace(/\n\s+at .*https?:\/\/127\.0\.0\.1:\d+\/.*(?=\n|$)/g, '');
    (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The workbench's console already arrives through codeAutomationLog; uncaught page errors do not.
  page.on('pageerror', (error) => console.error(`browser: ${error.message}`));
  await page.goto(url.href, { waitUntil: 'commit' });

  return Promise.race([
    testsExited,
    server.exited.then((code) => {
      throw new Error(`code-server exited with ${code} before the tests finished`);
    }),
    new Promise<never>((_, reject) => {
      page.once('crash', () => reject(new Error('the workbench page crashed')));
      page.once('close', () => reject(new Error('the browser closed before the tests finished')));
    }),
  ]);
}

let finishing: Promise<never> | undefined;
function finish(code: number): Promise<never> {
  return (finishing ??= (async () => {
    if (code !== 0) printServerLogTail();
    await cleanUp();
    process.exit(code);
  })());
}

setTimeout(() => {
  console.error(`launcher: the tests did not finish within ${TIMEOUT_MS / 60_000} min`);
  void finish(1);
}, TIMEOUT_MS);

// Ctrl+C reaches us twice (from the terminal and from runTests): a second signal must not cut the clean-up short.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`launcher: ${signal}, stopping code-server and Chromium`);
    void finish(128 + os.constants.signals[signal]);
  });
}

void runTests()
  .catch((error: unknown) => {
    // After a signal, errors from the closing browser are expected.
    if (!finishing) console.error(`launcher: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(finish);
