// Entry point the extension host loads (extensionTestsPath): runs every *.test.js beside it with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Activation is measured before any other suite has activated the extension, and the secret-hygiene
 * search reads what every other suite left behind; the rest run in any order.
 */
const FIRST = 'activation.test.js';
const LAST = 'secret-hygiene.test.js';

export async function run(): Promise<void> {
  // WORKOS_TEST_GREP runs a subset while working on one suite.
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    ...(process.env.WORKOS_TEST_GREP && { grep: process.env.WORKOS_TEST_GREP }),
  });
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const required of [FIRST, LAST]) {
    if (!files.includes(required)) throw new Error(`${required} is missing from ${__dirname}`);
  }
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  console.log(`VS Code ${vscode.version}, extension host Node ${process.version}`);

  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  // The closing line CI reads.
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}

function rank(file: string): number {
  return file === FIRST ? 0 : file === LAST ? 2 : 1;
}
