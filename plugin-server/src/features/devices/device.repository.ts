import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, asc, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { device, organization } from '../../db/schema/index.js';

export type DeviceRow = typeof device.$inferSelect;

@Injectable()
export class DeviceRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get(partnerId: string, id: string): DeviceRow | undefined {
    return this.db.select().from(device).where(and(eq(device.partnerId, partnerId), eq(device.id, id))).get();
  }

  main(partnerId: string): DeviceRow | undefined {
    return this.db.select().from(device).where(and(eq(device.partnerId, partnerId), eq(device.isMain, true))).get();
  }

  /** Main first, then by name, each with the number of organizations using it as Default device. */
  listWithAssignments(partnerId: string): (DeviceRow & { assignedOrganizations: number })[] {
    const assigned = this.db
      .select({ deviceId: organization.defaultDeviceId, count: sql<number>`count(*)`.as('count') })
      .from(organization)
      .where(and(eq(organization.partnerId, partnerId), sql`${organization.status} <> 'disconnected'`))
      .groupBy(organization.defaultDeviceId)
      .as('assigned');
    return this.db
      .select({ device, assignedOrganizations: sql<number>`coalesce(${assigned.count}, 0)` })
      .from(device)
      .leftJoin(assigned, eq(assigned.deviceId, device.id))
      .where(eq(device.partnerId, partnerId))
      .orderBy(desc(device.isMain), asc(device.name))
      .all()
      .map((row) => ({ ...row.device, assignedOrganizations: Number(row.assignedOrganizations) }));
  }

  /** At most one Main device per partner: setting the flag on one clears it on the others. */
  upsert(partnerId: string, id: string, values: Pick<DeviceRow, 'name' | 'isMain' | 'status' | 'lastSeenAt'>): void {
    this.db.transaction((tx) => {
      if (values.isMain) {
        tx.update(device).set({ isMain: false }).where(and(eq(device.partnerId, partnerId), eq(device.isMain, true))).run();
      }
      tx.insert(device)
        .values({ partnerId, id, ...values })
        .onConflictDoUpdate({ target: [device.partnerId, device.id], set: { ...values, updatedAt: new Date() } })
        .run();
    }, { behavior: 'immediate' });
  }

  delete(partnerId: string, id: string): boolean {
    return this.db.delete(device).where(and(eq(device.partnerId, partnerId), eq(device.id, id))).run().changes > 0;
  }
}
