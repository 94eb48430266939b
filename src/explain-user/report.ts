import * as l10n from '@vscode/l10n';
import { describeEvent, timeAgo } from '../changes/event-words';
import { localeNumber } from '../text/count-words';
import { fullFailure } from '../text/failure-text';
import { code, markdownText } from '../text/markdown-text';
import { displayName, displayText } from '../text/safe-text';
import { userName } from '../text/user-names';
import { stateLook, typeName } from '../tree/directory-words';
import type { WorkOSEvent, WorkOSObjectKind } from '../workos';
import type { UserFacts } from './gather';

// The Explain User Access report: why this person has (or has not) access. Plain Markdown, free of
// VS Code so it is tested in plain Node, like Diagnose Directory's. Every value from the server goes
// through displayText and then markdownText: no name adds a link, an image, HTML or a heading. The
// only links are the ones made here, to the objects' own JSON documents (`workos.object:` URIs, the
// kind the Markdown preview opens).

/** The URI of an object's JSON document, or undefined for none. */
export type LinkOf = (kind: WorkOSObjectKind, object: { id: string; name?: unknown }) => string | undefined;

/** Custom attributes: levels shown as a nested list (deeper ones in one line), and lines in all. */
const ATTRIBUTE_DEPTH = 6;
const MAX_ATTRIBUTE_LINES = 300;
/** Characters of one value (or one side of a change) shown; the JSON has the rest. */
const MAX_VALUE = 200;
/** Changed fields shown per update. */
const MAX_FIELDS = 20;

/** A directory state in which the directory syncs. */
const SYNCING = new Set(['linked', 'active']);

/** `locale`: how numbers are written (VS Code's display language; the runtime's when not given). */
export function explanationMarkdown(facts: UserFacts, link: LinkOf, locale?: string): string {
  const { user, directory, organization, now } = facts;
  const out: string[] = [];
  const text = (value: unknown, max = MAX_VALUE) => markdownText(displayText(value, max));
  const linked = (kind: WorkOSObjectKind, object: { id: string; name?: unknown }, shown: string) => {
    const uri = link(kind, object);
    const label = markdownText(displayText(shown, MAX_VALUE)) || code(object.id);
    return uri ? `[${label}](<${uri.replace(/[\s<>\\]/g, encodeURIComponent)}>)` : label;
  };
  const name = userName(user);

  out.push(`# ${text(name)}`, '');
  const email = displayText(user.email, MAX_VALUE);
  const json = linked('directory_user', user, l10n.t('open its JSON'));
  const read = new Date(now).toUTCString();
  out.push(
    email
      ? l10n.t({
          message: 'Directory user {0} ({1}), {2}. Read {3}.',
          args: [code(user.id), json, markdownText(email), read],
          comment: ['{1} is a link to its JSON, {2} its email, {3} the time'],
        })
      : l10n.t({
          message: 'Directory user {0} ({1}). Read {2}.',
          args: [code(user.id), json, read],
          comment: ['{1} is a link to its JSON, {2} the time'],
        }),
    '',
  );

  out.push(`## ${l10n.t('Access')}`, '');
  out.push(stateSentence(user.state, text(name)), '');
  if (directory && !SYNCING.has(displayText(directory.state))) {
    out.push(
      l10n.t(
        'Its directory is **{0}** ({1}): nothing syncs from the identity provider, so what is shown here may be out of date. Run Diagnose Directory on it.',
        text(stateLook(directory.state).name ?? directory.state, 60),
        code(displayText(directory.state, 60) || '?'),
      ),
      '',
    );
  }

  out.push(`## ${l10n.t('Where')}`, '');
  const directoryId = displayText(user.directory_id, MAX_VALUE);
  out.push(
    directory
      ? `- ${l10n.t('Directory: {0} ({1}), {2}', linked('directory', directory, displayName(directory)), code(directory.id), text(typeName(directory.type) ?? directory.type, 80))}`
      : `- ${l10n.t('Directory: {0}', directoryId ? code(directoryId) : l10n.t('not given'))}`,
  );
  const organizationId = displayText(user.organization_id ?? directory?.organization_id, MAX_VALUE);
  out.push(
    organization
      ? `- ${l10n.t('Organisation: {0} ({1})', linked('organization', organization, displayName(organization)), code(organization.id))}`
      : `- ${l10n.t('Organisation: {0}', organizationId ? code(organizationId) : l10n.t('none'))}`,
  );
  const idpId = displayText(user.idp_id, MAX_VALUE);
  if (idpId) out.push(`- ${l10n.t('Identity provider ID: {0}', code(idpId))}`);
  out.push('');

  out.push(`## ${l10n.t('Role')}`, '');
  const slug = (role: unknown) =>
    typeof role === 'object' && role !== null ? displayText((role as { slug?: unknown }).slug, 80) : '';
  const role = slug(user.role);
  const roles = (Array.isArray(user.roles) ? user.roles : []).map(slug).filter(Boolean);
  out.push(
    `- ${role ? l10n.t('Role: {0}', code(role)) : l10n.t('Role: none assigned')}`,
    `- ${roles.length > 0 ? l10n.t('Roles: {0}', roles.map(code).join(', ')) : l10n.t('Roles: none assigned')}`,
    '',
  );

  const groups = [...facts.groups].sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const count = localeNumber(groups.length, locale);
  out.push(`## ${groups.length === 1 ? l10n.t('Groups (1)') : l10n.t('Groups ({0})', count)}`, '');
  if (facts.groupsError !== undefined) {
    out.push(
      l10n.t(
        '**Not every group could be read**: {0} The {1} read are listed; run the command again to retry.',
        text(fullFailure(facts.groupsError), 600),
        count,
      ),
      '',
    );
  } else if (groups.length === 0) {
    out.push(
      l10n.t('In no group. Apps that give access by group membership give this person none through this directory.'),
      '',
    );
  }
  for (const group of groups) out.push(`- ${linked('directory_group', group, displayName(group))} (${code(group.id)})`);
  if (groups.length > 0) out.push('');

  out.push(`## ${l10n.t('Custom attributes')}`, '');
  const attributes = user.custom_attributes;
  if (isRecord(attributes) && hasOwnKeys(attributes)) {
    const budget = { lines: MAX_ATTRIBUTE_LINES };
    attributeLines(attributes, 0, out, budget);
    if (budget.lines < 0) out.push('', l10n.t('_More attributes than shown here: the JSON has them all._'));
  } else {
    out.push(l10n.t('None.'));
  }
  out.push('');

  out.push(`## ${l10n.t('Changes in the last 30 days')}`, '');
  if ('error' in facts.changes) {
    out.push(l10n.t('Could not read the changes: {0}', text(fullFailure(facts.changes.error), 600)), '');
  } else if (facts.changes.events.length === 0) {
    out.push(
      l10n.t(
        'No change to this user in the last 30 days (WorkOS keeps events for 30 days): access has not changed through this directory since then.',
      ),
      '',
    );
  } else {
    for (const event of facts.changes.events) out.push(`- ${changeLine(event, now, linked)}`);
    out.push('');
  }
  return out.join('\n');
}

/** What the state means for the customer's apps, in words. */
function stateSentence(state: unknown, name: string): string {
  const shown = displayText(state, 60);
  switch (shown) {
    case 'active':
      return l10n.t(
        "**Active** (`active`). {0} is provisioned to the customer's apps that sync from this directory: whatever they grant by role or group below applies.",
        name,
      );
    case 'suspended':
      return l10n.t(
        "**Suspended** (`suspended`). {0} is **not provisioned to the customer's apps**: the identity provider suspended this person, so apps that sync from this directory treat them as having no access, whatever their groups and role say.",
        name,
      );
    case 'inactive':
      return l10n.t(
        "**Inactive** (`inactive`). {0} is **not provisioned to the customer's apps**: the identity provider deactivated this person or removed them from the app, so apps that sync from this directory treat them as having no access, whatever their groups and role say.",
        name,
      );
    default:
      return l10n.t(
        'WorkOS reports the state {0}, which this extension does not know: check the user in the WorkOS dashboard.',
        code(shown || '?'),
      );
  }
}

type Linked = (kind: WorkOSObjectKind, object: { id: string; name?: unknown }, shown: string) => string;

/** One change, newest first: when, what, and the event's ID. */
function changeLine(event: WorkOSEvent, now: number, linked: Linked): string {
  const at = Date.parse(event.created_at);
  const when = Number.isNaN(at)
    ? '?'
    : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC (${timeAgo(at, now)})`;
  const data = isRecord(event.data) ? event.data : {};
  const group = isRecord(data.group) && typeof data.group.id === 'string' ? (data.group as { id: string }) : undefined;
  const groupText = group ? linked('directory_group', group, displayName(group)) : l10n.t('a group');
  let what: string;
  switch (event.event) {
    case 'dsync.user.created':
      what = l10n.t('**Created**');
      break;
    case 'dsync.user.updated':
      what = l10n.t('**Updated**: {0}', changedFields(data) || l10n.t('WorkOS did not say which fields'));
      break;
    case 'dsync.user.deleted':
      what = l10n.t('**Deleted**');
      break;
    case 'dsync.group.user_added':
      what = l10n.t('**Added to** {0}', groupText);
      break;
    case 'dsync.group.user_removed':
      what = l10n.t('**Removed from** {0}', groupText);
      break;
    default:
      what = markdownText(describeEvent(event).sentence);
  }
  return `${when}: ${what} (${code(displayText(event.id, 80))})`;
}

/** `field: old → new` for each field `previous_attributes` names; nested objects one level down. */
function changedFields(data: Record<string, unknown>): string {
  const previous = data.previous_attributes;
  if (!isRecord(previous)) return '';
  const changes: string[] = [];
  const side = (value: unknown) => markdownText(displayText(preview(value, MAX_VALUE / 2), MAX_VALUE / 2));
  const add = (field: string, before: unknown, after: unknown) =>
    changes.push(`${markdownText(displayText(field, 80))}: ${side(before)} → ${side(after)}`);
  for (const field in previous) {
    if (changes.length > MAX_FIELDS) break;
    if (!Object.hasOwn(previous, field)) continue;
    const before = previous[field];
    const after = data[field];
    if (isRecord(before) && isRecord(after)) {
      for (const key in before) {
        if (changes.length > MAX_FIELDS) break;
        if (Object.hasOwn(before, key)) add(`${field}.${key}`, before[key], after[key]);
      }
    } else {
      add(field, before, after);
    }
  }
  if (changes.length > MAX_FIELDS) return `${changes.slice(0, MAX_FIELDS).join('; ')}; ${l10n.t('and more')}`;
  return changes.join('; ');
}

/** A nested list of `name: value`, deeper levels on one line; stops when the budget of lines is spent. */
function attributeLines(value: object, depth: number, out: string[], budget: { lines: number }): void {
  const indent = '  '.repeat(depth);
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (--budget.lines < 0) return;
    const item = (value as Record<string, unknown>)[key];
    const name = markdownText(displayText(key, 80)) || l10n.t('(no name)');
    if (typeof item === 'object' && item !== null && hasOwnKeys(item) && depth + 1 < ATTRIBUTE_DEPTH) {
      out.push(`${indent}- ${name}:`);
      attributeLines(item, depth + 1, out, budget);
      if (budget.lines < 0) return;
    } else {
      out.push(`${indent}- ${name}: ${markdownText(displayText(preview(item, MAX_VALUE), MAX_VALUE))}`);
    }
  }
}

const PREVIEW_DEPTH = 4;

/**
 * A value in one line, at most about `max` characters: text as it is, anything else as compact JSON,
 * cut short rather than walked to the end (a value may be 1 MB, or nested 50 deep).
 */
export function preview(value: unknown, max: number): string {
  if (typeof value === 'string') return value === '' ? '""' : value.slice(0, max + 1);
  let out = '';
  const walk = (item: unknown, depth: number): void => {
    if (typeof item === 'string') out += JSON.stringify(item.slice(0, max));
    else if (typeof item !== 'object' || item === null) out += String(item);
    else if (depth >= PREVIEW_DEPTH) out += Array.isArray(item) ? '[…]' : '{…}';
    else {
      const array = Array.isArray(item);
      out += array ? '[' : '{';
      let first = true;
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        if (out.length > max) break;
        out += first ? '' : ', ';
        first = false;
        if (!array) out += `${key.slice(0, max)}: `;
        walk((item as Record<string, unknown>)[key], depth + 1);
      }
      out += array ? ']' : '}';
    }
  };
  walk(value, 0);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwnKeys(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}
