// `node esbuild.mjs --tests && node out/test/demo/check-login.js`: runs `npm run demo -- --real --web` as a
// person would and checks from outside that what it serves is behind code-server's login: without the
// password the workbench redirects to the login page and the key half of the secret storage (POST
// /mint-key) is refused, the printed password signs in (the session cookie is an argon2 hash, from a
// native module), and no file under the profile holds it. About 15 s with code-server cached. `npm test`
// runs it after the UI tests (`npm run test:demo-login`); it uses the demo's own profile and port, so
// it must not run beside a demo.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, repoRoot } from '../vscode/setup';
import { startDemo } from './demo-process';

const PROFILE = path.join(cacheDir, 'demo', 'real', 'code-server');

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
  const demo = await startDemo(['--real', '--web'], repoRoot);
  const { url, password } = demo;
  const output = demo.output();

  try {
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
    await demo.stop('SIGTERM');
  }
  const after = await fetch(url).then(
    (response) => `still answers ${response.status}`,
    () => 'refused',
  );
  check('after SIGTERM, the demo has stopped code-server', after, after === 'refused');
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
