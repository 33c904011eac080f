import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { stackOf } from '../../common/errors/stack-of.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SyncDispatcher } from './sync-dispatcher.service.js';

const INTERVAL_NAME = 'user-sync';
const SHUTDOWN_WAIT_MS = 10_000;

/** Looks for due syncs every SYNC_TICK_SECONDS; the work itself is the dispatcher's. */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly dispatcher: SyncDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.addInterval(INTERVAL_NAME, setInterval(() => this.tick(), this.config.sync.tickMs));
  }

  tick(): void {
    try {
      this.dispatcher.tick();
    } catch (error) {
      this.logger.error('User sync tick failed', stackOf(error));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    this.dispatcher.stop();
    await Promise.race([this.dispatcher.drain(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }
}
