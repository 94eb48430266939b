import type { ObjectDocuments } from './documents/object-documents';
import type { EnvironmentStore } from './environments/environment-store';
import type { Log } from './host/log';
import type { Sessions } from './session/sessions';

/** What every feature is handed: the log, the environments, the sessions and the JSON documents. */
export interface Services {
  readonly log: Log;
  readonly environments: EnvironmentStore;
  readonly sessions: Sessions;
  readonly documents: ObjectDocuments;
}
