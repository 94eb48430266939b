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
} as const;

export type RowContext = (typeof ROW_CONTEXTS)[keyof typeof ROW_CONTEXTS];

/** Context keys the manifest's `when` clauses read, with the values each takes. */
export interface ContextKeys {
  'workos.keyState': 'unknown' | 'missing' | 'rejected' | 'valid';
  /** -1 while unknown. */
  'workos.directoryCount': number;
  'workos.searching': boolean;
}

export const CONTEXT_KEYS: readonly (keyof ContextKeys)[] = [
  'workos.keyState',
  'workos.directoryCount',
  'workos.searching',
];
