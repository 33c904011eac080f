import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/paging.js';
import { OnboardingStatusSchema, SignInCodeSchema, StepProgressSchema } from '../onboarding/onboarding.schemas.js';

/** What a customer's admin sees through a share link: the code and the progress, nothing else. */
export const SharedOnboardingSchema = z.object({
  customerName: z.string(),
  status: OnboardingStatusSchema,
  signIn: SignInCodeSchema.nullable(),
  steps: z.array(StepProgressSchema),
  failureMessage: z.string().nullable(),
  linkExpiresAt: IsoDateTimeSchema,
});
export type SharedOnboarding = z.infer<typeof SharedOnboardingSchema>;
