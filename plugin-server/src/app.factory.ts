import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { requestIdMiddleware } from './common/http/request-id.middleware.js';
import type { AppConfig } from './config/app-config.js';
import { buildOpenApiDocument } from './features/docs/openapi.js';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bodyParser: false,
    rawBody: true,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: '1mb' });
  if (config.http.corsOrigins.length) app.enableCors({ origin: [...config.http.corsOrigins], credentials: false });
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(config.http.publicBaseUrl) as unknown as OpenAPIObject, {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  if (config.ui.serve) serveUi(app, config);
  app.enableShutdownHooks();
  return app;
}

function serveUi(app: NestExpressApplication, config: AppConfig): void {
  const logger = new Logger('UI');
  if (!existsSync(config.ui.distDir)) {
    logger.warn(`Not serving the UI: ${config.ui.distDir} does not exist (run npm run build).`);
    return;
  }
  // No Cross-Origin-Opener-Policy here: it would cut the pop-up sign-in's redirect bridge off its opener.
  app.useStaticAssets(config.ui.distDir, { prefix: '/ui/', index: false, fallthrough: true, maxAge: 0 });
}
