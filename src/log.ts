import * as vscode from 'vscode';
import { fullFailure } from './text';
import type { RequestRecord } from './workos';

/** Anything shaped like a WorkOS secret key, masked wherever it might come from. */
const KEY_PATTERN = /sk_[A-Za-z0-9_]{4,}/g;

export function redact(text: string): string {
  return text.replace(KEY_PATTERN, 'sk_…[redacted]').replace(/(authorization:?\s*bearer\s+)\S+/gi, '$1[redacted]');
}

/** The "WorkOS" output channel. Every line passes through {@link redact}. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('WorkOS', { log: true });

  request(record: RequestRecord): void {
    const status = record.status ?? record.error ?? 'failed';
    const retry = record.attempt > 1 ? ` (attempt ${record.attempt})` : '';
    const line = `${record.method} ${record.url} → ${status} in ${record.durationMs} ms${record.requestId ? ` [${record.requestId}]` : ''}${retry}`;
    if (record.status !== undefined && record.status < 400) this.channel.info(redact(line));
    else this.channel.warn(redact(line));
  }

  info(message: string): void {
    this.channel.info(redact(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${fullFailure(error)}`;
    this.channel.error(redact(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
