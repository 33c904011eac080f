import type { ErrorCode } from '@m365/contracts';

/** Codes the UI adds for failures that never reached the plugin's API. */
export type ClientErrorCode = 'NETWORK_FAILED' | 'HOST_TOKEN_FAILED' | 'UNEXPECTED_RESPONSE';

/** A failed API call: the server's `ApiError` body, or a client-side failure with a UI code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Field messages of a 400 VALIDATION_FAILED, keyed by dotted path. */
  get fieldErrors(): Record<string, string> {
    const issues = Array.isArray(this.details) ? this.details : (this.details as { issues?: unknown })?.issues;
    const out: Record<string, string> = {};
    if (!Array.isArray(issues)) return out;
    for (const issue of issues) {
      if (issue && typeof issue.path === 'string' && typeof issue.message === 'string') out[issue.path] = issue.message;
    }
    return out;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
