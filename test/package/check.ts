// `npm run test:package`: builds the .vsix as `npm run package` does and checks what a Marketplace or
// Open VSX listing gets from it, so that the package cannot quietly grow or lose a field: only the
// files the extension needs, at most 150 KB, the listing fields of the manifest, every `%key%` with
// its English text, the walkthrough's steps and images, and README images that resolve.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readZip } from './zip';

const repoRoot = path.join(__dirname, '..', '..', '..');
const MAX_BYTES = 150 * 1024;
/** One walkthrough image: they are cut small (test/e2e/walkthrough-images.ts). */
const MAX_IMAGE_BYTES = 20 * 1024;

/** What the package may hold (paths inside `extension/`), and what it must. */
const ALLOWED = [
  /^package\.json$/,
  /^readme\.md$/,
  /^changelog\.md$/,
  /^LICENSE\.txt$/,
  /^dist\/extension\.js$/,
  /^media\/icon\.png$/,
  /^media\/workos\.svg$/,
  /^media\/walkthrough\/[\w-]+\.png$/,
  // Localised manifest strings and code strings (vscode.l10n).
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
];
const REQUIRED = ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/extension.js'];

interface Manifest {
  name: string;
  publisher: string;
  icon?: string;
  categories?: string[];
  keywords?: string[];
  galleryBanner?: { color?: string; theme?: string };
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
  qna?: unknown;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    walkthroughs?: Array<{
      id: string;
      title: string;
      steps: Array<{
        id: string;
        title: string;
        description: string;
        media: { image?: string; altText?: string };
        completionEvents?: string[];
      }>;
    }>;
  };
}

const checks: Array<[string, () => void]> = [];
const check = (name: string, run: () => void) => checks.push([name, run]);

function main(): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'workos-package-'));
  const vsix = path.join(out, 'extension.vsix');
  const built = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`npm run package failed:\n${built.stdout}\n${built.stderr}`);
  const size = fs.statSync(vsix).size;
  const entries = readZip(fs.readFileSync(vsix));
  fs.rmSync(out, { recursive: true, force: true });

  const files = new Map(
    [...entries].filter(([name]) => name.startsWith('extension/')).map(([name, data]) => [name.slice(10), data]),
  );
  const text = (file: string) => {
    const data = files.get(file);
    assert.ok(data, `the package holds ${file}`);
    return data.toString('utf8');
  };
  const manifest = JSON.parse(text('package.json')) as Manifest;
  const nls = files.has('package.nls.json')
    ? (JSON.parse(text('package.nls.json')) as Record<string, string>)
    : undefined;
  /** A manifest string as VS Code shows it: a `%key%` replaced by its English text. */
  const english = (value: string) => {
    const key = /^%(.+)%$/.exec(value)?.[1];
    if (key === undefined) return value;
    assert.ok(nls && typeof nls[key] === 'string', `package.nls.json has ${value}`);
    return nls[key];
  };

  check(`at most ${MAX_BYTES / 1024} KB (${(size / 1024).toFixed(1)} KB)`, () => assert.ok(size <= MAX_BYTES));

  check(`only what the extension needs (${files.size} files)`, () => {
    const stray = [...files.keys()].filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
    assert.deepEqual(stray, [], 'no sources, tests, maps or screenshots');
    for (const file of REQUIRED) assert.ok(files.has(file), `it holds ${file}`);
  });

  check('every file the manifest names is in the package', () => {
    const named = JSON.stringify(manifest.contributes)
      .match(/"media\/[^"]+"/g)!
      .map((quoted) => JSON.parse(quoted) as string);
    for (const file of [manifest.icon!, ...named]) assert.ok(files.has(file), `${file} is in the package`);
    // And no image that nothing shows.
    for (const file of files.keys()) {
      if (file.startsWith('media/')) assert.ok(file === manifest.icon || named.includes(file), `${file} is used`);
    }
  });

  check('the listing fields: categories, keywords, banner, repository, bugs, homepage, Q&A', () => {
    assert.ok(manifest.categories && manifest.categories.length > 0, 'categories');
    assert.ok(manifest.keywords && manifest.keywords.length > 0 && manifest.keywords.length <= 30, 'keywords');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i, 'galleryBanner.color');
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), 'galleryBanner.theme');
    assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/, 'repository');
    assert.equal(manifest.bugs?.url, `${manifest.repository!.url}/issues`, 'bugs');
    assert.match(manifest.homepage ?? '', /^https:\/\//, 'homepage');
    assert.ok(manifest.qna === false || manifest.qna === 'marketplace' || typeof manifest.qna === 'string', 'qna');
  });

  check('engines.vscode is the VS Code API the code is typed against (@types/vscode)', () => {
    const typed = manifest.devDependencies['@types/vscode'];
    const installed = (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const minor = (version: string) => /(\d+\.\d+)\./.exec(version)?.[1];
    assert.match(manifest.engines.vscode, /^\^\d+\.\d+\.\d+$/);
    assert.equal(minor(manifest.engines.vscode), minor(typed), `engines ${manifest.engines.vscode}, types ${typed}`);
    assert.equal(minor(installed), minor(typed), `@types/vscode ${installed} installed`);
  });

  check('every %key% of the manifest has its English text in package.nls.json', () => {
    const keys = [...text('package.json').matchAll(/"%([^"%]+)%"/g)].map(([quoted]) => quoted.slice(1, -1));
    for (const key of keys) english(key);
  });

  check('the walkthrough: each step has a button that runs a command, a completion event and an image', () => {
    const [walkthrough] = manifest.contributes.walkthroughs ?? [];
    assert.ok(walkthrough, 'a walkthrough');
    assert.equal(english(walkthrough.title), 'Get started with WorkOS Directory Explorer');
    assert.ok(walkthrough.steps.length >= 6);
    for (const step of walkthrough.steps) {
      assert.match(english(step.description), /\]\(command:[\w.]+/, `${step.id} has a button`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} completes on an event`);
      for (const event of step.completionEvents!) {
        assert.match(event, /^(onCommand|onView|onContext|onSettingChanged|onLink):\S/, `${step.id}: ${event}`);
      }
      const image = files.get(step.media.image ?? '');
      assert.ok(image, `${step.id}'s image ${step.media.image} is in the package`);
      assert.ok(image.length <= MAX_IMAGE_BYTES, `${step.media.image} is ${image.length} bytes`);
      assert.ok(english(step.media.altText ?? '').length > 10, `${step.id}'s image has alt text`);
    }
  });

  check('the changelog is in the package', () => assert.ok(/^## \[(Unreleased|\d)/m.test(text('changelog.md'))));

  check(
    'every README image resolves: in the package, or at the repository (vsce makes relative links absolute)',
    () => {
      const readme = text('readme.md');
      const images = [
        ...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]),
        ...[...readme.matchAll(/<img[^>]+src="([^"]+)"/g)].map((match) => match[1]),
      ];
      assert.ok(images.length > 0, 'the README shows screenshots');
      const tracked = new Set(
        spawnSync('git', ['ls-files'], { cwd: repoRoot, encoding: 'utf8' }).stdout.split('\n').filter(Boolean),
      );
      const raw = `${manifest.repository!.url}/raw/HEAD/`;
      for (const image of images) {
        if (files.has(image)) continue;
        assert.ok(image.startsWith(raw), `${image} is in the package or at ${raw}`);
        const file = decodeURI(image.slice(raw.length));
        assert.ok(tracked.has(file), `${file} is committed, so the listing finds it`);
        assert.doesNotMatch(file, /\.svg$/i, 'the Marketplace shows no SVG in a README');
      }
    },
  );

  check('the README says what is sent where, and how the key is kept', () => {
    const readme = text('readme.md');
    for (const said of [/^## Privacy/m, /SecretStorage/, /no telemetry/i]) assert.ok(said.test(readme), `${said}`);
  });

  let failed = 0;
  for (const [name, run] of checks) {
    try {
      run();
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
