export { isProblemCode, PROBLEM_CODES, type ProblemCode, problemTypeUri } from './codes.js';
export { type FieldError, FieldErrorSchema, type Problem, ProblemSchema } from './problem.js';
