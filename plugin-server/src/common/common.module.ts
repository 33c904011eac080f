import { Global, Module } from '@nestjs/common';
import { SecretBox } from './crypto/secret-box.js';
import { GraphGateway } from './graph/graph-gateway.js';
import { AppTokenProvider } from './identity/app-token.provider.js';
import { IdentityPlatformClient } from './identity/identity-platform.client.js';

/** Infrastructure every feature may use: secrets at rest and the doors to Microsoft. */
@Global()
@Module({
  providers: [SecretBox, GraphGateway, IdentityPlatformClient, AppTokenProvider],
  exports: [SecretBox, GraphGateway, IdentityPlatformClient, AppTokenProvider],
})
export class CommonModule {}
