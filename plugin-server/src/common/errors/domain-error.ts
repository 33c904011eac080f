import type { ErrorCode } from '@m365/contracts';

/** Base of every rule violation a service reports; the HTTP status is decided only by the exception filter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(code: ErrorCode, what: string, id: string) {
    super(code, `${what} ${id} was not found.`, { id });
  }
}

/** Turns a repository's `undefined` into the feature's not-found error. */
export async function findOrFail<T>(
  find: () => T | undefined | Promise<T | undefined>,
  error: () => DomainError,
): Promise<T> {
  const found = await find();
  if (found === undefined) throw error();
  return found;
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
