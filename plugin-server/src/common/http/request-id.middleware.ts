import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');
const ACCEPTED = /^[A-Za-z0-9._-]{8,128}$/;

/** Gives each request a correlation id (the caller's x-request-id when sane) and echoes it back. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header('x-request-id');
  const id = given && ACCEPTED.test(given) ? given : randomUUID();
  (request as Request & { [REQUEST_ID]?: string })[REQUEST_ID] = id;
  response.setHeader('x-request-id', id);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as Request & { [REQUEST_ID]?: string })[REQUEST_ID] ?? 'unknown';
}
