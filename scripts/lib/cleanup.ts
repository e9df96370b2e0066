/**
 * Cleanup on interruption: work that leaves something behind (a staging folder, a lock, a
 * browser and its profile) registers how to undo it, synchronously. On SIGINT, SIGTERM or
 * SIGHUP every registered undo runs, newest first, and the process exits 130 / 143 / 129.
 */
const tasks: (() => void)[] = [];
let installed = false;

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

function install(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(EXIT)) {
    process.on(signal as NodeJS.Signals, () => {
      process.stderr.write(`\n${signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`}: cleaning up; out/ is as it was\n`);
      runAll();
      process.exit(code);
    });
  }
  process.on('exit', runAll);
}

/** Register a synchronous undo; returns a function that unregisters it (once the work is done). */
export function onCleanup(task: () => void): () => void {
  install();
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}
