// The same listing with @workos-inc/node, in a child process under Node 24 (the SDK needs Node 22+),
// against the fake the parent serves.
import { WorkOS, type DirectoryGroup } from '@workos-inc/node';
import { args, serve, timed } from './child';

const { hostname, port } = new URL(args.url);
const workos = new WorkOS(args.apiKey, { apiHostname: hostname, port: Number(port), https: false });
const directory = args.directory;

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
  node: async () => process.version,
});
