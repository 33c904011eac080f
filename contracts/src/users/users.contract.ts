import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { ListUsersQuerySchema, UsersPageSchema } from './users.schemas.js';

const c = initContract();

export const usersContract = c.router({
  listUsers: {
    method: 'GET',
    path: '/organizations/:organizationId/users',
    pathParams: z.object({ organizationId: z.string().min(1) }),
    query: ListUsersQuerySchema,
    responses: { 200: UsersPageSchema },
    summary: "Page through an organization's users with search and filters",
  },
});
