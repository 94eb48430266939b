// `npm run fake-api`: serves the sample dataset on 127.0.0.1:4100 for the demo and manual testing.
//   --port N       listen port (default 4100; 0 = any free port)
//   --latency MS   delay before every API response (default 0)
//   --groups N     groups in the largest directory (default 2600)
import { parseArgs } from 'node:util';
import { SAMPLE, sampleDataset } from './dataset';
import { startFakeWorkOS } from './server';

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} needs a whole number, not ${JSON.stringify(value)}.`);
    process.exit(2);
  }
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, latency: { type: 'string' }, groups: { type: 'string' } },
  });
  const dataset = sampleDataset({
    largeDirectoryGroups: count('groups', values.groups, SAMPLE.largeDirectoryGroupCount),
  });
  const fake = await startFakeWorkOS({
    port: count('port', values.port, 4100),
    latencyMs: count('latency', values.latency, 0),
    apiKeys: [SAMPLE.apiKey],
    dataset,
    onRequest: (request, ms) =>
      console.log(`${request.method} ${request.rawUrl} ${request.status || 'no response'} ${Math.round(ms)}ms`),
  });

  const groups = (id: string) => dataset.groups.filter((group) => group.directory_id === id).length;
  console.log(`Fake WorkOS API on ${fake.url}`);
  console.log(`API key: ${SAMPLE.apiKey}`);
  console.log('Organizations:');
  for (const organization of dataset.organizations ?? [])
    console.log(`  ${organization.name.padEnd(36)} ${organization.id}`);
  console.log('Directories:');
  for (const directory of dataset.directories) {
    console.log(
      `  ${directory.name.padEnd(36)} ${directory.id}  ${String(groups(directory.id)).padStart(6)} groups  (${directory.type}, ${directory.state})`,
    );
  }
  console.log('Control routes (no auth):');
  console.log('  GET /__fake/health   GET|DELETE /__fake/requests   POST|DELETE /__fake/faults');
  console.log('  POST /__fake/latency {"ms": 500}   POST /__fake/keys {"apiKeys": ["sk_test_demo"]}');
  console.log('  POST /__fake/nested-routes {"on": false}');

  const stop = () => {
    console.log('Stopping.');
    void fake.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
