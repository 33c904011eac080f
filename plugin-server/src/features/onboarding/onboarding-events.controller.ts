import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { OnboardingService } from './onboarding.service.js';

const POLL_MS = 1_000;
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events for one onboarding: an `onboarding` event with the full state whenever it
 * changes. Read from the database, so it works whichever instance runs the onboarding; an open
 * stream counts as watching the sign-in code.
 */
@Controller()
export class OnboardingEventsController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get('api/v1/onboardings/:onboardingId/events')
  stream(@CurrentPrincipal() principal: Principal, @Param('onboardingId') onboardingId: string, @Req() request: Request, @Res() response: Response): void {
    let last = JSON.stringify(this.onboarding.get(principal.partnerId, onboardingId));
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(`retry: 3000\nevent: onboarding\ndata: ${last}\n\n`);
    let sinceWrite = 0;
    const timer = setInterval(() => {
      try {
        const current = JSON.stringify(this.onboarding.get(principal.partnerId, onboardingId));
        sinceWrite += POLL_MS;
        if (current !== last) {
          last = current;
          sinceWrite = 0;
          response.write(`event: onboarding\ndata: ${current}\n\n`);
        } else if (sinceWrite >= KEEPALIVE_MS) {
          sinceWrite = 0;
          response.write(': keep-alive\n\n');
        }
      } catch {
        close();
      }
    }, POLL_MS);
    const close = () => {
      clearInterval(timer);
      response.end();
    };
    request.on('close', close);
  }
}
