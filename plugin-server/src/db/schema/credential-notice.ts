import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

/** The host was told that this certificate of the organization expires soon: once per certificate. */
export const credentialNotice = sqliteTable(
  'credential_notice',
  {
    organizationId: text('organization_id').notNull(),
    thumbprint: text('thumbprint').notNull(),
    eventId: text('event_id').notNull(),
    notifiedAt: timestamp('notified_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.thumbprint] })],
);
