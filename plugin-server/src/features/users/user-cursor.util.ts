import { DomainError } from '../../common/errors/domain-error.js';

/** Position after the last user of a page, in (UPN case-insensitive, id) order. */
export interface UserCursor {
  userPrincipalName: string;
  id: string;
}

export function encodeUserCursor(cursor: UserCursor): string {
  return Buffer.from(JSON.stringify([cursor.userPrincipalName, cursor.id])).toString('base64url');
}

export function decodeUserCursor(cursor: string | undefined): UserCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { userPrincipalName: value[0] as string, id: value[1] as string };
    }
  } catch {
    // Falls through to the validation error below.
  }
  throw new DomainError('VALIDATION_FAILED', 'The page cursor is not valid; start from the first page.', {
    issues: [{ path: 'query.cursor', message: 'Invalid cursor' }],
  });
}
