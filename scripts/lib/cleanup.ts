/**
 * Cleanup on interruption: work that leaves something behind (a staging folder, a lock, a
 * browser and its profile) registers how to undo it, synchronously. The undos run when the
 * process exits; and once the CLI calls handleSignals(), on SIGINT, SIGTERM or SIGHUP too, after
 * which the process exits 130 / 143 / 129. (A library does not take over a host's signals:
 * only the CLI asks for that.)
 */
const tasks: (() => void)[] = [];
let installed = false;
let onExit = false;

const EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

function runAll(): void {
  for (const task of tasks.splice(0).reverse()) {
    try {
      task();
    } catch {
      /* best effort: the next undo still runs */
    }
  }
}

/** The CLI's: undo registered work on Ctrl-C, SIGTERM and SIGHUP, then exit with 128 + signal. */
export function handleSignals(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(EXIT)) {
    process.on(signal as NodeJS.Signals, () => {
      process.stderr.write(`\n${signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`}: cleaning up; out/ is as it was\n`);
      runAll();
      process.exit(code);
    });
  }
}

/** Register a synchronous undo; returns a function that unregisters it (once the work is done). */
export function onCleanup(task: () => void): () => void {
  if (!onExit) {
    onExit = true;
    process.on('exit', runAll);
  }
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}
