import type { Clock } from '../src/workos';

/**
 * Virtual time for pacing tests: sleeps wake only when the test moves time, by `advance` (to a time it
 * names) or by `run` (to each next sleeper's time once nothing else can run), so that many callers
 * waiting together see time as they would, without a real second passing.
 */
export function virtualClock() {
  let now = 0;
  let sleepers: Array<{ at: number; wake: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new Error('aborted'));
        sleepers.push({ at: now + ms, wake: resolve });
      }),
  };
  return {
    clock,
    /** Callers asleep now. */
    sleeping: () => sleepers.length,
    /** Moves time by `ms`, waking every sleeper due by then. */
    advance: (ms: number): void => {
      now += ms;
      const due = sleepers.filter((sleeper) => sleeper.at <= now);
      sleepers = sleepers.filter((sleeper) => sleeper.at > now);
      for (const sleeper of due) sleeper.wake();
    },
    /** Runs `work` to its end, moving time to each next sleeper once nothing else can run. */
    run: async (work: Promise<unknown>): Promise<void> => {
      let done = false;
      void work.finally(() => (done = true));
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (done) return;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift();
        if (!next) throw new Error('nothing left to wake: the pacer would wait forever');
        now = next.at;
        next.wake();
      }
    },
  };
}
