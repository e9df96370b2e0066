/**
 * Find a Chromium to print with: an environment variable first, then the usual system
 * paths. No browser is downloaded; when none is found the error says what to install.
 */
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../lib/cleanup.js';
import type { Browser } from 'puppeteer-core';
import { BuildError } from '../lib/diagnostics.js';
import { HEAP_FLAGS } from '../lib/footprint.js';

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

/** Flags for a quiet, offline, headless print browser. */
export const BROWSER_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
  // Chromium 15x starts the omnibox's popup as a WebUI renderer even headless (~80 MB of a
  // build's peak memory, for a window no one sees) and keeps a spare renderer ready for the
  // next tab (~20 MB; a build has one tab).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess',
  // The renderer's JS heap collected as it goes (scripts/lib/footprint.ts): ~50 MB less at the peak.
  `--js-flags=${HEAP_FLAGS}`,
];

/**
 * Limits of the browser: each step (open, load, place notes, print) 120 s, the start 30 s.
 * REPORT_BROWSER_TIMEOUT=N sets a step to N seconds and the start to half of that, at most 30 s.
 */
export const browserTimeouts = (env: NodeJS.ProcessEnv = process.env) => {
  const s = Number(env.REPORT_BROWSER_TIMEOUT);
  const stepMs = Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
  return { launchMs: Math.min(30_000, stepMs / 2), stepMs };
};

/**
 * Chromium's sandbox stays on; it cannot run as root (CI containers), and there the build
 * says that it turns it off. REPORT_NO_SANDBOX=1 turns it off on purpose.
 */
export function sandboxArgs(log: (message: string) => void = () => {}, env: NodeJS.ProcessEnv = process.env): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root || env.REPORT_NO_SANDBOX === '1') {
    log(`browser sandbox off: ${root ? 'running as root (Chromium refuses its sandbox to root)' : 'REPORT_NO_SANDBOX=1'}; the printing page still loads only the build's own files`);
    return ['--no-sandbox'];
  }
  return [];
}

/**
 * Starts the print browser with a profile folder of its own, removed (and the browser's whole
 * process group killed) on close, on failure and on Ctrl-C. A browser that does not start in
 * time, or exits at once, is a BuildError that says what to try.
 */
export async function launchBrowser(executablePath = findBrowser(), log?: (message: string) => void): Promise<Browser> {
  // async: a browser that cannot be found is a rejected promise, as any failure to start.
  return startBrowser(executablePath, log).browser;
}

/**
 * `launchBrowser`, with `spawned`: settled once the browser's process runs (or its start
 * failed). Chromium takes ~1 s to start, on a core of its own, while the caller's synchronous
 * work (the transform) would hold the event loop and with it the start itself (loading
 * puppeteer, spawning): the caller awaits `spawned`, then works while the browser starts.
 */
export function startBrowser(executablePath = findBrowser(), log?: (message: string) => void): { browser: Promise<Browser>; spawned: Promise<void> } {
  const profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
  const browser = launch(executablePath, profile, log);
  let timer: NodeJS.Timeout | undefined;
  const spawned = new Promise<void>((resolve) => {
    const done = () => (clearInterval(timer), resolve());
    timer = setInterval(() => processesUsing(profile).length && done(), 10);
    browser.then(done, done);
  });
  return { browser, spawned };
}

async function launch(executablePath: string, profile: string, log?: (message: string) => void): Promise<Browser> {
  const { launchMs, stepMs } = browserTimeouts();
  let browser: Browser | undefined;
  const kill = () => {
    // The browser's process group, and every process that names its profile (a browser still
    // starting has no handle yet; its crash handler lives outside the group).
    const pids = [...(browser?.process()?.pid ? [browser.process()!.pid!] : []), ...processesUsing(profile)];
    for (const pid of pids) {
      try {
        process.kill(-pid, 'SIGKILL'); // the browser leads its own process group
      } catch {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    // The browser may still be writing its profile while it dies: retry a removal that races it.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  };
  const unregister = onCleanup(kill);
  try {
    const { default: puppeteer } = await import('puppeteer-core'); // 0.4 s: only when printing
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...BROWSER_ARGS, ...sandboxArgs(log)],
      userDataDir: profile,
      timeout: launchMs,
      protocolTimeout: stepMs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    kill();
    unregister();
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const timedOut = /timed out|timeout/i.test(message);
    throw new BuildError(
      [
        {
          file: executablePath,
          message: timedOut ? `the browser did not start within ${Math.round(launchMs / 1000)} s` : `the browser could not start: ${message}`,
          hint: `check that ${executablePath} runs (\`${executablePath} --headless --dump-dom about:blank\`), reinstall it (Debian/Ubuntu: sudo apt-get install --reinstall chromium), or point REPORT_BROWSER at another Chromium or Chrome`,
        },
      ],
      2,
    );
  }
  const started = browser;
  const close = started.close.bind(started);
  started.close = async () => {
    try {
      await Promise.race([close(), new Promise((r) => setTimeout(r, 5000))]);
    } finally {
      kill();
      unregister();
    }
  };
  return started;
}

/** Processes whose command line names `path` (Linux /proc; elsewhere none are found). */
function processesUsing(path: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(path);
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}
