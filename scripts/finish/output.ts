/**
 * Stage 7 — finish: the output folder, handled so that nothing but the build's own files is
 * ever touched and out/ always holds one complete edition.
 *
 * - The target must be missing, empty, or a folder this tool made (it carries a marker file);
 *   anything else (the project, content/, a folder of the user's) is refused before any write.
 * - Files are built in a staging folder beside the target. The target itself is a symbolic link
 *   to the current build folder; committing points a new link at the new folder and renames it
 *   over the old one, which is atomic: there is no moment without a complete edition.
 * - A build that makes no PDF (an HTML draft) keeps the last good PDFs: they are linked into
 *   the new folder before the swap.
 * - One build at a time per target: a lock file names the process that holds it; a second
 *   build waits for it (a stale lock from a killed process is taken over).
 * - Ctrl-C or SIGTERM removes the staging folder and the lock (lib/cleanup.ts).
 */
import {
  existsSync, linkSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync,
  renameSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync, openSync, closeSync, unlinkSync, realpathSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { BuildError } from '../lib/diagnostics.js';
import { onCleanup } from '../lib/cleanup.js';

/** The file that marks a folder as made by this tool. */
export const MARKER = '.report-build';
/** What a build folder may hold; a folder of only these (and no marker) is an older build's. */
const BUILD_FILES = new Set(['report.html', 'report.pdf', 'report-print.pdf', 'assets', 'changes.json', 'coverage.json', 'build.json', 'proofs', MARKER]);
/** Files an HTML-only build keeps from the last good build. */
const KEPT = ['report.pdf', 'report-print.pdf', 'build.json', 'changes.json', 'proofs'];

export interface Staging {
  dir: string;
  /** Point the target at the staging folder, atomically; keepLast keeps the last PDFs and record. */
  commit(options?: { keepLast?: boolean }): void;
  /** Remove the staging folder (after a failure). */
  discard(): void;
}

const isInside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/**
 * Refuses a target the build did not make. `protect` are folders that must never be the target
 * nor inside it (the project root, content/, templates/, styles/).
 */
export function checkTarget(target: string, protect: string[] = []): void {
  const refuse = (message: string, hint: string) => {
    throw new BuildError([{ file: target, message, hint }], 2);
  };
  const t = real(target);
  for (const p of protect.map(real)) {
    if (isInside(p, t)) refuse(`refusing to write the report into ${target}: it holds ${p}`, 'choose an output folder of its own, e.g. --out out/draft (missing, empty, or made by an earlier build)');
  }
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return; // missing: ours to make
  }
  if (st.isSymbolicLink()) {
    const dest = real(target);
    if (existsSync(join(dest, MARKER))) return;
    refuse(`refusing to replace ${target}: it is a link to ${dest}, which no build of this tool made`, 'choose another --out folder, or remove the link yourself');
  }
  if (!st.isDirectory()) refuse(`refusing to replace ${target}: it is a file, not a folder`, 'choose an output folder: missing, empty, or made by an earlier build');
  const entries = readdirSync(target);
  if (entries.length === 0 || entries.includes(MARKER)) return;
  if (entries.every((e) => BUILD_FILES.has(e)) && entries.includes('report.html')) return; // an earlier build, before markers
  refuse(
    `refusing to write the report into ${target}: the folder is not empty and was not made by this tool (it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`,
    'choose an output folder that is missing, empty, or made by an earlier build (it has a .report-build file)',
  );
}

/** Waits for (or takes over from) another build of the same target; returns the release. */
function lock(target: string, onWait?: (pid: number) => void, maxWaitMs = 15 * 60_000): () => void {
  const file = join(dirname(target), `.${basename(target)}.lock`);
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* gone already */
        }
      };
      const unregister = onCleanup(release);
      return () => {
        release();
        unregister();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number(readFileSyncSafe(file));
    if (!pid || !alive(pid) || pid === process.pid) {
      rmSync(file, { force: true }); // stale: its build was killed
      continue;
    }
    if (!told) onWait?.(pid);
    told = true;
    if (Date.now() - started > maxWaitMs) {
      throw new BuildError([{ file: target, message: `another build (process ${pid}) has been writing this output for ${Math.round(maxWaitMs / 60000)} minutes`, hint: `wait for it, or stop it (kill ${pid}) and build again` }]);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

const readFileSyncSafe = (f: string) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Turns a write failure (full disk, read-only folder) into a message about the output. */
export function writeError(err: unknown, target: string): BuildError | undefined {
  const code = (err as NodeJS.ErrnoException)?.code;
  const what: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a part of the path is a file, not a folder',
  };
  if (!code || !what[code]) return undefined;
  return new BuildError([{ file: target, message: `cannot write the output: ${what[code]} (${(err as NodeJS.ErrnoException).path ?? target})`, hint: 'free space or choose a writable folder with --out; the last good output is unchanged' }]);
}

export interface StageOptions {
  protect?: string[];
  onWait?: (pid: number) => void;
}

export function stage(target: string, options: StageOptions = {}): Staging {
  checkTarget(target, options.protect);
  const parent = dirname(target);
  const name = basename(target);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw writeError(err, target) ?? err;
  }
  const release = lock(target, options.onWait);
  let dir: string;
  try {
    dir = mkdtempSync(join(parent, `.${name}.build-`));
    chmodSync(dir, 0o755); // mkdtemp makes it private; the output is for everyone who reads out/
    writeFileSync(join(dir, MARKER), JSON.stringify({ tool: 'pieauguso-izglitiba-report', pid: process.pid, started: new Date().toISOString() }) + '\n');
  } catch (err) {
    release();
    throw writeError(err, target) ?? err;
  }
  const unregister = onCleanup(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));
  const finish = () => {
    unregister();
    release();
  };
  return {
    dir,
    commit({ keepLast = false } = {}) {
      try {
        const previous = currentBuild(target);
        if (keepLast && previous) {
          for (const f of KEPT) {
            const from = join(previous, f);
            if (!existsSync(from) || existsSync(join(dir, f))) continue;
            linkOrCopy(from, join(dir, f));
          }
        }
        const old = swap(target, dir);
        // The previous build folder is ours (a marker, or an older build that passed checkTarget).
        if (old && old !== dir && basename(old).startsWith(`.${name}.build-`)) rmSync(old, { recursive: true, force: true });
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        finish();
        throw writeError(err, target) ?? err;
      }
      finish();
    },
    discard() {
      rmSync(dir, { recursive: true, force: true });
      finish();
    },
  };
}

/** The folder the target link points at, or the target itself when it is a folder. */
function currentBuild(target: string): string | undefined {
  try {
    const st = lstatSync(target);
    if (st.isSymbolicLink()) return resolve(dirname(target), readlinkSync(target));
    if (st.isDirectory()) return target;
  } catch {
    /* none yet */
  }
  return undefined;
}

/** Points the target at `dir`; returns the build folder it pointed at before. */
function swap(target: string, dir: string): string | undefined {
  const parent = dirname(target);
  let old = currentBuild(target);
  if (old === target) {
    // A real folder (empty, or an older build): move it aside once; from now on the target is a link.
    const aside = mkdtempSync(join(parent, `.${basename(target)}.build-`));
    rmSync(aside, { recursive: true });
    renameSync(target, aside);
    old = aside;
  }
  const link = join(parent, `.${basename(target)}.link-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(relative(parent, dir), link);
  renameSync(link, target);
  return old;
}

function linkOrCopy(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) linkOrCopy(join(from, f), join(to, f));
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
