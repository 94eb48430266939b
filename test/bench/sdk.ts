// The same listing with @workos-inc/node, in a child process under Node 24 (the SDK needs Node 22+),
// against the fake the parent serves.
import { WorkOS, type DirectoryGroup } from '@workos-inc/node';
import { args, serve, timed, type MembersExpansion } from './child';

const { hostname, port } = new URL(args.url);
const workos = new WorkOS(args.apiKey, { apiHostname: hostname, port: Number(port), https: false });
const directory = args.directory;
const membersUrl = new URL(args.members.url);
const membersWorkOS = new WorkOS(args.apiKey, {
  apiHostname: membersUrl.hostname,
  port: Number(membersUrl.port),
  https: false,
});

/**
 * The chosen groups' members at once, as a user of the SDK writes it: `listUsers({ group })` and its
 * `autoPagination()` for each, in one `Promise.all`. That rejects at the first group that fails; the
 * others go on, and are waited for before returning, so that the next run starts on a quiet fake.
 */
async function membersAutoPagination(): Promise<MembersExpansion> {
  const { groups } = args.members;
  const started = performance.now();
  const perGroup = groups.map(async (group) =>
    (await membersWorkOS.directorySync.listUsers({ group })).autoPagination(),
  );
  let error: string | undefined;
  try {
    await Promise.all(perGroup);
  } catch (failure) {
    error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
  }
  const ms = performance.now() - started;
  const settled = await Promise.allSettled(perGroup);
  const settledMs = performance.now() - started;
  const answered = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  return {
    ms,
    groups: groups.length,
    rows: answered.flat().length,
    groupsDone: answered.length,
    completed: error === undefined,
    ...(error !== undefined && { error }),
    settledMs,
  };
}

serve({
  // Keeps every group, as autoPagination() and this project's collectAll() do.
  handLoop: () =>
    timed(async () => {
      const groups: DirectoryGroup[] = [];
      let after: string | undefined;
      do {
        const page = await workos.directorySync.listGroups({ directory, limit: 100, after });
        groups.push(...page.data);
        after = page.listMetadata.after ?? undefined;
      } while (after);
      return groups.length;
    }),
  // autoPagination() sleeps 350 ms between pages (~35 s a listing), so its runs go side by side.
  autoPagination: () =>
    Promise.all(
      Array.from({ length: args.runs }, () =>
        timed(async () => (await (await workos.directorySync.listGroups({ directory })).autoPagination()).length),
      ),
    ),
  membersAutoPagination,
  node: async () => process.version,
});
