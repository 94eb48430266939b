import * as assert from 'node:assert/strict';

/**
 * Polls `condition` until it holds, failing the test with `what` after `timeoutMs`. For what a test
 * cannot subscribe to (a request reaching the fake, a log line written, a command settling); never a
 * fixed sleep in its place.
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
