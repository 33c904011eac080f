import { Module } from '@nestjs/common';
import { CustomerRepository } from './customer.repository.js';
import { CustomersController } from './customers.controller.js';
import { CustomersService } from './customers.service.js';

@Module({ controllers: [CustomersController], providers: [CustomerRepository, CustomersService], exports: [CustomersService] })
export class CustomersModule {}
