import { ApiError } from '../api/api-error.js';
import { strings } from './strings.js';

/** One sentence for the technician: the server's message, or ours for failures that never reached it. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'NETWORK_FAILED':
      case 'HOST_TOKEN_FAILED':
      case 'UNEXPECTED_RESPONSE':
        return strings.errors[error.code];
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
