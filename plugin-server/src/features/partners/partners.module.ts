import { Module } from '@nestjs/common';
import { PartnerRepository } from './partner.repository.js';
import { PartnersService } from './partners.service.js';

@Module({ providers: [PartnerRepository, PartnersService], exports: [PartnersService] })
export class PartnersModule {}
