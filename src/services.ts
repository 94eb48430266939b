import type { ApiKeyStore } from './keys/api-key-store';
import type { Log } from './log';
import type { Sessions } from './session/sessions';

/** What every feature is handed: the log, the key store and the sessions that the extension owns. */
export interface Services {
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly sessions: Sessions;
}
