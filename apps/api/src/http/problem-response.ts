import { PROBLEM_CODES, type Problem, problemTypeUri } from '@duly/core';
import type { ApiError } from './api-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds the problem document of `error` for the request `requestId`. */
export function toProblem(error: ApiError, requestId: string): Problem {
  const problem: Problem = {
    type: problemTypeUri(error.code),
    title: PROBLEM_CODES[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.message,
    request_id: requestId,
  };
  if (error.param !== undefined) problem.param = error.param;
  if (error.errors !== undefined) problem.errors = error.errors;
  if (error.payment !== undefined) problem.payment = error.payment;
  if (error.declineCode !== undefined) problem.decline_code = error.declineCode;
  return problem;
}
