import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PartnerRepository } from './partner.repository.js';

/** Partners appear when the host first talks about them; their seat pool comes from the host. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly partners: PartnerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  ensure(partnerId: string): void {
    this.partners.ensure(partnerId);
  }

  seatPool(partnerId: string): number {
    return this.partners.get(partnerId)?.seatPoolTotal ?? this.config.sync.defaultSeatPool;
  }

  setSeatPool(partnerId: string, totalSeats: number): void {
    this.partners.setSeatPool(partnerId, totalSeats);
  }
}
