import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { CommonModule } from '../common/common.module.js';
import { BULK_WRITER, InlineBulkWriter } from '../db/bulk-writer.js';
import { DatabaseModule } from '../db/database.module.js';
import { DATABASE, type Database } from '../db/db.provider.js';
import { customer, nextUserKey, organization, tenantUser, type OrganizationRow, type TenantUserRow } from '../db/schema/index.js';
import { SyncModule } from '../features/sync/sync.module.js';

/** Sync, licensing and users over a private in-memory database; `override` swaps providers (fake runner, sleep...). */
export async function createSyncTestingModule(config: AppConfig, db: Database, override: (builder: ReturnType<typeof Test.createTestingModule>) => void = () => undefined) {
  const builder = Test.createTestingModule({ imports: [ConfigModule.forRoot(config), ScheduleModule.forRoot(), DatabaseModule, CommonModule, SyncModule] });
  builder.overrideProvider(DATABASE).useValue(db);
  // The configuration names a file, but the database given is this one: bulk writes must reach it too.
  builder.overrideProvider(BULK_WRITER).useValue(new InlineBulkWriter(db));
  override(builder);
  return builder.compile();
}

export function insertOrganization(db: Database, values: Partial<OrganizationRow> = {}): OrganizationRow {
  const partnerId = values.partnerId ?? 'partner-1';
  const customerId = values.customerId ?? `cust-${randomUUID()}`;
  db.insert(customer).values({ partnerId, id: customerId, name: `Customer ${customerId}` }).onConflictDoNothing().run();
  return db
    .insert(organization)
    .values({
      id: `org-${randomUUID()}`,
      status: 'connected',
      applicationName: 'Backup',
      licenseMode: 'automatic',
      defaultDeviceId: 'device-1',
      syncIntervalMinutes: 60,
      tenantId: randomUUID(),
      userKey: nextUserKey,
      ...values,
      partnerId,
      customerId,
    })
    .returning()
    .get();
}

let sequence = 0;

/** A tenant user row; by default an enabled, licensed-in-the-tenant member with a mailbox and a OneDrive, no backup seat. */
export function insertUser(db: Database, org: Pick<OrganizationRow, 'userKey' | 'partnerId'>, values: Partial<TenantUserRow> = {}): TenantUserRow {
  sequence += 1;
  const seen = new Date(Date.UTC(2026, 0, 1));
  return db
    .insert(tenantUser)
    .values({
      id: randomUUID(),
      userPrincipalName: `user${String(sequence).padStart(6, '0')}@example.com`,
      displayName: `User ${sequence}`,
      mail: null,
      accountEnabled: true,
      userType: 'member',
      hasMailbox: true,
      hasOneDrive: true,
      hasExchangePlan: true,
      firstSeenAt: seen,
      lastSeenAt: seen,
      ...values,
      organizationKey: org.userKey,
      partnerId: org.partnerId,
    })
    .returning()
    .get();
}
