import type { LicenseChange } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import type { LicenseChangeRow } from './license.repository.js';

export function toLicenseChange(row: LicenseChangeRow): LicenseChange {
  return {
    id: `lc_${row.sequence}`,
    userId: row.userId,
    userPrincipalName: row.userPrincipalName,
    action: row.action,
    reason: row.reason,
    actor: row.actor,
    at: row.at.toISOString(),
  };
}

export function encodeSequenceCursor(sequence: number): string {
  return Buffer.from(`s:${sequence}`).toString('base64url');
}

/** The cursor of the change list is the sequence of the last change returned (newest first). */
export function decodeSequenceCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^s:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'The page cursor is not valid; start from the first page.', {
      issues: [{ path: 'query.cursor', message: 'Invalid cursor' }],
    });
  }
  return Number(match[1]);
}
