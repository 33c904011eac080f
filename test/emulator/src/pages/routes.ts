import express, { type Express } from 'express';
import type { EmulatorContext } from '../context.js';
import { authorizeDriver, authorizeEndpoint } from './authorize.js';
import { deviceCodeStep, deviceDriver, deviceLoginPage } from './device-login.js';
import { loginStep } from './login.js';

/** Microsoft-style sign-in pages: the device login (both servers) and /authorize (HTTPS, where the authority is). */
export function registerPages(app: Express, ctx: EmulatorContext, withAuthorize: boolean): void {
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  app.get('/devicelogin', deviceLoginPage);
  app.post('/common/oauth2/deviceauth', form, deviceCodeStep(ctx));
  app.post('/common/login', form, loginStep(ctx, { device: deviceDriver(ctx), authorize: authorizeDriver(ctx) }));
  if (withAuthorize) app.get('/:tenant/oauth2/v2.0/authorize', authorizeEndpoint(ctx));
}
