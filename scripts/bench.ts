/**
 * npm run bench: how long the 2025 build takes, stage by stage, and how large the result is.
 * Speed goals are checked here, by a person reading figures, not by timed tests.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from './build.js';
import { defaultPaths, latestEdition } from './config.js';
import type { Reporter } from './lib/log.js';

function timingReporter(rows: [string, number][]): Reporter {
  let current = '';
  let started = performance.now();
  return {
    step(message) {
      current = message;
      started = performance.now();
    },
    done() {
      rows.push([current, (performance.now() - started) / 1000]);
    },
    warn() {},
  };
}

const paths = defaultPaths();
const edition = latestEdition(paths.content);
const dir = mkdtempSync(join(tmpdir(), 'bench-'));
try {
  for (const [label, htmlOnly] of [['HTML draft (--html-only)', true], ['full build (PDF)', false]] as const) {
    const rows: [string, number][] = [];
    const t0 = performance.now();
    const result = await build({ paths, edition, lang: 'lv', outDir: join(dir, label.replace(/\W+/g, '-')), htmlOnly, report: timingReporter(rows) });
    const total = (performance.now() - t0) / 1000;
    console.log(`\n${label}: ${total.toFixed(1)} s`);
    for (const [stage, s] of rows) console.log(`  ${s.toFixed(2).padStart(6)} s  ${stage}`);
    if (result.pdf) console.log(`  PDF: ${(statSync(result.pdf).size / 1024 / 1024).toFixed(2)} MB, ${result.passes} print passes`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
