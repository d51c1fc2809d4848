import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@duly/api';
import { createTestDatabase, type TestDatabase } from '@duly/api/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './support/billing-page.js';
import { launchChromium } from './support/browser.js';

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer(
    loadConfig({
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: '4623',
      DULY_JOBS: 'off',
      LOG_LEVEL: 'error',
    }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.drop();
});

/** Opens the reference page, recording every Content-Security-Policy report of the console. */
async function openReference(
  options: { width: number; colorScheme: 'light' | 'dark' },
  hash = '',
): Promise<{ page: Page; refusals: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 900 },
    colorScheme: options.colorScheme,
  });
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
  await page.goto(`${server.url}/docs/api${hash}`);
  return { page, refusals };
}

async function shootViewport(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

describe('API reference page', () => {
  it('renders styled without CSP violations', async () => {
    const { page, refusals } = await openReference({ width: 1280, colorScheme: 'light' });
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).display))
      .toBe('grid');
    expect(await page.locator('h1').textContent()).toBe('Duly API reference');
    const openApi = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operationCount = Object.values(openApi.paths).flatMap(Object.keys).length;
    expect(await page.locator('article.operation').count()).toBe(operationCount);
    await shootViewport(page, 'api-reference-wide-light.png');
    expect(refusals).toEqual([]);
    await page.context().close();
  });

  it('links an operation to its schema', async () => {
    const { page, refusals } = await openReference(
      { width: 1280, colorScheme: 'dark' },
      '#createInvoice',
    );
    await shootViewport(page, 'api-reference-operation-dark.png');
    await page.locator('#createInvoice a[href="#schema-CreateInvoiceRequest"]').click();
    expect(new URL(page.url()).hash).toBe('#schema-CreateInvoiceRequest');
    expect(await page.locator('#schema-CreateInvoiceRequest h3').textContent()).toBe(
      'CreateInvoiceRequest',
    );
    await expect
      .poll(() =>
        page.locator('#schema-CreateInvoiceRequest').evaluate((element) => {
          const box = element.getBoundingClientRect();
          return box.top >= 0 && box.top < window.innerHeight;
        }),
      )
      .toBe(true);
    await shootViewport(page, 'api-reference-schema-dark.png');
    expect(refusals).toEqual([]);
    await page.context().close();
  });

  it('fits a phone-sized screen', async () => {
    const { page, refusals } = await openReference(
      { width: 360, colorScheme: 'light' },
      '#createPortalPayment',
    );
    await shootViewport(page, 'api-reference-narrow-light.png');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    expect(refusals).toEqual([]);
    await page.context().close();
  });
});
