import { invalidRequest } from './store.js';

/**
 * A request's parameters as Stripe's API reads them: form fields with bracketed keys
 * (`metadata[duly_payment]=pay_1`, `payment_method_types[0]=card`) turned into nested
 * objects and arrays. Every leaf stays a string, as it is on the wire.
 */
export type FormValue = string | FormValue[] | FormParams;
export interface FormParams {
  [key: string]: FormValue;
}

/** Parses an `application/x-www-form-urlencoded` body or query string into nested params. */
export function parseFormParams(text: string): FormParams {
  const root: FormParams = {};
  for (const [key, value] of new URLSearchParams(text)) {
    setPath(root, splitKey(key), value);
  }
  return arraysFromIndexedObjects(root) as FormParams;
}

/** `a[b][0]` -> `['a', 'b', '0']`; `expand[]` -> `['expand', '']`. */
function splitKey(key: string): string[] {
  const head = key.split('[', 1)[0] ?? key;
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? '');
  return [head, ...rest];
}

function setPath(target: FormParams, path: string[], value: string): void {
  let node = target;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    // `expand[]=a&expand[]=b` appends, as Stripe's own parser does.
    const key = segment === '' ? String(Object.keys(node).length) : segment;
    if (last) {
      node[key] = value;
      return;
    }
    const child = node[key];
    if (typeof child !== 'object' || Array.isArray(child)) node[key] = {};
    node = node[key] as FormParams;
  }
}

/** Objects whose keys are exactly 0..n-1 become arrays, in index order. */
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormParams = {};
  for (const key of keys) converted[key] = arraysFromIndexedObjects(value[key] as FormValue);
  const indexed = keys.length > 0 && keys.every((key, position) => key === String(position));
  return indexed ? keys.map((key) => converted[key] as FormValue) : converted;
}

/** Reads a string param, or undefined when it is absent or not a string. */
export function stringParam(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a string param that the request must carry, and throws Stripe's 400 when it is missing. */
export function requiredStringParam(params: FormParams, name: string): string {
  const value = stringParam(params, name);
  if (value === undefined) {
    throw invalidRequest(`Missing required param: ${name}.`, 'parameter_missing', name);
  }
  return value;
}

/** Reads a nested object param such as `metadata`, or undefined. */
export function objectParam(params: FormParams, name: string): FormParams | undefined {
  const value = params[name];
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** Reads a list of strings such as `payment_method_types` or `expand`. */
export function listParam(params: FormParams, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === 'string');
}

/** Reads `true`/`false` as Stripe does. */
export function booleanParam(params: FormParams, name: string): boolean | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  return value === 'true';
}

/** Flattens a string-valued object param such as `metadata` to a plain record. */
export function metadataParam(params: FormParams, name = 'metadata'): Record<string, string> {
  const value = objectParam(params, name) ?? {};
  const metadata: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') metadata[key] = item;
  }
  return metadata;
}
