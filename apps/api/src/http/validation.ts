import { type FieldError, isProblemCode, type ProblemCode } from '@duly/core';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

/**
 * Parses `input` with `schema` or throws an `ApiError` listing every field at fault. The
 * error's code and `param` are those of the first issue: `validation_failed`, unless a
 * custom issue carries its own problem code in `params.problem` (such as `amount_zero`).
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  // reportInput lets the messages tell a missing field from a wrong one.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;

  const errors = result.error.issues.map(toFieldError);
  const first = errors[0] as FieldError;
  return throwValidation(first, errors);
}

function throwValidation(first: FieldError, errors: FieldError[]): never {
  throw new ApiError(first.code as ProblemCode, first.detail, {
    param: first.param,
    errors,
  });
}

/** Writes a zod path as the API names fields: `invoices[0].amount`. */
export function formatParam(path: ReadonlyArray<PropertyKey>): string {
  let param = '';
  for (const key of path) {
    if (typeof key === 'number') param += `[${key}]`;
    else param += param === '' ? String(key) : `.${String(key)}`;
  }
  return param;
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  if (issue.code === 'unrecognized_keys') {
    const param = formatParam([...issue.path, issue.keys[0] ?? '']);
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return {
      param,
      code: 'validation_failed',
      detail: `Unknown field ${names}; remove it or check its spelling.`,
    };
  }

  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    return toFieldError(closestBranchIssue(issue));
  }

  const param = formatParam(issue.path);
  const label = param === '' ? 'The request body' : param;
  return { param, code: problemCodeOf(issue), detail: describeIssue(issue, label) };
}

/**
 * Picks the issue to report for a value that matched no branch of a union, with its full
 * path. When every branch expects another value of one field (`enabled: true` or `false`),
 * the choices are merged. Otherwise the branch with the fewest issues is the closest match.
 */
function closestBranchIssue(union: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue {
  const withPath = (inner: z.core.$ZodIssue): z.core.$ZodIssue => ({
    ...inner,
    path: [...union.path, ...inner.path],
  });
  const firsts = union.errors.map((branch) => branch[0]).filter((inner) => inner !== undefined);
  const samePath = (inner: z.core.$ZodIssue) =>
    formatParam(inner.path) === formatParam((firsts[0] as z.core.$ZodIssue).path);
  if (firsts.every((inner) => inner.code === 'invalid_value' && samePath(inner))) {
    const values = firsts.flatMap((inner) => (inner as z.core.$ZodIssueInvalidValue).values);
    return withPath({ ...(firsts[0] as z.core.$ZodIssueInvalidValue), values });
  }
  const closest = union.errors.reduce((best, branch) =>
    branch.length < best.length ? branch : best,
  );
  return withPath(closest[0] as z.core.$ZodIssue);
}

function problemCodeOf(issue: z.core.$ZodIssue): ProblemCode {
  if (issue.code !== 'custom') return 'validation_failed';
  const problem = issue.params?.problem;
  return typeof problem === 'string' && isProblemCode(problem) ? problem : 'validation_failed';
}

function describeIssue(issue: z.core.$ZodIssue, label: string): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${label} is required.`;
  }
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return `${label} must be ${article(expected)} ${expected}.`;
  }
  if (issue.code === 'custom') {
    // Issues with their own problem code carry a whole sentence; the plain refinements of
    // @duly/core carry a predicate to follow the field and the value sent.
    if (issue.params?.problem !== undefined) return issue.message;
    // A refinement of a whole object names the field in its path; the object sent is no
    // help in the message.
    if (typeof issue.input === 'object' && issue.input !== null) return `${label} ${issue.message}`;
    return `${label} ${JSON.stringify(issue.input)} ${issue.message}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') return describeBound(issue, label);
  if (issue.code === 'invalid_format' && issue.format === 'starts_with') {
    const prefix = (issue as z.core.$ZodIssueInvalidStringFormat & { prefix?: string }).prefix;
    return `${label} must be an id that starts with "${prefix}", such as ${prefix}4fQz...; ${JSON.stringify(issue.input)} is not one.`;
  }
  if (issue.code === 'invalid_format' && FORMAT_HINTS[issue.format] !== undefined) {
    return `${label} must be ${FORMAT_HINTS[issue.format]}; ${JSON.stringify(issue.input)} is not one.`;
  }
  if (issue.code === 'invalid_value') {
    const choices = issue.values.map((value) => JSON.stringify(value));
    return choices.length === 1
      ? `${label} must be ${choices[0]}.`
      : `${label} must be one of ${choices.join(', ')}.`;
  }
  return `${label} is invalid: ${issue.message}`;
}

function describeBound(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  label: string,
): string {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const comparison = small
    ? issue.inclusive === false
      ? 'greater than'
      : 'at least'
    : issue.inclusive === false
      ? 'less than'
      : 'at most';
  if (issue.origin === 'string') return `${label} must be ${comparison} ${bound} characters long.`;
  if (issue.origin === 'array') {
    return `${label} must have ${comparison} ${bound} ${bound === 1 ? 'item' : 'items'}.`;
  }
  return `${label} must be ${comparison} ${bound}.`;
}

/** zod's names of expected types that read badly in a message, in plain words. */
const TYPE_NAMES: Record<string, string> = { int: 'whole number' };

/** Example of each string format zod checks, for messages that show one. */
const FORMAT_HINTS: Record<string, string> = {
  email: 'an email address such as ap@example.com',
  datetime: 'an ISO 8601 date and time with a UTC offset, such as 2026-12-05T04:00:00Z',
  url: 'a URL such as https://example.com/path',
};

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
