import { Injectable } from '@nestjs/common';
import type { SeatUsage, UpsertCustomerHook, UpsertDeviceHook } from '@m365/contracts';
import { CustomersService } from '../customers/customers.service.js';
import { DevicesService } from '../devices/devices.service.js';
import { SeatsService } from '../licensing/seats.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PartnersService } from '../partners/partners.service.js';

/** What the host pushes: its customers, its backup devices and the partner's seat pool. */
@Injectable()
export class HooksService {
  constructor(
    private readonly partners: PartnersService,
    private readonly customers: CustomersService,
    private readonly devices: DevicesService,
    private readonly organizations: OrganizationsService,
    private readonly seats: SeatsService,
  ) {}

  upsertCustomer(partnerId: string, customerId: string, body: Required<UpsertCustomerHook>): void {
    this.partners.ensure(partnerId);
    this.customers.upsert(partnerId, customerId, { name: body.name, domains: [...new Set(body.domains)] });
  }

  deleteCustomer(partnerId: string, customerId: string): void {
    this.customers.delete(partnerId, customerId);
  }

  upsertDevice(partnerId: string, deviceId: string, body: Required<UpsertDeviceHook>): void {
    this.partners.ensure(partnerId);
    this.devices.upsert(partnerId, deviceId, {
      name: body.name,
      isMain: body.isMain,
      status: body.status,
      lastSeenAt: body.lastSeenAt ? new Date(body.lastSeenAt) : null,
    });
    this.organizations.clearDeviceMissing(partnerId, deviceId);
  }

  deleteDevice(partnerId: string, deviceId: string): void {
    if (this.devices.delete(partnerId, deviceId)) this.organizations.markDeviceMissing(partnerId, deviceId);
  }

  setSeatPool(partnerId: string, totalSeats: number): SeatUsage {
    this.partners.setSeatPool(partnerId, totalSeats);
    return this.seats.usage(partnerId);
  }
}
