import { Global, Inject, Logger, Module, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BULK_WRITER, InlineBulkWriter, type BulkWriter } from './bulk-writer.js';
import { AUTO_CHECKPOINT_PAGES, DATABASE, openDatabase, type Database } from './db.provider.js';
import { applyMigrations } from './migrate.js';
import { Transactions } from './transactions.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { WriteThread } from './write-thread.js';

/** A database in memory has no WAL to copy back, and no other thread can open it. */
const usesThreads = (config: AppConfig) => config.databaseFile !== ':memory:';

@Global()
@Module({
  providers: [
    Transactions,
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Database => {
        const db = openDatabase(config.databaseFile, { autoCheckpoint: !usesThreads(config) });
        applyMigrations(db);
        return db;
      },
    },
    {
      provide: WalCheckpointer,
      inject: [APP_CONFIG, DATABASE],
      useFactory: (config: AppConfig, db: Database): WalCheckpointer | null => {
        if (!usesThreads(config)) return null;
        const logger = new Logger('Database');
        return WalCheckpointer.start(config.databaseFile, (reason) => {
          logger.warn(`Background checkpoints stopped (${reason}); the connection checkpoints itself again.`);
          if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
        });
      },
    },
    {
      provide: BULK_WRITER,
      inject: [APP_CONFIG, DATABASE],
      useFactory: (config: AppConfig, db: Database): BulkWriter =>
        usesThreads(config) ? new WriteThread(config.databaseFile).start() : new InlineBulkWriter(db),
    },
  ],
  exports: [DATABASE, Transactions, BULK_WRITER],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Optional() private readonly checkpointer: WalCheckpointer | null,
    @Inject(BULK_WRITER) private readonly writer: BulkWriter,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.writer.close();
    await this.checkpointer?.stop();
    if (this.db.$client.open) this.db.$client.close();
  }
}
