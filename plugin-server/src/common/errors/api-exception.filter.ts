import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ApiError, ErrorCode, ValidationIssue } from '@m365/contracts';
import { RequestValidationError } from '@ts-rest/nest';
import type { Request, Response } from 'express';
import type { ZodError } from 'zod';
import { requestIdOf } from '../http/request-id.middleware.js';
import { DomainError } from './domain-error.js';
import { statusOf } from './error-status.js';

/** Maps every error to the contracts' ApiError; nothing else writes error bodies. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const [status, body] = apiErrorOf(exception);
    const requestId = requestIdOf(request);
    if (status >= 500) {
      this.logger.error(`[${requestId}] ${request.method} ${request.path} -> ${status} ${body.code}`, describe(exception));
    } else {
      this.logger.debug(`[${requestId}] ${request.method} ${request.path} -> ${status} ${body.code}`);
    }
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}

/** The status and ApiError body an exception is answered with (also stored for replayed hooks). */
export function apiErrorOf(exception: unknown): [number, ApiError] {
  if (exception instanceof DomainError) {
    return [statusOf(exception.code), error(exception.code, exception.message, exception.details)];
  }
  if (exception instanceof RequestValidationError) {
    const issues = [
      ...issuesOf('path', exception.pathParams),
      ...issuesOf('query', exception.query),
      ...issuesOf('headers', exception.headers),
      ...issuesOf('body', exception.body),
    ];
    const fields = [...new Set(issues.map((issue) => issue.path))].join(', ');
    return [400, error('VALIDATION_FAILED', `Some values are not valid: ${fields}.`, { issues })];
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = httpCode(status);
    return [statusOf(code) === status ? status : statusOf(code), error(code, httpMessage(status))];
  }
  return [500, error('INTERNAL', 'Something went wrong on our side. Try again; if it persists, contact support.')];
}

function error(code: ErrorCode, message: string, details?: unknown): ApiError {
  return details === undefined ? { code, message } : { code, message, details };
}

function issuesOf(where: string, zodError: ZodError | null): ValidationIssue[] {
  return (zodError?.issues ?? []).map((issue) => ({
    path: [where, ...issue.path].join('.'),
    message: issue.message,
  }));
}

function httpCode(status: number): ErrorCode {
  if (status === 400 || status === 413 || status === 415) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404 || status === 405) return 'NOT_FOUND';
  return 'INTERNAL';
}

function httpMessage(status: number): string {
  switch (status) {
    case 400:
      return 'The request is not valid JSON or misses required parts.';
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'Send the request body as application/json.';
    case 401:
      return 'Sign in again: the request carries no valid token.';
    case 403:
      return 'Your role does not allow this action.';
    case 404:
    case 405:
      return 'There is nothing at this address.';
    default:
      return 'Something went wrong on our side. Try again; if it persists, contact support.';
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
