// For the processes that the tests and the demo start: the environment they inherit (code-server,
// desktop VS Code, Chromium), and how the ones started in a process group of their own are stopped.

/**
 * process.env without WORKOS_API_KEY (nothing started may reach the real API with a developer's key
 * unless asked) and without VSCODE_* (inside a VS Code terminal, VSCODE_IPC_HOOK_CLI would make `code`
 * and code-server hand off to that VS Code).
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'WORKOS_API_KEY' && !name.startsWith('VSCODE_')),
  );
}

/**
 * Signals the process group that `pid` leads (a child spawned with `detached: true`): killing only the
 * pid would leave its children running. False when the group is gone, so signal 0 asks whether it is.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}
