import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { pingDatabase } from '../../db/database-health.js';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { Auth } from '../auth/auth.decorators.js';

@Controller()
@Auth('public')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get('healthz')
  @HealthCheck()
  check() {
    return this.health.check([() => this.database()]);
  }

  private database() {
    const indicator = this.indicators.check('database');
    try {
      pingDatabase(this.db);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
