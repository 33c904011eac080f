import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE, openDatabase, type Database } from './db.provider.js';
import { applyMigrations } from './migrate.js';
import { Transactions } from './transactions.js';

@Global()
@Module({
  providers: [
    Transactions,
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Database => {
        const db = openDatabase(config.databaseFile);
        applyMigrations(db);
        return db;
      },
    },
  ],
  exports: [DATABASE, Transactions],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onApplicationShutdown(): void {
    if (this.db.$client.open) this.db.$client.close();
  }
}
