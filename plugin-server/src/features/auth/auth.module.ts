import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { HookSignatureVerifier } from './hook-signature.verifier.js';
import { SessionController } from './session.controller.js';
import { TokenVerifier } from './token-verifier.js';

@Global()
@Module({
  controllers: [SessionController],
  providers: [TokenVerifier, HookSignatureVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
