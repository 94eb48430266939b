// `npm run demo`: the packaged extension in a real VS Code, pointed at the fake WorkOS API with its
// sample organisation, so the Directories tree is full at once. Desktop VS Code when `code` is on PATH,
// otherwise (or with --web) code-server in your browser. Profiles and logs stay in .vscode-test/demo/.
//   --web    use code-server even if `code` is on PATH
//   --real   (or WORKOS_DEMO_REAL=1) a real WorkOS account instead: no fake, the default API address,
//            and the key from "WorkOS: Set API Key"; code-server then asks for a password printed here
//   --emulator  WorkOS's own emulator (npm `workos`, `workos/emulate`) instead of our fake, with the
//            same sample data as far as its store allows
// Ctrl+C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { seedDataset } from '../emulator/sample';
import { SAMPLE, sampleDataset } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { DEFAULT_USER_SETTINGS, randomPassword, startCodeServer, type CodeServer } from '../vscode/code-server';
import { inheritedEnv, signalGroup } from '../vscode/processes';
import {
  cacheDir,
  CODE_SERVER_VERSION,
  ensureRealVSCode,
  packageExtension,
  repoRoot,
  VSIX,
  type RealVSCode,
} from '../vscode/setup';

const FAKE_PORT = 4100;

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--web' && arg !== '--real' && arg !== '--emulator');
if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown.join(' ')}. Usage: npm run demo -- [--web] [--real | --emulator]`);
  process.exit(2);
}
const real = args.includes('--real') || process.env.WORKOS_DEMO_REAL === '1';
const emulated = args.includes('--emulator');
if (real && emulated) {
  console.error('--real and --emulator exclude each other: one WorkOS API at a time.');
  process.exit(2);
}
// Separate profiles, so a real key saved in one is never sent to the fake. In code-server the browser
// keeps the key per origin: separate ports too.
const demoDir = path.join(cacheDir, 'demo', real ? 'real' : 'fake');
const CODE_SERVER_PORT = real ? 4102 : 4101;
const relative = (file: string) => path.relative(repoRoot, file);
const show = (what: string, text: string) => console.log(`${what.padEnd(16)}${text}`);

let fake: FakeWorkOS | undefined;
let emulator: Emulator | undefined;
let server: CodeServer | undefined;
let desktop: ChildProcess | undefined;
let stopping = false;

/** The fake's or the emulator's address; undefined with --real. */
function localApiUrl(): string | undefined {
  return (fake ?? emulator)?.url;
}

/** For desktop `code`: no key of yours, only the sample's when the fake or the emulator runs. */
function cleanEnv(): NodeJS.ProcessEnv {
  return localApiUrl() ? { ...inheritedEnv(), WORKOS_API_KEY: SAMPLE.apiKey } : inheritedEnv();
}

/** `preferred` if nothing listens there, else 0 (any free port), so a second demo or a busy port still works. */
function portOr(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(0));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

function hasDesktopCode(): boolean {
  return spawnSync('code', ['--version'], { env: cleanEnv(), stdio: 'ignore' }).status === 0;
}

async function startDesktop(userSettings: Record<string, unknown>): Promise<void> {
  const userDataDir = path.join(demoDir, 'desktop', 'user-data');
  const extensionsDir = path.join(demoDir, 'desktop', 'extensions');
  // The same version is not reinstalled over itself: start from no extensions, so a rebuilt .vsix is used.
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2),
  );
  const profile = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const install = spawnSync('code', [...profile, '--install-extension', VSIX], { env: cleanEnv(), encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`Installing ${VSIX} failed:\n${install.stdout}${install.stderr}`);
  const log = fs.openSync(path.join(demoDir, 'desktop', 'code.log'), 'w');
  // --wait keeps the CLI running until the window closes; in its own group so Ctrl+C reaches us only.
  desktop = spawn('code', [...profile, '--new-window', '--wait'], {
    env: cleanEnv(),
    detached: true,
    stdio: ['ignore', log, log],
  });
  desktop.once('exit', () => void stop('VS Code was closed.', 0));
  show('VS Code', `a new desktop window (profile and log in ${relative(path.join(demoDir, 'desktop'))}/)`);
  show('', 'Click the WorkOS icon in its activity bar.');
}

/** The CLI starts VS Code as a detached child (its own process group): stop that group as well as the CLI's. */
function stopDesktop(): void {
  const pid = desktop?.pid;
  if (pid === undefined) return;
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  for (const group of [...children, pid]) signalGroup(group, 'SIGTERM');
}

async function startWeb(vscode: RealVSCode, userSettings: Record<string, unknown>): Promise<void> {
  const rootDir = path.join(demoDir, 'code-server');
  fs.rmSync(path.join(rootDir, 'extensions'), { recursive: true, force: true });
  // With --real, your key is in this profile's secret storage: a login keeps other local processes and
  // pages that reach loopback out of the workbench. The password is kept nowhere but on your screen.
  const password = real ? randomPassword() : undefined;
  server = await startCodeServer(vscode, {
    rootDir,
    installVsix: [VSIX],
    userSettings,
    env: localApiUrl() ? { WORKOS_API_KEY: SAMPLE.apiKey } : {},
    port: await portOr(CODE_SERVER_PORT),
    password,
  });
  void server.exited.then((code) => stop(`code-server exited (${code}); its log: ${relative(server!.logFile)}`, 1));
  show('VS Code', `${server.url}  (code-server ${CODE_SERVER_VERSION}; profile and log in ${relative(rootDir)}/)`);
  if (password) show('Password', `${password}  (code-server's login page asks for it; a new one each run)`);
  show('', 'Open it in your browser and click the WorkOS icon in the activity bar.');
}

async function stop(why: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${why} Stopping…`);
  stopDesktop();
  await Promise.all([server?.stop(), fake?.close(), emulator?.close()]);
  process.exit(code);
}

async function main(): Promise<void> {
  packageExtension();
  fs.mkdirSync(demoDir, { recursive: true });
  // `on`, not `once`: a second Ctrl+C must not cut the clean-up short.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(`${signal}.`, 0));

  const vscode = !args.includes('--web') && hasDesktopCode() ? undefined : await ensureRealVSCode();
  if (real) {
    show('WorkOS API', 'https://api.workos.com, your account: run "WorkOS: Set API Key" with your sk_… key');
  } else if (emulated) {
    emulator = await startEmulator({ apiKey: SAMPLE.apiKey, port: await portOr(FAKE_PORT) });
    const dataset = sampleDataset();
    seedDataset(emulator.store, dataset);
    show(
      'WorkOS emulator',
      `${emulator.url}  (workos/emulate with the sample organisation, ${dataset.directories.length} directories; key ${SAMPLE.apiKey} through WORKOS_API_KEY)`,
    );
    show('', "It ignores the API's group filter: each group lists every user of its directory.");
  } else {
    fake = await startFakeWorkOS({ port: await portOr(FAKE_PORT), apiKeys: [SAMPLE.apiKey] });
    show(
      'Fake WorkOS API',
      `${fake.url}  (sample organisation, ${fake.dataset.directories.length} directories; key ${SAMPLE.apiKey} through WORKOS_API_KEY)`,
    );
  }
  const url = localApiUrl();
  const userSettings = url ? { 'workos.apiBaseUrl': url } : {};
  if (vscode) await startWeb(vscode, userSettings);
  else await startDesktop(userSettings);
  console.log('Press Ctrl+C to stop everything the demo started.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  void stop('The demo could not start.', 1);
});
