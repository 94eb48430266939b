// `GET /events` of the fake, as the live API behaves (docs §11.2): `events` required (comma-separated,
// or repeated `events[]=`), `organization_id`, `range_start`/`range_end` (ISO 8601, both inclusive),
// `limit` 1–100 (default 10), `after` forward and `before` back; `order` accepted and ignored: always
// oldest first. Only the last 30 days are kept. A cursor that is not in the filtered list is a 400.
import { oldestFirst, type FakeEvent } from './event-data';

const KEPT_MS = 30 * 24 * 3600 * 1000;
const ALLOWED = new Set([
  'events',
  'events[]',
  'organization_id',
  'range_start',
  'range_end',
  'limit',
  'after',
  'before',
  'order',
]);

interface Answer {
  status: number;
  body: unknown;
}

const invalid = (field: string, code: string): Answer => ({
  status: 400,
  body: { message: 'Validation failed.', code: 'invalid_request_parameters', errors: [{ field, code }] },
});

export function listEvents(all: readonly FakeEvent[], params: URLSearchParams, now: number): Answer {
  for (const [name] of params) {
    if (!ALLOWED.has(name)) return invalid(name, 'unknown_parameter');
    if (name !== 'events[]' && params.getAll(name).length > 1) return invalid(name, 'duplicate_parameter');
  }
  const types = new Set(
    [...(params.get('events')?.split(',') ?? []), ...params.getAll('events[]')]
      .map((type) => type.trim())
      .filter(Boolean),
  );
  if (types.size === 0) {
    return {
      status: 422,
      body: {
        message: "'events' is required.",
        code: 'unprocessable_entity',
        errors: [{ field: 'events', code: 'required' }],
      },
    };
  }
  const limitText = params.get('limit');
  const limit = limitText === null ? 10 : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 100)) return invalid('limit', 'invalid_value');
  const order = params.get('order');
  if (order !== null && !['asc', 'desc', 'normal'].includes(order)) return invalid('order', 'invalid_value');
  const bound = (name: string): number | undefined | Answer => {
    const text = params.get(name);
    if (text === null) return undefined;
    const time = Date.parse(text);
    return Number.isNaN(time) ? invalid(name, 'invalid_date') : time;
  };
  const start = bound('range_start');
  const end = bound('range_end');
  if (typeof start === 'object') return start;
  if (typeof end === 'object') return end;
  const after = params.get('after');
  const before = params.get('before');
  if (after !== null && before !== null) return invalid('before', 'conflicts_with_after');
  const organization = params.get('organization_id');
  const oldest = now - KEPT_MS;
  const list = all
    .filter((event) => {
      const at = Date.parse(event.created_at);
      const data = event.data as { organization_id?: unknown; directory_id?: unknown } | null;
      return (
        types.has(event.event) &&
        at >= oldest &&
        (start === undefined || at >= start) &&
        (end === undefined || at <= end) &&
        (organization === null || (typeof data === 'object' && data !== null && organizationOf(data) === organization))
      );
    })
    .sort(oldestFirst);
  let from = 0;
  let to = Math.min(list.length, limit);
  const cursor = after ?? before;
  if (cursor !== null) {
    const position = list.findIndex((event) => event.id === cursor);
    if (position < 0) return invalid(after !== null ? 'after' : 'before', 'invalid_cursor');
    if (after !== null) {
      from = position + 1;
      to = Math.min(list.length, from + limit);
    } else {
      to = position;
      from = Math.max(0, to - limit);
    }
  }
  return {
    status: 200,
    body: {
      object: 'list',
      data: list.slice(from, to),
      list_metadata: {
        before: from > 0 && to > from ? list[from].id : null,
        after: to < list.length && to > from ? list[to - 1].id : null,
      },
    },
  };
}

/** Memberships carry the organisation in their user and group; the others in `data` itself. */
function organizationOf(data: { organization_id?: unknown; user?: unknown; group?: unknown }): unknown {
  if (data.organization_id !== undefined) return data.organization_id;
  const inner = (data.user ?? data.group) as { organization_id?: unknown } | null | undefined;
  return inner?.organization_id;
}
