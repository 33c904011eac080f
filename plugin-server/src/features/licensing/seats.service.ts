import { Injectable } from '@nestjs/common';
import type { PartnerSeats, SeatUsage } from '@m365/contracts';
import { PartnersService } from '../partners/partners.service.js';
import { SeatsRepository } from './seats.repository.js';

/** The partner's seat pool (set by the host) and how much of it licensed users hold. */
@Injectable()
export class SeatsService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly partners: PartnersService,
  ) {}

  usage(partnerId: string): SeatUsage {
    const total = this.partners.seatPool(partnerId);
    const used = this.seats.usedByPartner(partnerId);
    return { total, used, available: total - used };
  }

  /** Seats still free; negative when the host lowered the pool below what is in use. */
  available(partnerId: string): number {
    return this.usage(partnerId).available;
  }

  partnerSeats(partnerId: string): PartnerSeats {
    return { ...this.usage(partnerId), organizations: this.seats.byOrganization(partnerId) };
  }
}
