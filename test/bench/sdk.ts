// The same listing with @workos-inc/node, in a child process under Node 24 (the SDK needs Node 22+),
// against the fake the parent serves: 11.x on the flat routes, 12.x (`@workos-inc/node-12`) on the
// nested `/directories/{id}/…` routes it recommends.
import { WorkOS } from '@workos-inc/node';
import { WorkOS as WorkOS12 } from '@workos-inc/node-12';
import { args, serve, timed, type MembersExpansion } from './child';

/** Both SDKs take the fake's address the same way. */
function sdkOptions(url: string) {
  const { hostname, port } = new URL(url);
  return { apiHostname: hostname, port: Number(port), https: false };
}

const workos = new WorkOS(args.apiKey, sdkOptions(args.url));
const workos12 = new WorkOS12(args.apiKey, sdkOptions(args.url));
const directory = args.directory;
const membersWorkOS = new WorkOS(args.apiKey, sdkOptions(args.members.url));
const membersWorkOS12 = new WorkOS12(args.apiKey, sdkOptions(args.members.url));

/**
 * The chosen groups' members at once, as a user of the SDK writes it: a list call for each group and
 * its `autoPagination()`, in one `Promise.all`. That rejects at the first group that fails; the
 * others go on, and are waited for before returning, so that the next run starts on a quiet fake.
 */
async function membersAutoPagination(
  listMembers: (group: string) => Promise<{ autoPagination(): Promise<unknown[]> }>,
): Promise<MembersExpansion> {
  const { groups } = args.members;
  const started = performance.now();
  const perGroup = groups.map(async (group) => (await listMembers(group)).autoPagination());
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

/** Every page of groups by hand, following `listMetadata.after`; keeps every group, as autoPagination() and this project's collectAll() do. */
function handLoop(
  listPage: (after: string | undefined) => Promise<{ data: unknown[]; listMetadata: { after?: string | null } }>,
) {
  return timed(async () => {
    const groups: unknown[] = [];
    let after: string | undefined;
    do {
      const page = await listPage(after);
      groups.push(...page.data);
      after = page.listMetadata.after ?? undefined;
    } while (after);
    return groups.length;
  });
}

serve({
  handLoop: () => handLoop((after) => workos.directorySync.listGroups({ directory, limit: 100, after })),
  handLoopNested: () =>
    handLoop((after) => workos12.directorySync.listDirectoryGroups({ directoryId: directory, limit: 100, after })),
  // autoPagination() sleeps 350 ms between pages (~35 s a listing), so its runs go side by side.
  autoPagination: () =>
    Promise.all(
      Array.from({ length: args.runs }, () =>
        timed(async () => (await (await workos.directorySync.listGroups({ directory })).autoPagination()).length),
      ),
    ),
  membersAutoPagination: () => membersAutoPagination((group) => membersWorkOS.directorySync.listUsers({ group })),
  membersAutoPaginationNested: () =>
    membersAutoPagination((group) =>
      membersWorkOS12.directorySync.listDirectoryUsers({ directoryId: args.members.directory, group }),
    ),
  node: async () => process.version,
});
