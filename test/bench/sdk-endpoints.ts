// Entry of the comparison bundle: the endpoints the extension uses, written over @workos-inc/node.
// run.ts bundles it with the extension's esbuild settings; it is never run.
import { WorkOS } from '@workos-inc/node';

export async function endpoints(apiKey: string, directory: string, group: string, user: string): Promise<unknown[]> {
  const sync = new WorkOS(apiKey).directorySync;
  return [
    await sync.listDirectories(),
    await sync.getDirectory(directory),
    await sync.listGroups({ directory }),
    await sync.getGroup(group),
    await sync.listUsers({ directory }),
    await sync.getUser(user),
  ];
}
