import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { SharedOnboardingSchema } from './share.schemas.js';

const c = initContract();

/** Public: the unguessable token in the path is the only credential. */
export const shareContract = c.router({
  getSharedOnboarding: {
    method: 'GET',
    path: '/:token',
    pathParams: z.object({ token: z.string().min(20).max(200) }),
    responses: { 200: SharedOnboardingSchema },
    summary: "The customer's admin's view of one onboarding (code and progress)",
  },
});
