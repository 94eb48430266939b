import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerChanges } from './changes';
import { registerDiagnose } from './diagnose';
import { registerCountMembers } from './count-members';
import type { ChangesView } from './changes/changes-view';
import { registerDocuments } from './documents';
import { registerExplainUser } from './explain-user';
import { registerExport } from './export';
import { registerFind } from './find';
import { registerIdsInEditors } from './ids-in-editors';
import { ObjectDocuments } from './documents/object-documents';
import { registerEnvironments } from './environment-commands';
import { EnvironmentStore } from './environments/environment-store';
import { Log } from './host/log';
import type { Services } from './services';
import { Sessions } from './session/sessions';
import { pageSize } from './host/settings';
import { registerDirectoriesView } from './tree';
import type { DirectoriesView } from './tree/directories-view';
import { registerUserGroups } from './user-groups';
import { ReportDocuments } from './ui/report-documents';
import { registerWalkthrough } from './walkthrough';

/** What the extension exposes in its own test runs only: the key store must never reach other extensions. */
export interface TestApi {
  view: DirectoriesView;
  changes: ChangesView;
  environments: EnvironmentStore;
  documents: ObjectDocuments;
  /** The reports' texts, by the URI a report command returns. */
  reports: ReportDocuments;
  sessions: Sessions;
  /** This extension's stored state, which must never hold a key. */
  mementos: vscode.Memento[];
  /** This extension's log folder; the output channel's file is in a sibling folder. */
  logUri: vscode.Uri;
  /** How long activate() took, for the benchmark's activation row. */
  activationMs: number;
}

// Activation only wires things together: no request, no secret read, until the view or a command asks.
// Each feature is a folder with one register function.
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  // The vscode-free layers (src/workos, src/text, src/session, report builders) translate through
  // @vscode/l10n: it gets the bundle VS Code loaded for the display language (none in English), so both
  // paths translate alike. Their module-level tables translate lazily, after this line.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new Log();
  const environments = new EnvironmentStore(context.secrets, context.globalState);
  const { version } = context.extension.packageJSON as { version?: string };
  const sessions = new Sessions(environments, log, `workos-directory-explorer/${version ?? '0.0.0'}`, pageSize);
  const documents = new ObjectDocuments(sessions, environments);
  const reports = new ReportDocuments();
  context.subscriptions.push(log, environments, sessions, documents, reports);
  const services: Services = { log, environments, sessions, documents, reports };

  registerEnvironments(context, services);
  registerDocuments(context, services);
  const view = registerDirectoriesView(context, services);
  registerUserGroups(context, services);
  registerIdsInEditors(context, services);
  registerFind(context, services);
  registerExport(context, services);
  const changes = registerChanges(context, services);
  registerDiagnose(context, services);
  registerExplainUser(context, services);
  registerCountMembers(context, services);
  registerWalkthrough(context);

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  const mementos = [context.globalState, context.workspaceState];
  return {
    view,
    changes,
    environments,
    documents,
    reports,
    sessions,
    mementos,
    logUri: context.logUri,
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {}
