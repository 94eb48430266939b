// How a failure reads: a short phrase for a row, the whole message (with the request ID WorkOS support
// asks for) for a tooltip, a notification or the log. Plain text, free of VS Code.
import { isWorkOSError } from '../workos';
import { displayText, redact } from './safe-text';

/** A short phrase for a failure, for a tree row; the full message goes in the tooltip. */
export function shortFailure(error: unknown): string {
  if (!isWorkOSError(error)) return 'Something went wrong';
  const status = error.status ? ` (${error.status})` : '';
  switch (error.kind) {
    case 'network':
      return 'Could not reach WorkOS';
    case 'timeout':
      return 'WorkOS did not answer in time';
    case 'rate_limited':
      return `Rate limited${status}`;
    case 'server':
      return `WorkOS server error${status}`;
    case 'not_found':
      return `Not found${status}; it may have been deleted`;
    case 'forbidden':
      return `Not allowed${status}`;
    case 'invalid_response':
      return 'Unexpected answer from WorkOS';
    case 'unauthorized':
      return 'API key rejected';
    default:
      return displayText(error.message, 80);
  }
}

/** The whole failure, with the request ID support will ask for. */
export function fullFailure(error: unknown): string {
  if (!(error instanceof Error)) return redact(String(error));
  const requestId = isWorkOSError(error) && error.requestId ? ` Request ID: ${error.requestId}.` : '';
  return redact(`${error.message}${requestId}`);
}
