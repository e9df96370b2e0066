/**
 * Progress reporting: one line per stage with its duration; silent in tests. On a terminal the
 * running stage is a live line (spinner, elapsed time, "part 12/50"); elsewhere (CI, a pipe)
 * plain lines only, and no progress chatter.
 */
export interface Reporter {
  step(message: string): void;
  done(message: string): void;
  warn(message: string): void;
  /** How far the running stage is (n of total things, e.g. parts laid out). */
  progress?(n: number, total: number, what: string): void;
}

export function consoleReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let last = Date.now();
  let current = '';
  let detail = '';
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  let shown = false; // the running stage's line is already on screen (a warning came first)
  const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  const elapsed = () => ((Date.now() - last) / 1000).toFixed(1);
  const draw = () => stream.write(`\r\x1b[2K${SPIN[frame++ % SPIN.length]} ${current}${detail ? ` — ${detail}` : ''} (${elapsed()} s)`);
  const clear = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (live && current) stream.write('\r\x1b[2K');
  };
  return {
    step(message) {
      clear();
      last = Date.now();
      current = message;
      detail = '';
      shown = false;
      if (live) {
        draw();
        timer = setInterval(draw, 100);
        timer.unref();
      } else stream.write(`• ${message}\n`);
    },
    done(message) {
      const s = elapsed();
      clear();
      if (live && !shown) stream.write(`• ${current}\n`);
      stream.write(`  ✓ ${message} (${s} s)\n`);
      current = '';
    },
    warn(message) {
      clear();
      if (live && current && !shown) stream.write(`• ${current}\n`);
      shown = shown || Boolean(current);
      stream.write(`  ! ${message}\n`);
      if (live && current) {
        // The stage goes on below the warning.
        timer = setInterval(draw, 100);
        timer.unref();
      }
    },
    progress(n, total, what) {
      detail = `${what} ${n}/${total}`;
    },
  };
}

export const silentReporter: Reporter = { step() {}, done() {}, warn() {} };
