import { type Browser, chromium } from 'playwright-core';
import {
  CHROMIUM_FLAGS,
  findChromium,
  missingChromiumMessage,
} from '../../../scripts/lib/chromium.mjs';

/**
 * Makes every host name but localhost fail to resolve, so a page can reach only the servers
 * the tests start on 127.0.0.1. Requests that a test fulfills itself (`page.route`) never
 * reach name resolution.
 */
const LOCAL_HOSTS_ONLY =
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1';

/** Launches headless Chromium from `CHROME_PATH` or the system's install. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(missingChromiumMessage());
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, LOCAL_HOSTS_ONLY] });
}
