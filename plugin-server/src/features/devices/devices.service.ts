import { Injectable } from '@nestjs/common';
import type { Device } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { DeviceRepository, type DeviceRow } from './device.repository.js';

@Injectable()
export class DevicesService {
  constructor(private readonly devices: DeviceRepository) {}

  list(partnerId: string): Device[] {
    return this.devices.listWithAssignments(partnerId).map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      isMain: row.isMain,
      assignedOrganizations: row.assignedOrganizations,
    }));
  }

  find(partnerId: string, deviceId: string): DeviceRow | undefined {
    return this.devices.get(partnerId, deviceId);
  }

  /** The device asked for, or the partner's Main device when none is named. */
  resolveDefault(partnerId: string, deviceId: string | undefined): DeviceRow {
    if (deviceId) {
      const found = this.devices.get(partnerId, deviceId);
      if (!found) throw new DomainError('DEVICE_NOT_FOUND', `Device ${deviceId} is not one of your backup devices.`, { deviceId });
      return found;
    }
    const main = this.devices.main(partnerId);
    if (!main) {
      throw new DomainError('DEVICE_NO_MAIN', 'No device is marked as Main in the portal: pick a Default device under Advanced configuration.');
    }
    return main;
  }

  upsert(partnerId: string, deviceId: string, values: Pick<DeviceRow, 'name' | 'isMain' | 'status' | 'lastSeenAt'>): void {
    this.devices.upsert(partnerId, deviceId, values);
  }

  delete(partnerId: string, deviceId: string): boolean {
    return this.devices.delete(partnerId, deviceId);
  }
}
