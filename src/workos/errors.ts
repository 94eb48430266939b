import * as l10n from '@vscode/l10n';

export type WorkOSErrorKind =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'invalid' // 400/422, or refused before sending
  | 'rate_limited' // 429
  | 'server' // 5xx and other unexpected statuses
  | 'timeout'
  | 'network'
  | 'invalid_response' // not JSON, not the expected shape, a redirect, a cursor loop
  | 'cancelled';

export interface WorkOSErrorDetails {
  status?: number;
  requestId?: string;
  /** Seconds the server asked us to wait (429). */
  retryAfter?: number;
  /** The API's own error code, such as `entity_not_found`. */
  code?: string;
}

/** The one error the client throws. `message` is short and says what to do; it never holds the key. */
export class WorkOSError extends Error {
  readonly kind: WorkOSErrorKind;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfter: number | undefined;
  readonly code: string | undefined;

  constructor(kind: WorkOSErrorKind, message: string, details: WorkOSErrorDetails = {}) {
    super(message);
    this.name = 'WorkOSError';
    this.kind = kind;
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryAfter = details.retryAfter;
    this.code = details.code;
  }
}

/** What every wait and request of the client rejects with once its signal aborts. */
export function cancelledError(): WorkOSError {
  return new WorkOSError('cancelled', l10n.t('The request was cancelled.'));
}

export function isWorkOSError(error: unknown, kind?: WorkOSErrorKind): error is WorkOSError {
  return error instanceof WorkOSError && (kind === undefined || error.kind === kind);
}

/** A function, not a table: @vscode/l10n translates only after activation, and this module loads before. */
const ADVICE = (): Record<number, [WorkOSErrorKind, string]> => ({
  400: ['invalid', l10n.t('The API refused the request parameters')],
  401: [
    'unauthorized',
    l10n.t('The API key was rejected (401). Check that it is a current secret key (sk_…) for this environment'),
  ],
  403: [
    'forbidden',
    l10n.t('The API key may not read this (403). Check the key’s permissions in the WorkOS dashboard'),
  ],
  404: ['not_found', l10n.t('Not found (404)')],
  408: ['server', l10n.t('The server timed out handling the request (408). Try again')],
  422: ['invalid', l10n.t('The API could not process the request (422)')],
  429: ['rate_limited', l10n.t('WorkOS is rate-limiting this key (429). Wait a moment and try again')],
});

/**
 * Maps an error response to a WorkOSError, keeping the API's message where it has one. `body` is the
 * parsed JSON: `redact` runs on its decoded strings, where a key the server wrote JSON-escaped
 * (`\u0073k_…`) reads as itself again.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  requestId: string | undefined,
  retryAfter: number | undefined,
  redact: (text: string) => string,
): WorkOSError {
  const [kind, advice] = ADVICE()[status] ?? [
    'server',
    l10n.t('WorkOS answered with an error ({0}). Try again later', status),
  ];
  const apiMessage = stringField(body, 'message', redact);
  const code = stringField(body, 'code', redact);
  const message =
    kind === 'not_found' && apiMessage
      ? `${apiMessage.replace(/\.$/, '')} (404)`
      : apiMessage && kind === 'invalid'
        ? l10n.t({
            message: '{0}: {1}',
            args: [advice, apiMessage.replace(/\.$/, '')],
            comment: ['{0} is what went wrong, {1} the API’s own message'],
          })
        : advice;
  return new WorkOSError(kind, `${message}.`, { status, requestId, retryAfter, code });
}

/** Redacted before it is cut: a key cut in half would no longer match. */
function stringField(body: unknown, field: string, redact: (text: string) => string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length > 0 ? redact(value).slice(0, 300) : undefined;
}
