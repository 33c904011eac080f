import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module.js';
import { SeatsRepository } from './seats.repository.js';
import { SeatsService } from './seats.service.js';

@Module({ imports: [PartnersModule], providers: [SeatsRepository, SeatsService], exports: [SeatsService] })
export class LicensingModule {}
