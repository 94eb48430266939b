// How a failure reads: a short phrase for a row, the whole message (with the request ID WorkOS support
// asks for) for a tooltip, a notification or the log. Plain text, free of VS Code.
import * as l10n from '@vscode/l10n';
import { isWorkOSError } from '../workos';
import { displayText, redact } from './safe-text';

/** A short phrase for a failure, for a tree row; the full message goes in the tooltip. */
export function shortFailure(error: unknown): string {
  if (!isWorkOSError(error)) return l10n.t('Something went wrong');
  const status = error.status ? ` (${error.status})` : '';
  switch (error.kind) {
    case 'network':
      return l10n.t('Could not reach WorkOS');
    case 'timeout':
      return l10n.t('WorkOS did not answer in time');
    case 'rate_limited':
      return l10n.t({
        message: 'Rate limited{0}',
        args: [status],
        comment: ['{0} is the HTTP status in brackets, " (429)", or empty'],
      });
    case 'server':
      return l10n.t({
        message: 'WorkOS server error{0}',
        args: [status],
        comment: ['{0} is the HTTP status in brackets, " (429)", or empty'],
      });
    case 'not_found':
      return l10n.t({
        message: 'Not found{0}; it may have been deleted',
        args: [status],
        comment: ['{0} is the HTTP status in brackets, " (429)", or empty'],
      });
    case 'forbidden':
      return l10n.t({
        message: 'Not allowed{0}',
        args: [status],
        comment: ['{0} is the HTTP status in brackets, " (429)", or empty'],
      });
    case 'invalid_response':
      return l10n.t('Unexpected answer from WorkOS');
    case 'unauthorized':
      return l10n.t('API key rejected');
    default:
      return displayText(error.message, 80);
  }
}

/** The whole failure, with the request ID support will ask for. */
export function fullFailure(error: unknown): string {
  if (!(error instanceof Error)) return redact(String(error));
  const requestId = isWorkOSError(error) && error.requestId ? ` ${l10n.t('Request ID: {0}.', error.requestId)}` : '';
  return redact(`${error.message}${requestId}`);
}
