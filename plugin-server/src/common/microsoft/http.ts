import { MicrosoftError } from './microsoft-error.js';
import { parseRetryAfter } from '../retry/retry-policy.js';

const TIMEOUT_MS = 30_000;

/** fetch with a timeout; network failures become MicrosoftError('network') so the retry policy sees them. */
export async function fetchMicrosoft(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new MicrosoftError('network', 0, 'network_error', `Could not reach ${new URL(url).host}: ${reason}`);
  }
}

/** Reads an identity platform (OAuth 2.0) error body into a MicrosoftError. */
export async function identityError(response: Response): Promise<MicrosoftError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    error_description?: string;
    error_codes?: number[];
    correlation_id?: string;
  };
  const description = (body.error_description ?? response.statusText).split('\r\n')[0] ?? '';
  return new MicrosoftError('identity', response.status, body.error ?? `http_${response.status}`, description, {
    aadsts: body.error_codes ?? [],
    requestId: body.correlation_id ?? response.headers.get('x-ms-request-id'),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}
