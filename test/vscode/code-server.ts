// Starts an isolated code-server (a real VS Code served to a browser) for extension-host tests,
// UI tests and the demo. Nothing is written outside its root folder, and stop() leaves no process behind.
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inheritedEnv, signalGroup } from './processes';
import type { RealVSCode } from './setup';

export interface CodeServerOptions {
  /** Folder for profile, XDG dirs, TMPDIR and the log; default: a new temp folder, removed by stop(). */
  rootDir?: string;
  /** Merged over DEFAULT_USER_SETTINGS into <root>/user-data/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host; the only way to pass WORKOS_API_KEY. */
  env?: Record<string, string>;
  /** Lets the workbench run extension tests from a `payload` URL parameter; it also hides notification toasts. */
  smokeTestDriver?: boolean;
  /** .vsix files to install into <root>/extensions before start. */
  installVsix?: string[];
  /** Default 0: a free port. */
  port?: number;
  /**
   * Puts the workbench behind code-server's login page. Without one, anything that reaches the port
   * drives the workbench: its terminal, and the extension's secret storage.
   */
  password?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  /** The server's stdout and stderr; for a temp root it is removed by stop(). */
  logFile: string;
  /** Resolves with the exit code when the server process exits. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

/** For Debian's Chromium on this machine: without the networking flags it keeps trying closed networks. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const START_TIMEOUT_MS = 60_000;

export async function startCodeServer(vscode: RealVSCode, options: CodeServerOptions = {}): Promise<CodeServer> {
  const ownRoot = !options.rootDir;
  const root = options.rootDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const env = isolatedEnv(root, options.env);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...options.userSettings }, null, 2),
  );
  // Our own config file, or code-server writes one with a generated password. Auth is left to
  // serveCommand: --auth on the command line, a password in $PASSWORD, never in this file.
  const config = path.join(root, 'config.yaml');
  fs.writeFileSync(config, 'cert: false\n');
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.installVsix ?? []) {
    const result = spawnSync(vscode.node24, [vscode.codeServerEntry, ...common, '--install-extension', vsix], {
      env,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`Installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
  }

  const logFile = path.join(root, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  const serve = serveCommand(options);
  const child = spawn(vscode.node24, [vscode.codeServerEntry, ...common, ...serve.args], {
    env: { ...env, ...serve.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start code-server: ${vscode.codeServerEntry}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const killOnExit = (): void => void signalGroup(pid, 'SIGKILL');
  process.on('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(pid, 'SIGTERM');
        await Promise.race([exited, delay(5000)]);
      }
      signalGroup(pid, 'SIGKILL');
      for (let waited = 0; signalGroup(pid, 0) && waited < 5000; waited += 50) await delay(50);
      await new Promise<void>((resolve) => log.end(resolve));
      if (ownRoot) fs.rmSync(root, { recursive: true, force: true });
    })());

  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const fail = (why: string): void => reject(new Error(`code-server ${why}; its log:\n${seen.slice(-4000)}`));
    const timer = setTimeout(() => fail(`did not listen within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      log.write(chunk);
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(`exited with ${code} before listening`);
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  // Keep logging only: the parser's buffer is no longer needed.
  child.stdout.removeAllListeners('data').on('data', (chunk: Buffer) => log.write(chunk));
  child.stderr.removeAllListeners('data').on('data', (chunk: Buffer) => log.write(chunk));

  return { url, port: Number(new URL(url).port), logFile, exited, stop };
}

/**
 * The arguments after the profile ones, and the environment to add, that start the server. A password
 * goes through $PASSWORD: code-server refuses it as an argument (it would show in `ps`), and deletes it
 * from its environment before it starts anything, so no extension host or terminal inherits it.
 */
export function serveCommand(options: Pick<CodeServerOptions, 'port' | 'password' | 'smokeTestDriver'>): {
  args: string[];
  env: NodeJS.ProcessEnv;
} {
  // `=== undefined`: an empty password must not mean no login; code-server refuses to start with one.
  const { password } = options;
  return {
    args: [
      '--bind-addr',
      `127.0.0.1:${options.port ?? 0}`,
      '--auth',
      password === undefined ? 'none' : 'password',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ],
    // An inherited $HASHED_PASSWORD would take the place of ours; spawn() leaves out undefined values.
    env: password === undefined ? {} : { PASSWORD: password, HASHED_PASSWORD: undefined },
  };
}

/** A password for CodeServerOptions.password: 128 random bits, in hex so a double click copies it whole. */
export function randomPassword(): string {
  return crypto.randomBytes(16).toString('hex');
}

/**
 * inheritedEnv() with XDG dirs and TMPDIR under root, so nothing lands in the home folder or /tmp.
 * Also for Chromium, which otherwise writes ~/.cache/dconf.
 */
export function isolatedEnv(root: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = inheritedEnv();
  const dirs = {
    XDG_CONFIG_HOME: 'config',
    XDG_DATA_HOME: 'data',
    XDG_CACHE_HOME: 'cache',
    XDG_RUNTIME_DIR: 'run',
    TMPDIR: 'tmp',
  };
  for (const [name, dir] of Object.entries(dirs)) {
    env[name] = path.join(root, dir);
    fs.mkdirSync(env[name], { recursive: true, mode: 0o700 });
  }
  return { ...env, ...extra };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
