import { isIP } from 'node:net';
import { ApiError } from '../http/api-error.js';

/**
 * Host names and IP literals that reach the API's own machine or private network: loopback,
 * RFC 1918, link-local, carrier-grade NAT, IPv6 unique-local and unspecified addresses.
 */
function isLocalHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const version = isIP(name);
  if (version === 4) {
    const [a = 0, b = 0] = name.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (version === 6) {
    return (
      name === '::' ||
      name === '::1' ||
      /^f[cd]/.test(name) ||
      /^fe[89ab]/.test(name) ||
      name.startsWith('::ffff:')
    );
  }
  return false;
}

/**
 * Rejects, in live mode, an SMTP host that names the API's own machine or private network,
 * so that a vendor's settings cannot make the API connect to services behind it. Test mode
 * allows them, for local mail catchers.
 *
 * NOTE: only names and literals are checked; a public name that resolves to a private
 * address still passes.
 */
export function checkSmtpHost(host: string | null | undefined, livemode: boolean): void {
  if (!livemode || host == null || !isLocalHost(host)) return;
  throw new ApiError(
    'validation_failed',
    `smtp_host "${host}" is a local or private address, which live mode does not allow; use your mail provider's public host name.`,
    { param: 'smtp_host' },
  );
}
