// Writes test-results/reliability.md from the figures the test suites left behind (`npm test` runs it last).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVENT_OPERATIONS, EXPLAIN_OPERATIONS, FAULT_CASES, OPERATIONS, type MatrixRow } from './matrix';
import type { Hygiene } from './hygiene';
import { readResults, type HostileRow } from './results';

const root = path.resolve(__dirname, '..', '..', '..');
const lines: string[] = [
  '# Reliability report',
  '',
  `Written by \`npm test\` on ${new Date().toISOString()}. Every cell below is a test that asserted its outcome.`,
  '',
];

function matrix(title: string, rows: MatrixRow[] | undefined): void {
  lines.push(`## ${title}`, '');
  if (!rows) return void lines.push('Not run.', '');
  const cell = (fault: string, operation: string) =>
    rows.find((row) => row.fault === fault && row.operation === operation)?.outcome ?? '—';
  // The events' columns where a suite ran them (the client level).
  const columns = [...OPERATIONS, ...EVENT_OPERATIONS, ...EXPLAIN_OPERATIONS].filter((operation) =>
    rows.some((row) => row.operation === operation),
  );
  lines.push(`| fault | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`);
  for (const fault of FAULT_CASES)
    lines.push(`| ${fault.name} | ${columns.map((operation) => cell(fault.name, operation)).join(' | ')} |`);
  const recovered = rows.filter((row) => row.outcome === 'recovered').length;
  lines.push(
    '',
    `${rows.length} cells: ${recovered} recovered, ${rows.length - recovered} clear failures, 0 hangs, loops or unhandled errors (any of those fails its test).`,
    '',
  );
}

matrix('Fault matrix, client level (plain Node, real HTTP)', readResults<MatrixRow[]>(root, 'client'));
matrix(
  'Fault matrix, through the extension (real VS Code extension host)',
  readResults<MatrixRow[]>(root, 'extension'),
);

const hostile = readResults<HostileRow[]>(root, 'hostile');
lines.push('## Hostile input (through the extension)', '');
if (hostile) {
  lines.push(
    `${hostile.length} inputs tried; each was refused before anything was sent, or sent safely encoded, or shown as plain text.`,
    '',
    '| input | where | how it ended |',
    '|---|---|---|',
  );
  for (const row of hostile)
    lines.push(
      `| \`${row.input.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${row.where} | ${row.outcome.replace(/\|/g, '\\|')} |`,
    );
} else lines.push('Not run.');
lines.push('');

lines.push('## Secret hygiene', '');
for (const [name, title] of [
  ['secrets-extension', 'extension host run'],
  ['secrets-ui', 'UI run'],
] as const) {
  const hygiene = readResults<Hygiene>(root, name);
  lines.push(
    hygiene
      ? `- ${title}: ${hygiene.placesChecked} places checked for ${hygiene.keysLookedFor} keys; occurrences found: **${hygiene.leaks.length}**${hygiene.leaks.length ? ` (${hygiene.leaks.join('; ')})` : ''}.`
      : `- ${title}: not run.`,
  );
}
lines.push('');

const out = path.join(root, 'test-results', 'reliability.md');
fs.writeFileSync(out, lines.join('\n'));
console.log(`Reliability report: ${path.relative(process.cwd(), out)}`);
