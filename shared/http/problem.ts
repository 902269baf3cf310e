import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldErrorInput } from './errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Thrown errors (AppError) always carry a `code` per field. */
  errors?: readonly FieldErrorInput[];
}

/** An RFC 9457 problem+json response. `type` is a relative URI under /problems/. */
export function problem(
  status: number,
  type: string,
  detail: string,
  errors: readonly FieldErrorInput[] = [],
): APIGatewayProxyStructuredResultV2 {
  const body: Problem = {
    type: `/problems/${type}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(body),
  };
}
