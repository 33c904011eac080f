import { Injectable } from '@nestjs/common';
import type { SeatUsage, StartOnboardingsHook, StartOnboardingsHookResult, UpsertCustomerHook, UpsertDeviceHook } from '@m365/contracts';
import { CustomersService } from '../customers/customers.service.js';
import { DevicesService } from '../devices/devices.service.js';
import { AutomaticLicensingService } from '../licensing/automatic-licensing.service.js';
import { SeatsService } from '../licensing/seats.service.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PartnersService } from '../partners/partners.service.js';

/** The id audit records and license changes give the host when it, not a technician, acts. */
export const HOST_STARTER_ID = 'host';

/** What the host pushes: its customers, its backup devices, the partner's seat pool and onboardings. */
@Injectable()
export class HooksService {
  constructor(
    private readonly partners: PartnersService,
    private readonly customers: CustomersService,
    private readonly devices: DevicesService,
    private readonly organizations: OrganizationsService,
    private readonly seats: SeatsService,
    private readonly automatic: AutomaticLicensingService,
    private readonly onboarding: OnboardingService,
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

  /** A larger pool licenses the users automatic organizations left waiting before it answers, so the usage returned includes them. */
  async setSeatPool(partnerId: string, totalSeats: number): Promise<SeatUsage> {
    const before = this.partners.seatPool(partnerId);
    this.partners.setSeatPool(partnerId, totalSeats);
    if (totalSeats > before) await this.automatic.seatsAdded(partnerId, HOST_STARTER_ID);
    return this.seats.usage(partnerId);
  }

  /** One batch, in the order asked: each customer gets its onboarding (and code) or the reason it did not. */
  async startOnboardings(partnerId: string, body: StartOnboardingsHook): Promise<StartOnboardingsHookResult> {
    const customerIds = [...new Set(body.customerIds)];
    const batch = await this.onboarding.startBatch(
      { partnerId, technicianId: HOST_STARTER_ID, technicianName: body.startedBy ?? null },
      customerIds,
      body.settings ?? {},
    );
    return {
      batchId: batch.id,
      items: customerIds.map((customerId) => {
        const started = batch.items.find((item) => item.customerId === customerId);
        if (started) return { customerId, onboardingId: started.id, status: started.status, signIn: started.signIn, error: null };
        const rejected = batch.rejected.find((item) => item.customerId === customerId);
        return {
          customerId,
          onboardingId: null,
          status: null,
          signIn: null,
          error: rejected ? { code: rejected.code, message: rejected.message } : { code: 'INTERNAL', message: 'The onboarding did not start.' },
        };
      }),
    };
  }
}
