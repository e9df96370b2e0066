/** Progress reporting: one line per stage with its duration; silent in tests. */
export interface Reporter {
  step(message: string): void;
  done(message: string): void;
  warn(message: string): void;
}

export function consoleReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const started = Date.now();
  let last = started;
  const stamp = () => {
    const now = Date.now();
    const s = ((now - last) / 1000).toFixed(1);
    last = now;
    return s;
  };
  return {
    step(message) {
      stamp();
      stream.write(`• ${message}\n`);
    },
    done(message) {
      stream.write(`  ✓ ${message} (${stamp()} s)\n`);
    },
    warn(message) {
      stream.write(`  ! ${message}\n`);
    },
  };
}

export const silentReporter: Reporter = { step() {}, done() {}, warn() {} };
