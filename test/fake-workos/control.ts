// A typed client for the fake's control routes (/__fake/…), for driving a fake that runs in another
// process (`npm run fake-api`). The fake's own suite tests those routes through it; the UI tests and
// the demo run the fake in their own process and call it directly.
import type { Fault, FaultMatch, RecordedRequest } from './server';

/** The JSON form of a Fault: JSON has no RegExp and no Infinity. */
function faultToJson(fault: Fault): unknown {
  const { match, times, ...rest } = fault;
  return {
    ...rest,
    ...(match && { match: matchToJson(match) }),
    ...(times !== undefined && { times: times === Infinity ? 'Infinity' : times }),
  };
}

function matchToJson(match: FaultMatch): unknown {
  const { path, ...rest } = match;
  return path instanceof RegExp ? { ...rest, pathPattern: path.source, pathFlags: path.flags } : match;
}

export class FakeControl {
  /** `url` is the fake's base URL, e.g. 'http://127.0.0.1:4100'. */
  constructor(readonly url: string) {}

  async inject(fault: Fault): Promise<void> {
    await this.send('POST', '/__fake/faults', faultToJson(fault));
  }

  async clearFaults(): Promise<void> {
    await this.send('DELETE', '/__fake/faults');
  }

  async requests(): Promise<RecordedRequest[]> {
    return (await (await this.send('GET', '/__fake/requests')).json()) as RecordedRequest[];
  }

  async clearRequests(): Promise<void> {
    await this.send('DELETE', '/__fake/requests');
  }

  async setLatency(ms: number): Promise<void> {
    await this.send('POST', '/__fake/latency', { ms });
  }

  /** Replaces the accepted API keys, e.g. `[]` to make the extension's key fail mid-run. */
  async setKeys(apiKeys: string[]): Promise<void> {
    await this.send('POST', '/__fake/keys', { apiKeys });
  }

  /** Off, the nested directory routes answer 404, as on WorkOS's emulator and older servers. */
  async setNestedRoutes(on: boolean): Promise<void> {
    await this.send('POST', '/__fake/nested-routes', { on });
  }

  /** Resolves when the fake answers; rejects if it is not running. */
  async health(): Promise<void> {
    await this.send('GET', '/__fake/health');
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(this.url.replace(/\/$/, '') + path, {
      method,
      ...(body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
    return response;
  }
}
