import * as vscode from 'vscode';
import type { ContextKeys } from './contributes';

/** Sets one of the context keys the manifest's `when` clauses read; only a known key and its values pass. */
export function setContext<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
