import { STATUS_CODES } from 'node:http';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { Agent, request, type Dispatcher } from 'undici';

/** Graph that sends no response headers, or no body bytes, for this long has dropped the request: retried as a network failure. */
const SILENCE_TIMEOUT_MS = 60_000;

/** Statuses whose Response cannot carry a body (the Fetch standard's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The Graph client's last middleware, in place of the SDK's HTTPMessageHandler (which calls fetch): the
 * request goes through undici's `request`, and the SDK gets a Response holding the whole body. fetch
 * hands a body over through web streams: reading a 100,000-user listing took 0.5-0.6 s of CPU with fetch
 * and 0.3 s with this (test/bench/RESULTS.md). The SDK reads status, headers and body as before; a
 * request that goes silent fails after a minute instead of hanging the sync.
 */
export class GraphHttpHandler implements Middleware {
  private readonly dispatcher: Dispatcher;
  private readonly owned: boolean;

  /** Without a dispatcher, the handler keeps a pool of its own, closed by `close`. */
  constructor(dispatcher?: Dispatcher) {
    this.dispatcher = dispatcher ?? new Agent({ headersTimeout: SILENCE_TIMEOUT_MS, bodyTimeout: SILENCE_TIMEOUT_MS });
    this.owned = dispatcher === undefined;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    const response = await request(url, {
      method: (options.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: requestHeaders(options.headers),
      body: options.body as string | Buffer | null | undefined,
      signal: options.signal ?? undefined,
      dispatcher: this.dispatcher,
    });
    const body = NULL_BODY.has(response.statusCode) ? (await response.body.dump(), null) : streamOf(await response.body.bytes());
    context.response = new Response(body, {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      headers: responseHeaders(response.headers),
    });
  }

  async close(): Promise<void> {
    if (this.owned) await this.dispatcher.close();
  }
}

/** The body as a one-chunk stream: a Response copies bytes it is given, but not a stream's chunks (see bodyBytes). */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** A Response's whole body; the chunk itself when there is one, as from this handler, where arrayBuffer() would copy it. */
export async function bodyBytes(response: Response): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body ?? []) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers));
}

function responseHeaders(headers: Record<string, string | string[] | undefined>): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((one): [string, string] => [name, one]) : [[name, value]],
  );
}
