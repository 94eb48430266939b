import * as assert from 'node:assert/strict';
import { Pacer } from '../../src/workos';
import { virtualClock } from '../virtual-clock';

describe('pacer', () => {
  it('lets 4 requests start at once, then holds each next one until the oldest leaves the window', async () => {
    const { clock, run } = virtualClock();
    const pacer = new Pacer(4, 1050, clock);
    const starts: number[] = [];
    await run(
      (async () => {
        for (let i = 0; i < 10; i++) {
          await pacer.take(undefined);
          starts.push(clock.now());
        }
      })(),
    );
    assert.deepEqual(starts, [0, 0, 0, 0, 1050, 1050, 1050, 1050, 2100, 2100]);
  });

  it('never lets more than 4 start within any window, with callers waiting together', async () => {
    const { clock, run } = virtualClock();
    const pacer = new Pacer(4, 1050, clock);
    const starts: number[] = [];
    await run(
      Promise.all(Array.from({ length: 20 }, () => pacer.take(undefined).then(() => starts.push(clock.now())))),
    );
    assert.equal(starts.length, 20);
    for (const start of starts) {
      const inWindow = starts.filter((other) => other >= start && other < start + 1050).length;
      assert.ok(inWindow <= 4, `${inWindow} starts in the window from ${start}`);
    }
    // 20 requests at 4 per window: the last starts after 4 windows, not 20 × a Retry-After.
    assert.equal(Math.max(...starts), 4 * 1050);
  });

  it('a waiting caller whose signal aborts stops waiting', async () => {
    const { clock } = virtualClock();
    const pacer = new Pacer(1, 1050, clock);
    await pacer.take(undefined);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(pacer.take(controller.signal));
  });
});
