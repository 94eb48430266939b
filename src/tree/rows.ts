import * as vscode from 'vscode';
import type { Session } from '../session/session';
import { displayName, displayText } from '../text/safe-text';
import { appendPlain, detailsTooltip } from '../ui/markdown';
import { fullFailure, shortFailure } from '../text/failure-text';
import { userName } from '../text/user-names';
import { memberCountText } from '../text/count-words';
import type { Directory, DirectoryUser } from '../workos';
import { COMMANDS, ROW_CONTEXTS } from '../ui/contributes';
import { directoryParts, directorySummary, groupCount, stateLook, typeName } from './directory-words';
import type {
  DirectoryNode,
  GroupNode,
  LoadMoreNode,
  MessageNode,
  ParentNode,
  PlaceholderNode,
  TreeNode,
  UserNode,
} from './nodes';

// How each kind of row looks. Every value from the API passes through displayText (labels) or
// detailsTooltip (tooltips, escaped), and unknown shapes get a fallback, so one odd row never takes
// the others down. Each row also has a sentence for screen readers, built in one function per row
// kind (`…Sentence`): its label alone would lose what the icon says (a state, "this failed").

interface Look {
  /** `session`: the one in use, for what it learnt about the row (a group's member count). */
  item(node: TreeNode, session: Session | undefined): vscode.TreeItem;
  /** Built on hover: getTreeItem runs for every row, and a directory can have thousands. */
  tooltip?(node: TreeNode, session: Session | undefined): vscode.MarkdownString;
}

/** How each kind of row looks. */
const LOOKS: Readonly<Record<TreeNode['kind'], Look>> = {
  directory: {
    item: (node) => directoryItem(node as DirectoryNode),
    tooltip: (node, session) => directoryTooltip((node as DirectoryNode).directory, session),
  },
  group: {
    item: (node, session) => groupItem(node as GroupNode, session),
    tooltip: (node, session) => groupTooltip(node as GroupNode, session),
  },
  user: { item: (node) => userItem(node as UserNode), tooltip: (node) => userTooltip((node as UserNode).user) },
  loadMore: { item: (node) => loadMoreItem(node as LoadMoreNode) },
  placeholder: { item: (node) => placeholderItem(node as PlaceholderNode) },
  message: { item: (node) => messageItem(node as MessageNode) },
};

export function treeItem(node: TreeNode, session?: Session): vscode.TreeItem {
  return LOOKS[node.kind].item(node, session);
}

export function tooltipOf(node: TreeNode, session: Session | undefined): vscode.MarkdownString | undefined {
  return LOOKS[node.kind].tooltip?.(node, session);
}

function directoryItem(node: DirectoryNode): vscode.TreeItem {
  const { directory } = node;
  const item = new vscode.TreeItem(displayName(directory), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const state = stateLook(directory.state);
  // The words a person uses; the raw values are in the tooltip.
  item.description = directorySummary(directory);
  item.iconPath = new vscode.ThemeIcon(state.icon, state.color ? new vscode.ThemeColor(state.color) : undefined);
  item.contextValue = ROW_CONTEXTS.directory;
  item.accessibilityInformation = { label: directorySentence(node) };
  return item;
}

/** "Directory Acme Okta, Okta SCIM, Linked, 2,600 groups". */
function directorySentence({ directory }: DirectoryNode): string {
  const parts = directoryParts(directory);
  return parts.length > 0
    ? vscode.l10n.t('Directory {0}, {1}', displayName(directory), parts.join(', '))
    : vscode.l10n.t('Directory {0}', displayName(directory));
}

function directoryTooltip(directory: Directory, session: Session | undefined): vscode.MarkdownString {
  const users = directory.metadata?.users;
  const count = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : '?');
  const organizationId = directory.organization_id;
  // The name once the session has it (fetched after the directories were shown); the ID until then, or if it failed.
  const organization = typeof organizationId === 'string' ? session?.cached('organization', organizationId) : undefined;
  return detailsTooltip(displayName(directory), [
    [vscode.l10n.t('ID'), directory.id],
    [
      vscode.l10n.t('Organization'),
      organization ? `${displayName(organization)} (${organization.id})` : organizationId,
    ],
    [vscode.l10n.t('Type'), withRaw(typeName(directory.type), directory.type)],
    [vscode.l10n.t('State'), withRaw(stateLook(directory.state).name, directory.state)],
    [vscode.l10n.t('Domain'), directory.domain],
    [vscode.l10n.t('Groups'), groupCount(directory.metadata?.groups)],
    [
      vscode.l10n.t('Users'),
      typeof users === 'object' && users !== null
        ? vscode.l10n.t('{0} active, {1} inactive', count(users.active), count(users.inactive))
        : undefined,
    ],
    [vscode.l10n.t('Created'), directory.created_at],
    [vscode.l10n.t('Updated'), directory.updated_at],
  ]);
}

/** "Google Workspace (gsuite directory)": the name, and the API's own value beside it when they differ. */
function withRaw(name: string | undefined, raw: unknown): string | undefined {
  return name !== undefined && typeof raw === 'string' && raw !== name ? `${name} (${raw})` : name;
}

function groupItem(node: GroupNode, session: Session | undefined): vscode.TreeItem {
  const { group } = node;
  // The twistie expands it to its members; a click on the label opens its JSON.
  const name = displayName(group);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const members = membersOf(group.id, session);
  // The count once the session read the members (expanded, or Count Members); the ID until then, and
  // always in the tooltip and Copy ID.
  item.description = members ?? displayText(group.id, 80);
  item.iconPath = new vscode.ThemeIcon('organization');
  item.contextValue = ROW_CONTEXTS.group;
  item.command = { command: COMMANDS.openGroup, title: vscode.l10n.t('Open Group JSON'), arguments: [group.id, group] };
  item.accessibilityInformation = { label: groupSentence(node, members) };
  return item;
}

/** "Group Engineering, 12 members, in Acme Okta" (the count once known). */
function groupSentence({ group, parent }: GroupNode, members: string | undefined): string {
  const name = displayName(group);
  const directory = displayName(parent.directory);
  return members
    ? vscode.l10n.t('Group {0}, {1}, in {2}', name, members, directory)
    : vscode.l10n.t('Group {0}, in {1}', name, directory);
}

/** "12 members" when the session knows the group's count. */
function membersOf(groupId: string, session: Session | undefined): string | undefined {
  const known = session?.memberCounts.get(groupId);
  return known && memberCountText(known.count, known.complete, vscode.env.language);
}

function groupTooltip({ group }: GroupNode, session: Session | undefined): vscode.MarkdownString {
  return detailsTooltip(displayName(group), [
    [vscode.l10n.t('ID'), group.id],
    [vscode.l10n.t('Members'), membersOf(group.id, session)],
    [vscode.l10n.t('IdP ID'), group.idp_id],
    [vscode.l10n.t('Directory'), group.directory_id],
    [vscode.l10n.t('Created'), group.created_at],
    [vscode.l10n.t('Updated'), group.updated_at],
  ]);
}

const USER_ICONS = new Map([
  ['active', new vscode.ThemeIcon('person', new vscode.ThemeColor('testing.iconPassed'))],
  ['suspended', new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground'))],
  ['inactive', new vscode.ThemeIcon('person', new vscode.ThemeColor('disabledForeground'))],
]);
const UNKNOWN_USER_ICON = new vscode.ThemeIcon('question');

/**
 * A user's state in words: active and inactive share an icon and differ by colour only, so a state
 * other than active is written beside the email too. An unknown state is shown as it came.
 */
function userState(state: unknown): string | undefined {
  switch (state) {
    case 'active':
      return vscode.l10n.t('Active');
    case 'suspended':
      return vscode.l10n.t('Suspended');
    case 'inactive':
      return vscode.l10n.t('Inactive');
    default:
      return displayText(state, 40) || undefined;
  }
}

function userItem(node: UserNode): vscode.TreeItem {
  const { user } = node;
  const item = new vscode.TreeItem(userName(user), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const state = user.state === 'active' ? undefined : userState(user.state);
  item.description = [displayText(user.email, 120), state].filter(Boolean).join(' · ');
  item.iconPath = (typeof user.state === 'string' && USER_ICONS.get(user.state)) || UNKNOWN_USER_ICON;
  // With an email, the menu offers Copy Email too.
  item.contextValue = displayText(user.email) ? ROW_CONTEXTS.userWithEmail : ROW_CONTEXTS.user;
  item.command = { command: COMMANDS.openUser, title: vscode.l10n.t('Open User JSON'), arguments: [user.id, user] };
  item.accessibilityInformation = { label: userSentence(node) };
  return item;
}

/** "User Ada Lovelace, ada@example.com, Active, in Engineering". */
function userSentence({ user, parent }: UserNode): string {
  const group = displayName(parent.group);
  const email = displayText(user.email, 120);
  const state = userState(user.state) ?? vscode.l10n.t('state unknown');
  return email
    ? vscode.l10n.t('User {0}, {1}, {2}, in {3}', userName(user), email, state, group)
    : vscode.l10n.t('User {0}, {1}, in {2}', userName(user), state, group);
}

function userTooltip(user: DirectoryUser): vscode.MarkdownString {
  const roles = Array.isArray(user.roles) ? user.roles.map((role) => role?.slug).filter(Boolean) : [];
  return detailsTooltip(userName(user), [
    [vscode.l10n.t('ID'), user.id],
    [vscode.l10n.t('IdP ID'), user.idp_id],
    [vscode.l10n.t('Email'), user.email],
    [vscode.l10n.t('State'), user.state],
    [
      roles.length > 1 ? vscode.l10n.t('Roles') : vscode.l10n.t('Role'),
      roles.length > 0 ? roles.join(', ') : user.role?.slug,
    ],
    [vscode.l10n.t('Created'), user.created_at],
    [vscode.l10n.t('Updated'), user.updated_at],
  ]);
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more'),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.contextValue = ROW_CONTEXTS.loadMore;
  if (node.loading) {
    item.iconPath = new vscode.ThemeIcon('loading~spin');
  } else {
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
  }
  const words = listWords(node.parent);
  item.accessibilityInformation = { label: node.loading ? words.loading : words.more };
  return item;
}

/** What the trailing rows of a list say to a screen reader, by the row whose list it is (undefined: the root). */
function listWords(parent: ParentNode | undefined): {
  more: string;
  loading: string;
  empty: string;
  failed: (reason: string) => string;
} {
  if (parent?.kind === 'group') {
    const group = displayName(parent.group);
    return {
      more: vscode.l10n.t('Load more members of {0}', group),
      loading: vscode.l10n.t('Loading more members of {0}', group),
      empty: vscode.l10n.t('No members in {0}', group),
      failed: (reason) => vscode.l10n.t('Could not load the members of {0}: {1}', group, reason),
    };
  }
  if (parent?.kind === 'directory') {
    const directory = displayName(parent.directory);
    return {
      more: vscode.l10n.t('Load more groups of {0}', directory),
      loading: vscode.l10n.t('Loading more groups of {0}', directory),
      empty: vscode.l10n.t('No groups in {0}', directory),
      failed: (reason) => vscode.l10n.t('Could not load the groups of {0}: {1}', directory, reason),
    };
  }
  return {
    more: vscode.l10n.t('Load more directories'),
    loading: vscode.l10n.t('Loading more directories'),
    empty: vscode.l10n.t('No directories'),
    failed: (reason) => vscode.l10n.t('Could not load the directories: {0}', reason),
  };
}

function placeholderItem(node: PlaceholderNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = ROW_CONTEXTS.placeholder;
  item.accessibilityInformation = { label: listWords(node.parent).empty };
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(shortFailure(node.error), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = ROW_CONTEXTS.error;
  const tooltip = new vscode.MarkdownString();
  appendPlain(tooltip, displayText(fullFailure(node.error)));
  if (node.retry) {
    item.description = vscode.l10n.t('click to retry');
    item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Retry'), arguments: [node] };
    tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to retry.'));
  }
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: messageSentence(node) };
  return item;
}

/** "Could not load the groups of Acme Okta: WorkOS server error (500). Select to retry." */
function messageSentence(node: MessageNode): string {
  const failed = listWords(node.parent).failed(displayText(shortFailure(node.error)));
  return node.retry ? vscode.l10n.t('{0}. Select to retry.', failed) : failed;
}
