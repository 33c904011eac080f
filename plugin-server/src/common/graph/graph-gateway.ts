import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  ResponseType,
  type GraphRequest,
} from '@microsoft/microsoft-graph-client';
import type { Dispatcher } from 'undici';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { MicrosoftError } from '../microsoft/microsoft-error.js';
import { parseRetryAfter } from '../retry/retry-policy.js';
import { CHUNK_BYTES, parseCollectionPage, type ItemMapper } from './collection-page.js';
import { bodyBytes, GraphHttpHandler } from './graph-http.handler.js';

const MICROSOFT_GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'];

export type Headers = Record<string, string>;

/** Optional: the undici dispatcher Graph requests go through (a MockAgent in specs); by default the gateway's own pool. */
export const GRAPH_DISPATCHER = Symbol('GRAPH_DISPATCHER');

export interface GraphPage<T> {
  value: T[];
  nextLink: string | null;
  deltaLink: string | null;
  count: number | null;
}

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Headers;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchResponse<T = unknown> {
  id: string;
  status: number;
  headers: Headers;
  body: T;
}

/** The only door to Microsoft Graph: builds sessions over a token source and translates failures. */
@Injectable()
export class GraphGateway implements OnModuleDestroy {
  private readonly origin: string;
  private readonly customHosts: Set<string> | undefined;
  /** One connection pool for every session. */
  private readonly http: GraphHttpHandler;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(GRAPH_DISPATCHER) dispatcher?: Dispatcher) {
    this.http = new GraphHttpHandler(dispatcher);
    const url = new URL(config.microsoft.graphUrl);
    this.origin = url.origin;
    this.customHosts = MICROSOFT_GRAPH_HOSTS.includes(url.hostname) ? undefined : new Set([url.hostname]);
  }

  session(accessToken: () => Promise<string>): GraphSession {
    // No RetryHandler in the chain: retries are decided by common/retry only.
    const client = Client.initWithMiddleware({
      middleware: [new AuthenticationHandler({ getAccessToken: accessToken }), this.http],
      baseUrl: `${this.origin}/`,
      defaultVersion: 'v1.0',
      customHosts: this.customHosts,
    });
    return new GraphSession(client, this.origin);
  }

  onModuleDestroy(): Promise<void> {
    return this.http.close();
  }
}

export class GraphSession {
  constructor(
    private readonly client: Client,
    private readonly origin: string,
  ) {}

  get<T>(path: string, headers: Headers = {}): Promise<T> {
    return this.send(this.request(path, headers), (request) => request.get());
  }

  /** A lookup: 404 means "not there", anything else is an error. */
  async find<T>(path: string, headers: Headers = {}): Promise<T | undefined> {
    try {
      return await this.get<T>(path, headers);
    } catch (error) {
      if (error instanceof MicrosoftError && error.status === 404) return undefined;
      throw error;
    }
  }

  post<T>(path: string, body: unknown, headers: Headers = {}): Promise<T> {
    return this.send(this.request(path, headers), (request) => request.post(body));
  }

  patch<T>(path: string, body: unknown, headers: Headers = {}): Promise<T> {
    return this.send(this.request(path, headers), (request) => request.patch(body));
  }

  delete(path: string, headers: Headers = {}): Promise<void> {
    return this.send(this.request(path, headers), (request) => request.delete());
  }

  /**
   * One page of a collection; next and delta links are followed only on the configured Graph host. `map`
   * turns Graph's items into what the caller keeps, a run at a time while the page is read (collection-page.ts).
   */
  async page<T, R = T>(pathOrLink: string, headers: Headers = {}, map?: (items: T[]) => R[]): Promise<GraphPage<R>> {
    if (/^https?:\/\//i.test(pathOrLink)) this.assertOwnLink(pathOrLink);
    const body = await this.send(this.request(pathOrLink, headers).responseType(ResponseType.RAW), (request) => readPage(request, map as ItemMapper | undefined));
    const value = body.value ?? [];
    const nextLink = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null;
    const deltaLink = typeof body['@odata.deltaLink'] === 'string' ? body['@odata.deltaLink'] : null;
    for (const link of [nextLink, deltaLink]) if (link) this.assertOwnLink(link);
    const count = body['@odata.count'];
    return { value: Array.isArray(value) ? (value as R[]) : [], nextLink, deltaLink, count: typeof count === 'number' ? count : null };
  }

  /** JSON batching (at most 20 requests); inner failures come back as responses, not exceptions. */
  async batch<T = unknown>(requests: BatchRequest[]): Promise<BatchResponse<T>[]> {
    if (requests.length === 0) return [];
    if (requests.length > 20) throw new Error('Graph $batch takes at most 20 requests');
    const body = await this.post<{ responses: BatchResponse<T>[] }>('/$batch', { requests });
    return body.responses.map((response) => ({ ...response, headers: response.headers ?? {} }));
  }

  private assertOwnLink(link: string): void {
    if (new URL(link).origin !== this.origin) {
      throw new DomainError('GRAPH_LINK_REJECTED', `Refused to follow a Graph link to ${new URL(link).host}, which is not the configured Graph host.`);
    }
  }

  private request(path: string, headers: Headers): GraphRequest {
    return this.client.api(path).headers(headers);
  }

  private async send<T>(request: GraphRequest, call: (request: GraphRequest) => Promise<T>): Promise<T> {
    try {
      return await call(request);
    } catch (error) {
      throw toMicrosoftError(error);
    }
  }
}

/** A page read from the raw response (see collection-page.ts); a failure becomes the GraphError the SDK would have thrown. */
async function readPage(request: GraphRequest, map: ItemMapper | undefined): Promise<Record<string, unknown>> {
  const response = (await request.get()) as Response;
  const bytes = await bodyBytes(response);
  if (!response.ok) throw graphErrorOf(response, bytes);
  try {
    return parseCollectionPage(bytes, CHUNK_BYTES, map);
  } catch (error) {
    // A 200 that does not parse is a transfer gone wrong, not an answer: retried like a dropped connection.
    throw new MicrosoftError('network', 0, 'invalid_json', `Graph sent a page that is not valid JSON (${(error as Error).message}).`);
  }
}

function graphErrorOf(response: Response, bytes: Uint8Array): GraphError {
  let body: { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } } | undefined;
  try {
    body = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof body;
  } catch {
    body = undefined;
  }
  const error = new GraphError(response.status, body?.error?.message ?? response.statusText);
  error.code = body?.error?.code ?? null;
  error.requestId = body?.error?.innerError?.['request-id'] ?? response.headers.get('request-id');
  error.headers = response.headers;
  return error;
}

function toMicrosoftError(error: unknown): unknown {
  if (error instanceof MicrosoftError || error instanceof DomainError) return error;
  if (error instanceof GraphError) {
    if (error.statusCode <= 0) return new MicrosoftError('network', 0, 'network_error', error.message);
    return new MicrosoftError('graph', error.statusCode, error.code ?? `http_${error.statusCode}`, error.message, {
      requestId: error.requestId,
      retryAfterMs: parseRetryAfter(error.headers?.get('retry-after')),
    });
  }
  if (error instanceof TypeError) return new MicrosoftError('network', 0, 'network_error', error.message);
  return error;
}
