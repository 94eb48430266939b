// The names this extension shares with its manifest (package.json `contributes`): command IDs, the
// context values of tree rows (menus match them as `viewItem`) and the context keys of `when` clauses.
// Typed here, once, so a misspelt name is a compile error rather than a menu that silently never shows;
// a unit test checks these tables against the manifest both ways. Free of VS Code, for that test.

export const COMMANDS = {
  setApiKey: 'workos.setApiKey',
  clearApiKey: 'workos.clearApiKey',
  switchEnvironment: 'workos.switchEnvironment',
  addEnvironment: 'workos.addEnvironment',
  renameEnvironment: 'workos.renameEnvironment',
  removeEnvironment: 'workos.removeEnvironment',
  refresh: 'workos.refresh',
  searchDirectories: 'workos.searchDirectories',
  clearSearch: 'workos.clearSearch',
  openGroup: 'workos.openGroup',
  openById: 'workos.openById',
  openDirectory: 'workos.openDirectory',
  openUser: 'workos.openUser',
  showUserGroups: 'workos.showUserGroups',
  findGroups: 'workos.findGroups',
  findUser: 'workos.findUser',
  loadMore: 'workos.loadMore',
  copyId: 'workos.copyId',
  copyEmail: 'workos.copyEmail',
  exportGroups: 'workos.exportGroups',
  exportMembers: 'workos.exportMembers',
  showChanges: 'workos.showChanges',
  showAllChanges: 'workos.showAllChanges',
  refreshChanges: 'workos.refreshChanges',
  loadOlderChanges: 'workos.loadOlderChanges',
  openEvent: 'workos.openEvent',
  compareEvent: 'workos.compareEvent',
  copyEventId: 'workos.copyEventId',
  openEventUser: 'workos.openEventUser',
  openEventGroup: 'workos.openEventGroup',
  openEventDirectory: 'workos.openEventDirectory',
  diagnoseDirectory: 'workos.diagnoseDirectory',
  explainUser: 'workos.explainUser',
  reveal: 'workos.reveal',
  showEventInDirectories: 'workos.showEventInDirectories',
  countMembers: 'workos.countMembers',
  exportMemberCounts: 'workos.exportMemberCounts',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** A tree row's `contextValue`: what its menus offer. */
export const ROW_CONTEXTS = {
  directory: 'workos.directory',
  group: 'workos.group',
  user: 'workos.user',
  /** A user with an email: Copy Email too. */
  userWithEmail: 'workos.user.email',
  loadMore: 'workos.loadMore',
  placeholder: 'workos.placeholder',
  error: 'workos.error',
  /** Recent Changes rows, by what the event is about: which Open and Compare entries apply. */
  userEvent: 'workos.event.user',
  userUpdatedEvent: 'workos.event.updated.user',
  groupEvent: 'workos.event.group',
  groupUpdatedEvent: 'workos.event.updated.group',
  membershipEvent: 'workos.event.membership',
  directoryEvent: 'workos.event.directory',
  otherEvent: 'workos.event',
} as const;

export type RowContext = (typeof ROW_CONTEXTS)[keyof typeof ROW_CONTEXTS];

/** Context keys the manifest's `when` clauses read, with the values each takes. */
export interface ContextKeys {
  'workos.keyState': 'unknown' | 'missing' | 'rejected' | 'valid';
  /** -1 while unknown. */
  'workos.directoryCount': number;
  'workos.searching': boolean;
  /** Recent Changes shows one directory's changes. */
  'workos.changesFiltered': boolean;
}

export const CONTEXT_KEYS: readonly (keyof ContextKeys)[] = [
  'workos.keyState',
  'workos.directoryCount',
  'workos.searching',
  'workos.changesFiltered',
];
