import type { ObjectDocuments } from './documents/object-documents';
import type { EnvironmentStore } from './environments/environment-store';
import type { Log } from './host/log';
import type { Sessions } from './session/sessions';
import type { ReportDocuments } from './ui/report-documents';

/** What every feature is handed: the log, the environments, the sessions, the JSON documents and the reports. */
export interface Services {
  readonly log: Log;
  readonly environments: EnvironmentStore;
  readonly sessions: Sessions;
  readonly documents: ObjectDocuments;
  readonly reports: ReportDocuments;
}
