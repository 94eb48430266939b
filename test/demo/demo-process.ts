// `npm run demo …` started as a person starts it, for the checks that look at the demo from outside.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { signalGroup } from '../vscode/processes';

const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 20_000;

export interface RunningDemo {
  /** Everything it printed so far, stdout and stderr. */
  readonly output: () => string;
  /** The workbench address it printed, once it said "Press Ctrl+C". */
  readonly url: string;
  readonly password: string | undefined;
  /**
   * Sends `signal` to the demo's whole process group (what Ctrl+C in a terminal does) and waits until no
   * process of it is left; resolves with whether that happened in time, and the npm process's exit.
   */
  stop(signal: NodeJS.Signals): Promise<{ stopped: boolean; exit: string }>;
}

/**
 * Runs `npm run demo -- …args` in `cwd` in a process group of its own and resolves once it is ready;
 * throws with its output when it exits or does not get there within 5 minutes (a first run installs
 * code-server).
 */
export async function startDemo(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningDemo> {
  const demo = spawn('npm', ['run', 'demo', '--', ...args], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = demo.pid!;
  let output = '';
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) =>
    demo.once('exit', (code, signal) => {
      exit = code === null ? String(signal) : `exit ${code}`;
      resolve();
    }),
  );
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
    demo.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    void exited.then(() => resolve(false));
  });
  const stop = async (signal: NodeJS.Signals) => {
    signalGroup(pid, signal);
    let waited = 0;
    for (; signalGroup(pid, 0) && waited < STOP_TIMEOUT_MS; waited += 100) await delay(100);
    const stopped = !signalGroup(pid, 0);
    if (!stopped) signalGroup(pid, 'SIGKILL');
    await exited;
    return { stopped, exit: exit ?? 'unknown' };
  };
  const url = (await ready) ? /^VS Code\s+(http:\/\/\S+)/m.exec(output)?.[1] : undefined;
  const password = /^Password\s+(\S+)/m.exec(output)?.[1];
  if (!url) {
    await stop('SIGTERM');
    const shown = password ? output.split(password).join('<password>') : output;
    throw new Error(`the demo did not start (${exit ?? 'still running'}):\n${shown}`);
  }
  return { output: () => output, url, password, stop };
}
