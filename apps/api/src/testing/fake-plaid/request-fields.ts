import { FakePlaidError, invalidField, missingFields } from './plaid-error.js';

/** A parsed JSON request body, credentials already taken out. */
export type RequestBody = Record<string, unknown>;

/** Rejects fields the endpoint does not define, as Plaid does, so a misspelt field fails. */
export function rejectUnknownFields(body: RequestBody, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw new FakePlaidError(
      400,
      'INVALID_REQUEST',
      'UNKNOWN_FIELDS',
      `the following fields are not recognized by this endpoint: ${unknown.join(', ')}`,
    );
  }
}

/** Throws `MISSING_FIELDS` naming every required field that is absent or null. */
export function requireFields(body: RequestBody, names: readonly string[]): void {
  const missing = names.filter((name) => body[name] === undefined || body[name] === null);
  if (missing.length > 0) throw missingFields(missing);
}

export function stringField(body: RequestBody, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') {
    throw invalidField(`${name} must be a non-empty string`);
  }
  return value;
}

export function stringListField(body: RequestBody, name: string): string[] {
  const value = body[name];
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string')
  ) {
    throw invalidField(`${name} must be a non-empty list of strings`);
  }
  return value as string[];
}

export function objectField(body: RequestBody, name: string): RequestBody {
  const value = body[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField(`${name} must be an object`);
  }
  return value as RequestBody;
}
