import { initContract } from '@ts-rest/core';
import { SessionSchema } from './identity.schemas.js';

const c = initContract();

export const identityContract = c.router({
  getSession: {
    method: 'GET',
    path: '/session',
    responses: { 200: SessionSchema },
    summary: 'Who the host token says the caller is (partner, technician, role)',
  },
});
