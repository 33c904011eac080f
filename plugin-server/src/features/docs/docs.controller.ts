import { Controller, Get, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Auth } from '../auth/auth.decorators.js';
import { buildOpenApiDocument } from './openapi.js';

@Controller('api')
@Auth('public')
export class DocsController {
  private readonly document: ReturnType<typeof buildOpenApiDocument>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.document = buildOpenApiDocument(config.http.publicBaseUrl);
  }

  @Get('openapi.json')
  openApi() {
    return this.document;
  }
}
