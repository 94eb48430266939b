// `node esbuild.mjs --tests && node out/test/demo/check-login.js`: runs `npm run demo -- --real --web` as a
// person would and checks from outside that what it serves is behind code-server's login: without the
// password the workbench redirects to the login page and the key half of the secret storage (POST
// /mint-key) is refused, the printed password signs in (the session cookie is an argon2 hash, from a
// native module), and no file under the profile holds it. About 15 s with code-server cached. `npm test`
// runs it after the UI tests (`npm run test:demo-login`); it uses the demo's own profile and port, so
// it must not run beside a demo.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { signalGroup } from '../vscode/processes';
import { cacheDir, repoRoot } from '../vscode/setup';

const PROFILE = path.join(cacheDir, 'demo', 'real', 'code-server');
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

let failed = 0;
function check(what: string, seen: string, ok: boolean): void {
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${seen}`);
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function main(): Promise<void> {
  // Its own group, so the demo's npm, shell and node all get the Ctrl+C-like SIGTERM below.
  const demo = spawn('npm', ['run', 'demo', '--', '--real', '--web'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = demo.pid!;
  let output = '';
  demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
    demo.stdout.on('data', () => {
      if (output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    demo.once('exit', () => resolve(false));
  });
  const url = /^VS Code\s+(http:\/\/\S+)/m.exec(output)?.[1];
  const password = /^Password\s+(\S+)/m.exec(output)?.[1];
  const hidden = (text: string): string => (password ? text.split(password).join('<password>') : text);

  try {
    if (!started || !url) throw new Error(`the demo did not start:\n${hidden(output)}`);
    const printed = password ? output.split(password).length - 1 : 0;
    check('the demo printed a password', `${printed} time(s)`, printed === 1);

    const workbench = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
    const location = workbench.headers.get('location') ?? '';
    check(
      'GET / without the password',
      `${workbench.status} ${location}`,
      workbench.status === 302 && /^(\.\/|\/)?login\b/.test(location),
    );
    const mintKey = await fetch(new URL('mint-key', url), { method: 'POST', redirect: 'manual' });
    check('POST /mint-key without the password', String(mintKey.status), mintKey.status === 401);
    if (password) {
      const login = await fetch(new URL('login', url), {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ password }),
      });
      const [cookie = '', ...attributes] = login.headers.getSetCookie()[0]?.split(';') ?? [];
      check(
        'POST /login with the printed password',
        `${login.status}, cookie ${cookie.split('=')[0]} (${attributes.map((a) => a.trim()).join('; ')})`,
        login.status === 302 && cookie.includes('='),
      );
      // A signed-in browser is sent on from the login page; opening the workbench itself would change
      // the profile's last-opened folder.
      const signedIn = await fetch(new URL('login', url), {
        redirect: 'manual',
        headers: { accept: 'text/html', cookie },
      });
      check(
        'GET /login with that cookie',
        `${signedIn.status} ${signedIn.headers.get('location')}`,
        signedIn.status === 302,
      );
    }
  } finally {
    signalGroup(pid, 'SIGTERM');
    for (let waited = 0; signalGroup(pid, 0) && waited < STOP_TIMEOUT_MS; waited += 100) await delay(100);
  }
  if (url) {
    const after = await fetch(url).then(
      (response) => `still answers ${response.status}`,
      () => 'refused',
    );
    check('after SIGTERM, the demo has stopped code-server', after, after === 'refused');
  }
  if (password) {
    const files = filesUnder(PROFILE);
    const holding = files.filter((file) => fs.readFileSync(file).includes(password));
    check(
      `files under ${path.relative(repoRoot, PROFILE)} holding the password`,
      `${holding.length} of ${files.length}${holding.length ? `: ${holding.join(', ')}` : ''}`,
      holding.length === 0,
    );
  }
}

main().then(
  () => process.exit(failed ? 1 : 0),
  (error: unknown) => {
    console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
