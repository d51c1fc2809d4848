import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome'];

/**
 * Flags for headless Chromium as root in containers and CI: no sandbox, no GPU, no
 * /dev/shm, and no background connections, which a closed network would refuse.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Returns the Chromium executable that the browser tests drive: `CHROME_PATH` when set,
 * else `/usr/bin/chromium`, else the first of chromium, chromium-browser and google-chrome
 * found on PATH. Returns undefined when there is none.
 */
export function findChromium(env = process.env) {
  if (env.CHROME_PATH) return isExecutable(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';

  const folders = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of NAMES_ON_PATH) {
    for (const folder of folders) {
      const candidate = path.join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The message printed when `findChromium` finds nothing: what to install, or what to set. */
export function missingChromiumMessage(env = process.env) {
  if (env.CHROME_PATH) {
    return `CHROME_PATH=${env.CHROME_PATH} is not an executable file. Point it at a Chromium or Chrome binary.`;
  }
  return [
    'Chromium was not found, and the widget and end-to-end tests need it.',
    'Install it (on Debian or Ubuntu: sudo apt-get install chromium),',
    'or set CHROME_PATH to a Chromium or Chrome executable.',
  ].join('\n');
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
