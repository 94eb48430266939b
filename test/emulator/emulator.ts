// WorkOS's own local emulator (npm `workos`, the official CLI's `workos/emulate`), in this process, for
// the suites and the demo: a WorkOS API we did not write.
//
// Assembled from its parts rather than with its createEmulator(): that one listens on every interface
// and keeps its store to itself, while we listen on loopback only and need the store, because its
// seed config has no Directory Sync data (directories, groups and users go in through the store).
// The parts are not in the package's `exports`, hence the paths into node_modules; esbuild bundles them.
import type { AddressInfo } from 'node:net';
import type * as EmulateWorkOS from '../../node_modules/workos/dist/emulate/workos/index.js' with {
  'resolution-mode': 'import',
};

export type EmulatorStore = EmulateWorkOS.WorkOSStore;
export type EmulatorDirectory = EmulateWorkOS.WorkOSDirectory;
export type EmulatorGroup = EmulateWorkOS.WorkOSDirectoryGroup;
export type EmulatorUser = EmulateWorkOS.WorkOSDirectoryUser;
export type EmulatorOrganization = EmulateWorkOS.WorkOSOrganization;

export interface Emulator {
  /** `http://127.0.0.1:<port>`, for `baseUrl` and `workos.apiBaseUrl`. */
  readonly url: string;
  /** The one key it accepts. */
  readonly apiKey: string;
  /** Its store: what goes in here, the API serves (and `dsync.*` events record) at once. */
  readonly store: EmulatorStore;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** Default `sk_test_emulator`; the emulator accepts any key it was given that starts with `sk_`. */
  apiKey?: string;
  /** Default 0: any free port. */
  port?: number;
}

/** The emulator on 127.0.0.1, empty (its WorkOS plugin seeds nothing). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? 'sk_test_emulator';
  const [{ createServer }, { workosPlugin, getWorkOSStore }, { serve }] = await Promise.all([
    import('../../node_modules/workos/dist/emulate/core/index.js'),
    import('../../node_modules/workos/dist/emulate/workos/index.js'),
    import('@hono/node-server'),
  ]);
  // `baseUrl` only names the issuer of tokens the user-management routes sign; no route here uses it.
  const { app, store } = createServer(workosPlugin, {
    baseUrl: 'http://127.0.0.1',
    apiKeys: { [apiKey]: { environment: 'test' } },
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    store: getWorkOSStore(store),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of a client would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
