import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { createApp } from './app.factory.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee plugin-server/README.md for every variable and its default.\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = new Logger('Main');
  if (config.encryption.generatedKeyFile) {
    logger.warn(
      `ENCRYPTION_KEYS is not set: secrets are encrypted with a development key generated in ${config.encryption.generatedKeyFile}. ` +
        'Never use this in production.',
    );
  }
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  logger.log(`Plugin server listening on ${url.replace('[::1]', 'localhost')} (API docs: ${url}/api/docs)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Plugin server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
