import { type Browser, chromium } from 'playwright-core';
import {
  CHROMIUM_FLAGS,
  findChromium,
  missingChromiumMessage,
} from '../../../scripts/lib/chromium.mjs';

/** Launches headless Chromium from `CHROME_PATH` or the system's install. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(missingChromiumMessage());
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}
