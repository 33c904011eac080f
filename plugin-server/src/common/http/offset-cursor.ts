import { DomainError } from '../errors/domain-error.js';

/** Opaque page cursor over an offset; small admin lists do not need keyset paging. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new DomainError('VALIDATION_FAILED', 'The page cursor is not valid; start from the first page.', { issues: [{ path: 'query.cursor', message: 'Invalid cursor' }] });
  return Number(match[1]);
}

export function nextOffsetCursor(offset: number, returned: number, total: number): string | null {
  return offset + returned < total ? encodeOffset(offset + returned) : null;
}
