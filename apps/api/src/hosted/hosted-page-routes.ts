import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { payLinkStatus } from '../pay-links/pay-link-status.js';
import { hashSecret } from '../secrets.js';
import { findSessionByTokenHash } from '../sessions/session-repository.js';
import { findVendor } from '../vendors/index.js';
import { hostedPagePolicy } from './content-security-policy.js';
import { HOSTED_PAGE_CSS } from './hosted-page-css.js';
import { type HostedBranding, html, renderHostedPage, type SafeHtml } from './hosted-page-html.js';
import {
  type HostedProblem,
  pageLanguage,
  payPageTitle,
  portalPageTitle,
  problemText,
} from './hosted-page-messages.js';

/** Settings of the hosted pages. */
export interface HostedPageDeps {
  db: Db;
  clock: Clock;
  /** The API's public address, which the pages' scripts call. */
  publicUrl: string;
  /** Whether the app links bank accounts through Plaid Link, for Stripe vendors. */
  plaid: boolean;
}

type Vendor = NonNullable<Awaited<ReturnType<typeof findVendor>>>;

const PAY_LINK_TOKEN = /^plt_[0-9A-Za-z]{1,100}$/;
const SESSION_TOKEN = /^pst_[0-9A-Za-z]{1,100}$/;
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
// An origin as a CSP source expression: anything else (a path, a space, a semicolon) could
// change the policy, so it is left out.
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/** The look of a page with no vendor to show, such as an unknown link's. */
const NEUTRAL_BRANDING: HostedBranding = {
  vendorName: 'Duly',
  logoUrl: undefined,
  primaryColor: undefined,
};

/** A neutral rounded square, the icon of vendors without a logo. */
const HOSTED_FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#4b5563"/></svg>';

/**
 * `GET /pay/:token`, the hosted page that pays one invoice through a pay link;
 * `GET /portal/:token`, the whole portal for a portal session token; and the pages'
 * stylesheet. Each page has a strict Content-Security-Policy, may be framed only by the
 * vendor's allowed origins, and is never cached or sent as a referrer.
 */
export function hostedPageRoutes(deps: HostedPageDeps) {
  const api = deps.publicUrl.replace(/\/+$/, '');
  return (
    new Hono<AppEnv>()
      .get('/hosted/hosted-page.css', (c) => {
        c.header('Content-Type', 'text/css; charset=utf-8');
        c.header('Cache-Control', 'public, max-age=300');
        c.header('X-Content-Type-Options', 'nosniff');
        return c.body(HOSTED_PAGE_CSS);
      })
      // Without an icon of its own, each page load asked for /favicon.ico and logged a 404.
      .get('/hosted/favicon.svg', (c) => {
        c.header('Content-Type', 'image/svg+xml');
        c.header('Cache-Control', 'public, max-age=86400');
        c.header('X-Content-Type-Options', 'nosniff');
        return c.body(HOSTED_FAVICON_SVG);
      })
      .get('/pay/:token', async (c) => {
        const token = c.req.param('token');
        const link = PAY_LINK_TOKEN.test(token)
          ? await findPayLinkForPage(deps.db, hashSecret(token))
          : undefined;
        const vendor = link === undefined ? undefined : await findVendor(deps.db, link.vendor_id);
        if (link === undefined || vendor === undefined) {
          return problemPage(c, deps, 404, 'pay_link_invalid', undefined, 'en');
        }

        const language = pageLanguage(link.locale);
        const status = payLinkStatus(link, deps.clock.now());
        if (status !== 'active') {
          const problem: HostedProblem = `pay_link_${status}`;
          return problemPage(c, deps, 410, problem, vendor, language);
        }
        const main = html`<duly-hosted-pay token="${token}" api="${api}" locale="${link.locale ?? ''}"></duly-hosted-pay>`;
        return page(c, deps, 200, vendor, language, payPageTitle(vendor.name, language), main);
      })
      .get('/portal/:token', async (c) => {
        const token = c.req.param('token');
        const session = SESSION_TOKEN.test(token)
          ? await findSessionByTokenHash(deps.db, hashSecret(token))
          : undefined;
        const vendor =
          session === undefined ? undefined : await findVendor(deps.db, session.vendor_id);
        if (session === undefined || vendor === undefined || session.revoked_at !== null) {
          return problemPage(c, deps, 404, 'portal_link_invalid', vendor, 'en');
        }

        const language = pageLanguage(session.locale);
        if (session.expires_at.getTime() <= deps.clock.now().getTime()) {
          return problemPage(c, deps, 410, 'portal_link_expired', vendor, language);
        }
        const main = html`<duly-portal session="${token}" api="${api}"></duly-portal>`;
        return page(
          c,
          deps,
          200,
          vendor,
          language,
          portalPageTitle(vendor.name, language),
          main,
          'wide',
        );
      })
  );
}

/** Reads a pay link by token hash for the page, with its customer's locale; no use is counted. */
async function findPayLinkForPage(db: Db, tokenHash: string) {
  return db
    .selectFrom('pay_link')
    .innerJoin('customer', 'customer.id', 'pay_link.customer_id')
    .select([
      'pay_link.vendor_id',
      'pay_link.revoked_at',
      'pay_link.expires_at',
      'pay_link.max_uses',
      'pay_link.use_count',
      'customer.locale',
    ])
    .where('pay_link.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

function problemPage(
  c: Context<AppEnv>,
  deps: HostedPageDeps,
  status: 404 | 410,
  problem: HostedProblem,
  vendor: Vendor | undefined,
  language: 'en' | 'es',
): Response {
  const text = problemText(problem, language);
  const main = html`<section class="problem" role="alert" data-problem="${problem}">
<h1>${text.title}</h1>
<p>${text.next}</p>
</section>`;
  return page(c, deps, status, vendor, language, text.title, main);
}

function page(
  c: Context<AppEnv>,
  deps: HostedPageDeps,
  status: 200 | 404 | 410,
  vendor: Vendor | undefined,
  language: 'en' | 'es',
  title: string,
  main: SafeHtml,
  width: 'narrow' | 'wide' = 'narrow',
): Response {
  const branding = vendor === undefined ? NEUTRAL_BRANDING : brandingOf(vendor);
  const styleNonce = randomBytes(16).toString('base64');
  const logoOrigin = branding.logoUrl === undefined ? undefined : new URL(branding.logoUrl).origin;
  const ownOrigin = new URL(deps.publicUrl).origin;
  const stripe = vendor?.payment_provider === 'stripe';

  c.header(
    'Content-Security-Policy',
    hostedPagePolicy({
      styleNonce,
      logoOrigin: logoOrigin === ownOrigin ? undefined : logoOrigin,
      stripe,
      plaid: stripe && deps.plaid,
      frameAncestors: (vendor?.allowed_origins ?? []).filter((origin) => ORIGIN.test(origin)),
    }),
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('Content-Type', 'text/html; charset=utf-8');

  return c.body(
    renderHostedPage({ lang: language, title, branding, styleNonce, main, wide: width === 'wide' }),
    status,
  );
}

/** Returns the vendor's name, logo and colour, leaving out each one that is unsafe in the page. */
function brandingOf(vendor: Vendor): HostedBranding {
  let logoUrl: string | undefined;
  if (vendor.logo_url !== null) {
    try {
      const url = new URL(vendor.logo_url);
      if (url.protocol === 'https:' || url.protocol === 'http:') logoUrl = url.href;
    } catch {
      logoUrl = undefined;
    }
  }
  const color = vendor.primary_color?.trim();
  return {
    vendorName: vendor.name,
    logoUrl,
    primaryColor: color !== undefined && HEX_COLOR.test(color) ? color : undefined,
  };
}
