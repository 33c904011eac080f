import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import {
  BatchSchema,
  ListOnboardingsQuerySchema,
  OnboardingSchema,
  PopupSignInSchema,
  ShareLinkSchema,
  SignInConfigSchema,
  StartBatchSchema,
  StartOnboardingSchema,
} from './onboarding.schemas.js';

const c = initContract();
const onboardingParams = z.object({ onboardingId: z.string().min(1) });

export const onboardingContract = c.router({
  listOnboardings: {
    method: 'GET',
    path: '/onboardings',
    query: ListOnboardingsQuerySchema,
    responses: { 200: z.object({ items: z.array(OnboardingSchema) }) },
    summary: 'List onboardings, e.g. the active ones to resume their panels',
  },
  startOnboarding: {
    method: 'POST',
    path: '/onboardings',
    body: StartOnboardingSchema,
    responses: { 201: OnboardingSchema },
    summary: 'Add organization: start an onboarding for a customer and get its sign-in code',
  },
  getOnboarding: {
    method: 'GET',
    path: '/onboardings/:onboardingId',
    pathParams: onboardingParams,
    responses: { 200: OnboardingSchema },
    summary: 'Progress of an onboarding; polling it keeps its sign-in code renewed',
  },
  streamOnboarding: {
    method: 'GET',
    path: '/onboardings/:onboardingId/events',
    pathParams: onboardingParams,
    responses: {
      200: c.otherResponse({ contentType: 'text/event-stream', body: c.type<string>() }),
    },
    summary: 'Server-sent events: one "onboarding" event with the full state on every change',
  },
  renewSignInCode: {
    method: 'POST',
    path: '/onboardings/:onboardingId/sign-in-code',
    pathParams: onboardingParams,
    body: c.noBody(),
    responses: { 200: OnboardingSchema },
    summary: 'Replace the sign-in code now (also after it expired or the sign-in was declined)',
  },
  submitPopupSignIn: {
    method: 'POST',
    path: '/onboardings/:onboardingId/popup-sign-in',
    pathParams: onboardingParams,
    body: PopupSignInSchema,
    responses: { 202: OnboardingSchema },
    summary: 'Continue with a delegated token from the pop-up sign-in instead of the device code',
  },
  confirmTenant: {
    method: 'POST',
    path: '/onboardings/:onboardingId/confirm-tenant',
    pathParams: onboardingParams,
    body: c.noBody(),
    responses: { 202: OnboardingSchema },
    summary: "Proceed although the tenant's domains do not match the customer's",
  },
  retryOnboarding: {
    method: 'POST',
    path: '/onboardings/:onboardingId/retry',
    pathParams: onboardingParams,
    body: c.noBody(),
    responses: { 202: OnboardingSchema },
    summary: 'Retry a failed onboarding from the step that failed',
  },
  cancelOnboarding: {
    method: 'POST',
    path: '/onboardings/:onboardingId/cancel',
    pathParams: onboardingParams,
    body: c.noBody(),
    responses: { 200: OnboardingSchema },
    summary: 'Cancel an onboarding; nothing more is created in the tenant',
  },
  createShareLink: {
    method: 'POST',
    path: '/onboardings/:onboardingId/share-links',
    pathParams: onboardingParams,
    body: c.noBody(),
    responses: { 201: ShareLinkSchema },
    summary: "Create an expiring link that shows only this onboarding's code and progress to the customer's admin",
  },
  getSignInConfig: {
    method: 'GET',
    path: '/sign-in/config',
    responses: { 200: SignInConfigSchema },
    summary: 'Settings for the pop-up sign-in (@azure/msal-browser)',
  },
  startBatch: {
    method: 'POST',
    path: '/onboarding-batches',
    body: StartBatchSchema,
    responses: { 201: BatchSchema },
    summary: 'Add organizations: start onboardings for many customers with one settings template',
  },
  getBatch: {
    method: 'GET',
    path: '/onboarding-batches/:batchId',
    pathParams: z.object({ batchId: z.string().min(1) }),
    responses: { 200: BatchSchema },
    summary: 'State of every onboarding of a batch; polling it keeps their codes renewed',
  },
  listBatches: {
    method: 'GET',
    path: '/onboarding-batches',
    responses: { 200: z.object({ items: z.array(BatchSchema) }) },
    summary: 'Recent onboarding batches',
  },
});
