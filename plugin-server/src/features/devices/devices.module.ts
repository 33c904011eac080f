import { Module } from '@nestjs/common';
import { DeviceRepository } from './device.repository.js';
import { DevicesController } from './devices.controller.js';
import { DevicesService } from './devices.service.js';

@Module({ controllers: [DevicesController], providers: [DeviceRepository, DevicesService], exports: [DevicesService] })
export class DevicesModule {}
