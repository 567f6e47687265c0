/**
 * A live-update client for the multi-process tests, taking the path a browser's `LiveStream` takes: a stream
 * ticket with the bearer token (`POST /api/events/tickets`), then `GET` the ticket's URL as `text/event-stream`
 * on the server process under test. Every `LiveEvent` that arrives is kept in order of arrival; `until` waits for a
 * condition on them with a deadline instead of sleeping. `openLiveStream` resolves only after the server's `ready`,
 * i.e. once that process LISTENs, so nothing committed afterwards can be missed.
 */
import { LiveEventSchema, StreamTicketSchema, type LiveEvent } from '../../src/shared/api/live.js';

export interface LiveStreamClient {
  /** The events received so far (`ready` and keep-alive comments left out), in order of arrival. */
  readonly events: readonly LiveEvent[];
  /** Resolves once `done(events)` holds; rejects when `timeoutMs` pass or the stream ends first. */
  until(done: (events: readonly LiveEvent[]) => boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function openLiveStream(serverUrl: string, bearer: string, readyTimeoutMs = 30_000): Promise<LiveStreamClient> {
  const ticketRes = await fetch(`${serverUrl}/api/events/tickets`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
  if (ticketRes.status !== 201) throw new Error(`stream ticket on ${serverUrl} answered ${ticketRes.status}: ${await ticketRes.text()}`);
  const ticket = StreamTicketSchema.parse(await ticketRes.json());
  const abort = new AbortController();
  const res = await fetch(new URL(ticket.url, serverUrl), { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200 || !res.body || !/^text\/event-stream/.test(res.headers.get('content-type') ?? '')) {
    abort.abort();
    throw new Error(`event stream on ${serverUrl} answered ${res.status} ${res.headers.get('content-type')}`);
  }

  const events: LiveEvent[] = [];
  const waiters = new Set<() => void>();
  let ready = false;
  let ended: Error | null = null;
  const changed = () => {
    for (const check of [...waiters]) check();
  };
  const reader = res.body.getReader();
  const pump = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (const block of blocks) {
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, ''));
        const data = field('data');
        if (data.length === 0) continue;
        if (field('event')[0] === 'ready') ready = true;
        else events.push(LiveEventSchema.parse(JSON.parse(data.join('\n'))));
      }
      changed();
    }
    throw new Error(`the event stream on ${serverUrl} ended`);
  })().catch((error: unknown) => {
    ended = error instanceof Error ? error : new Error(String(error));
    changed();
  });

  const until = (done: () => boolean, timeoutMs: number, what: () => string) =>
    new Promise<void>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      const check = () => {
        if (done()) finish(resolve);
        else if (ended) finish(() => reject(ended!));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`${what()} on ${serverUrl} within ${timeoutMs} ms`))), timeoutMs);
      waiters.add(check);
      check();
    });

  const client: LiveStreamClient = {
    events,
    until: (done, timeoutMs) => until(() => done(events), timeoutMs, () => `no match among the ${events.length} live events received`),
    async close() {
      abort.abort();
      await pump;
    },
  };
  try {
    await until(() => ready, readyTimeoutMs, () => 'no `ready`');
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}
