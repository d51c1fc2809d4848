/** Inputs of a hosted page's policy: the sources it may load and the origins that may frame it. */
export interface HostedPagePolicy {
  /** Nonce of the page's one `<style>` element, which carries the vendor's colour. */
  styleNonce: string;
  /** Origin of the vendor's logo, when it is not on the API's own origin. */
  logoOrigin: string | undefined;
  /** The vendor pays through Stripe, whose Payment Element loads Stripe.js and its frames. */
  stripe: boolean;
  /** The portal links bank accounts through Plaid Link. */
  plaid: boolean;
  /** Origins allowed to frame the page: the vendor's allowed origins. None means no framing. */
  frameAncestors: readonly string[];
}

// Origins from Stripe's security guide (docs.stripe.com/security/guide, "Content Security
// Policy"): Stripe.js and its frames load from js.stripe.com, 3-D Secure from
// hooks.stripe.com, and Stripe.js calls api.stripe.com.
const STRIPE_SCRIPTS = ['https://js.stripe.com'];
const STRIPE_FRAMES = ['https://js.stripe.com', 'https://hooks.stripe.com'];
const STRIPE_CONNECT = ['https://api.stripe.com'];
// NOTE: Plaid's origins follow its Link web SDK page (plaid.com/docs/link/web), which loads
// link-initialize.js from cdn.plaid.com. The connect origins were not checked against a
// live Link session, because the tests use a local fake of Plaid Link.
const PLAID_SCRIPTS = ['https://cdn.plaid.com'];
const PLAID_FRAMES = ['https://cdn.plaid.com'];
const PLAID_CONNECT = ['https://production.plaid.com', 'https://sandbox.plaid.com'];

/**
 * Builds the `Content-Security-Policy` of a hosted page. Scripts come only from the API's
 * own origin (`duly.js` and its chunks), plus a payment provider's when the vendor uses
 * one. The policy allows no inline script and no `eval`. Styles come from the page's
 * stylesheet, Lit's constructed stylesheets (which CSP does not govern) and the one
 * nonce'd `<style>`.
 */
export function hostedPagePolicy(policy: HostedPagePolicy): string {
  const scripts = ["'self'"];
  const frames: string[] = [];
  const connect = ["'self'"];
  if (policy.stripe) {
    scripts.push(...STRIPE_SCRIPTS);
    frames.push(...STRIPE_FRAMES);
    connect.push(...STRIPE_CONNECT);
  }
  if (policy.plaid) {
    scripts.push(...PLAID_SCRIPTS);
    frames.push(...PLAID_FRAMES);
    connect.push(...PLAID_CONNECT);
  }
  const images = ["'self'"];
  if (policy.logoOrigin !== undefined) images.push(policy.logoOrigin);

  const directives = [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    `style-src 'self' 'nonce-${policy.styleNonce}'`,
    `img-src ${images.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    `frame-src ${frames.length === 0 ? "'none'" : frames.join(' ')}`,
    `frame-ancestors ${policy.frameAncestors.length === 0 ? "'none'" : policy.frameAncestors.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  return directives.join('; ');
}
