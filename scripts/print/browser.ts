/**
 * Find a Chromium to print with: an environment variable first, then the usual system
 * paths. No browser is downloaded; when none is found the error says what to install.
 */
import { accessSync, constants } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BuildError } from '../lib/diagnostics.js';

export const BROWSER_ENV = ['REPORT_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findBrowser(env: NodeJS.ProcessEnv = process.env, candidates = SYSTEM_PATHS): string {
  for (const name of BROWSER_ENV) {
    const value = env[name];
    if (!value) continue;
    if (executable(value)) return value;
    throw new BuildError([{ file: '', message: `${name}=${value} is not an executable browser`, hint: `point ${name} at a Chromium or Chrome binary, or unset it to search the system paths` }], 2);
  }
  const found = candidates.find(executable);
  if (found) return found;
  throw new BuildError(
    [
      {
        file: '',
        message: 'no Chromium or Chrome found to print the PDF',
        hint: `install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set ${BROWSER_ENV[0]}=/path/to/chrome. Looked in: ${candidates.join(', ')}`,
      },
    ],
    2,
  );
}

/** Flags for a quiet, offline, headless print browser (root-safe in CI containers). */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
];

export async function launchBrowser(executablePath = findBrowser()): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: true, args: BROWSER_ARGS });
}
