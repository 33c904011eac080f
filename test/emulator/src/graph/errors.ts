import { graphDate } from '../util/time.js';

/** A Graph failure; rendered as {error:{code,message,innerError:{date,request-id,client-request-id}}} [doc reference 7.1]. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly innerExtra: Record<string, string> = {},
  ) {
    // An answer, not a fault: no stack to capture (a large sync's mailbox lookups make thousands of 404s).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export function graphErrorBody(err: GraphError, requestId: string, clientRequestId: string): Record<string, unknown> {
  return {
    error: {
      code: err.code,
      message: err.message,
      innerError: { ...err.innerExtra, date: graphDate(), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

/** [doc] reference 7.1 directory codes. */
export const notFound = (id: string): GraphError =>
  new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const denied = (): GraphError =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const badRequest = (message = 'One or more properties are invalid.'): GraphError =>
  new GraphError(400, 'Request_BadRequest', message);

export const unsupportedQuery = (message = 'Unsupported Query.'): GraphError =>
  new GraphError(400, 'Request_UnsupportedQuery', message);

export const methodNotAllowed = (): GraphError =>
  new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');

/** [obs] unknown path segment. */
export const segmentNotFound = (segment: string): GraphError =>
  new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
