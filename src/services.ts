import type { EnvironmentStore } from './environments/environment-store';
import type { Log } from './log';
import type { Sessions } from './session/sessions';

/** What every feature is handed: the log, the environments and the sessions that the extension owns. */
export interface Services {
  readonly log: Log;
  readonly environments: EnvironmentStore;
  readonly sessions: Sessions;
}
