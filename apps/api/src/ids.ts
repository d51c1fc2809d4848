import { randomBytes } from 'node:crypto';

/** Prefixes of object ids; the prefix shows a reader of a log what kind of object the id names. */
export type IdPrefix =
  | 'ven'
  | 'key'
  | 'cus'
  | 'inv'
  | 'pay'
  | 'pm'
  | 'ps'
  | 'evt'
  | 'imp'
  | 'req'
  | 're'
  | 'cb'
  | 'mdt'
  | 'thr'
  | 'msg'
  | 'crq'
  | 'cn'
  | 'pn'
  | 'plan'
  | 'sub'
  | 'pl'
  | 'we'
  | 'whd'
  | 'eml'
  | 'aud';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Returns `length` random characters from [0-9A-Za-z], without modulo bias. */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 is the largest multiple of 62 below 256; higher bytes would bias the result.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A new object id such as `inv_4fQz...`: 20 random characters, about 119 bits. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(20)}`;
}
