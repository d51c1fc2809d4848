import { type Browser, chromium } from 'playwright-core';
import { findChromium, missingChromiumMessage } from '../../../scripts/lib/chromium.mjs';

/** Flags for Chromium in containers and CI: no sandbox, no GPU, no background traffic. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium from `CHROME_PATH` or the system's install. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(missingChromiumMessage());
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}
