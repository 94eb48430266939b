import * as vscode from 'vscode';
import { loggedUrl, logLine } from '../text/safe-text';
import { fullFailure } from '../text/failure-text';
import type { RequestRecord } from '../workos';

/**
 * The "WorkOS" output channel. Every line passes through {@link logLine}; a request's query keeps
 * its parameter names and only the values that are IDs or paging ({@link loggedUrl}).
 *
 * Localisation rule: the log is for developers and WorkOS support, so the lines this extension writes
 * here stay English (not through l10n), whatever the display language; one log reads the same for
 * everyone it is sent to. A failure's own message ({@link fullFailure}) is what the person was shown,
 * so it may be translated. The channel's name is a product name.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('WorkOS', { log: true });

  request(record: RequestRecord): void {
    const status = record.status ?? record.error ?? 'failed';
    const retry = record.attempt > 1 ? ` (attempt ${record.attempt})` : '';
    const line = `${record.method} ${loggedUrl(record.url)} → ${status} in ${record.durationMs} ms${record.requestId ? ` [${record.requestId}]` : ''}${retry}`;
    if (record.status !== undefined && record.status < 400) this.channel.info(logLine(line));
    else this.channel.warn(logLine(line));
  }

  info(message: string): void {
    this.channel.info(logLine(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${fullFailure(error)}`;
    this.channel.error(logLine(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
