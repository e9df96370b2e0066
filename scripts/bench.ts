/**
 * npm run bench [-- --runs N]: how long the editor's jobs take, each as seconds and as a ratio
 * to the floor (headless Chromium printing the finished report.html, launch included), measured
 * in the same run; medians of N runs (default 3), in this process after one build that is not
 * counted (a process's first build imports and compiles the print stage's modules: start-up,
 * as the CLI's). Also a cold build run as the CLI, start-up included, with the peak memory of
 * it and every process it starts (node and every Chromium process, PSS), medians of N; and
 * the cold builds' layout in the page, the slowest parts named (where to look first when the
 * layout is to be faster). Speed goals are read here, by a person, not asserted in timed tests.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './build.js';
import { defaultPaths, latestEdition, type Paths } from './config.js';
import { launchBrowser } from './print/browser.js';
import { makeProofs } from './proof/proof.js';
import { startPreview } from './preview/server.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs) || 3);
const project = defaultPaths();
const edition = latestEdition(project.content);
const root = mkdtempSync(join(tmpdir(), 'bench-'));
const paths: Paths = { ...project, content: join(root, 'content'), out: join(root, 'out') };
cpSync(project.content, paths.content, { recursive: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
};

/** The floor: a browser started, the finished report.html loaded and printed, the browser closed. */
async function floor(html: string): Promise<number> {
  return seconds(async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${html}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 0 });
    } finally {
      await browser.close();
    }
  });
}

/**
 * Peak PSS (MiB) of a cold `npm run build` (the CLI, no cache, into a folder of its own) and
 * every process it starts, sampled every 100 ms. A child of its own: measured in this process,
 * the peak would count what the bench's earlier runs left on its heap, and the samples would
 * wait while the build's own work held the event loop.
 */
async function peakMemory(): Promise<{ mib: number; seconds: number }> {
  const pss = (pid: number) => {
    try {
      return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  const tree = (root: number) => {
    const parent = new Map<number, number>();
    for (const d of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        parent.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]));
      } catch {
        /* gone */
      }
    }
    const ours = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parent) if (!ours.has(pid) && ours.has(ppid)) ours.add(pid), (grew = true);
    }
    return [...ours].reduce((n, pid) => n + pss(pid), 0);
  };
  const cli = join(project.root, 'scripts', 'cli.ts');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'build', '--edition', edition, '--lang', 'lv', '--content', paths.content, '--out', join(root, 'memory-out'), '--no-cache'], { cwd: project.root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, tree(child.pid!))), 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`the build for the memory measure failed (exit ${code}):\n${stderr.slice(-2000)}`);
  return { mib: peak / 1024, seconds: (performance.now() - started) / 1000 };
}

/**
 * A figure correction as an editor makes it (README, "Correcting a municipality"): one
 * municipality's permits in the manifest, value and quoted source, and the same figure in its
 * section, moved by 20 and more, so the municipality changes band in the permits chart and the
 * totals and rankings that count it change too.
 */
function figureCorrection(): { id: string; apply(run: number): void; restore(): void } {
  const manifestFile = join(paths.content, edition, 'manifest.yaml');
  const manifest = readFileSync(manifestFile, 'utf8');
  const lines = manifest.split('\n');
  for (const [i, line] of lines.entries()) {
    const m = /^(\s+permits: \{ value: )(\d+)(, source: ")([^"]*?)(\d+)(" \})$/.exec(line);
    if (!m || m[2] !== m[5] || Number(m[2]) > 5) continue;
    const id = lines.slice(0, i).reverse().map((l) => /^\s+- id: (\S+)/.exec(l)?.[1]).find(Boolean);
    const sectionFile = join(paths.content, edition, 'lv', 'sections', `${id}.md`);
    const section = id ? readFileSync(sectionFile, 'utf8') : '';
    // The quoted phrase, not followed by another digit ("…: 2", never "…: 25").
    const phrase = new RegExp(`${`${m[4]}${m[5]}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`);
    if (!id || !phrase.test(section)) continue;
    return {
      id,
      apply(run) {
        const value = String(Number(m[2]) + 20 + run);
        writeFileSync(manifestFile, manifest.replace(line, `${m[1]}${value}${m[3]}${m[4]}${value}${m[6]}`));
        writeFileSync(sectionFile, section.replace(phrase, `${m[4]}${value}`));
      },
      restore() {
        writeFileSync(manifestFile, manifest);
        writeFileSync(sectionFile, section);
      },
    };
  }
  throw new Error(`${manifestFile}: no municipality with 0–5 permits whose section states the figure as its manifest quotes it`);
}

const out = join(paths.out, edition, 'lv');
const section = readdirSync(join(paths.content, edition, 'lv', 'sections')).sort()[0]!;
const sectionFile = join(paths.content, edition, 'lv', 'sections', section);
const original = readFileSync(sectionFile, 'utf8');
const rows: Record<string, number[]> = { floor: [], 'full build (PDF)': [], 'warm build, nothing changed': [], 'HTML draft (--html-only)': [], 'rebuild after a one-municipality text correction': [], 'rebuild after a figure correction that moves a chart': [], 'one proof': [], 'all proofs': [], 'preview refresh after a save (save → new draft served)': [] };
let memory: number[] = [];
const cli: number[] = [];
let pages = 0;
const figure = figureCorrection();
let figureWork = '';
/** Each cold build's layout in the page: per part, milliseconds. */
const layouts: ReadonlyMap<string, number>[] = [];
try {
  // Not counted: the first build of a process imports the finish, preflight and PDF modules and
  // compiles them (~1–1.5 s), as the CLI's start-up does, which no row counts (see above).
  process.stderr.write('warm-up build (not counted)\n');
  await build({ paths, edition, lang: 'lv' });
  for (let r = 0; r < runs; r++) {
    process.stderr.write(`run ${r + 1}/${runs}\n`);
    rmSync(paths.out, { recursive: true, force: true }); // cold: no cache, no last build
    const full = await seconds(async () => {
      const cold = await build({ paths, edition, lang: 'lv' });
      pages = cold.pageCount ?? 0;
      if (cold.layoutMs) layouts.push(cold.layoutMs);
    });
    rows['full build (PDF)']!.push(full);
    rows.floor!.push(await floor(join(out, 'report.html')));
    rows['warm build, nothing changed']!.push(await seconds(() => build({ paths, edition, lang: 'lv' })));
    rows['HTML draft (--html-only)']!.push(await seconds(() => build({ paths, edition, lang: 'lv', htmlOnly: true })));
    // A correction of one word in one municipality's text, then the rebuild.
    writeFileSync(sectionFile, original.replace(/(\*\*[^*]+\*\*) /, `$1 (${r}) `));
    rows['rebuild after a one-municipality text correction']!.push(await seconds(() => build({ paths, edition, lang: 'lv' })));
    writeFileSync(sectionFile, original);
    await build({ paths, edition, lang: 'lv' });
    // A figure of one municipality corrected in the manifest and its section, then the rebuild.
    figure.apply(r);
    let corrected: Awaited<ReturnType<typeof build>> | undefined;
    rows['rebuild after a figure correction that moves a chart']!.push(await seconds(async () => (corrected = await build({ paths, edition, lang: 'lv' }))));
    if (!corrected?.changes?.charts.length) throw new Error(`the figure correction of ${figure.id} moved no chart: ${JSON.stringify(corrected?.changes)}`);
    figureWork = `${figure.id}: ${corrected.cache.misses.transform ?? 0} parts transformed again, ${corrected.changes.charts.length} charts changed, ${corrected.passes} print pass(es)`;
    figure.restore();
    await build({ paths, edition, lang: 'lv' });
    rows['one proof']!.push(await seconds(() => makeProofs({ paths, edition, lang: 'lv', ids: [section.replace(/\.md$/, '')] })));
    rows['all proofs']!.push(await seconds(() => makeProofs({ paths, edition, lang: 'lv', ids: 'all' })));
  }
  // The preview: a saved Markdown change until the rebuilt draft is served (the page patches
  // itself on the push that follows, a few milliseconds more).
  let rebuilt: () => void = () => {};
  const preview = await startPreview({ paths, edition, lang: 'lv', port: 0, log: (line) => (/rebuilt in/.test(line) ? rebuilt() : undefined) });
  try {
    await new Promise((r) => setTimeout(r, 500));
    for (let r = 0; r < runs; r++) {
      const done = new Promise<void>((resolve) => (rebuilt = resolve));
      const t = performance.now();
      writeFileSync(sectionFile, original.replace(/(\*\*[^*]+\*\*) /, `$1 (preview ${r}) `));
      await done;
      rows['preview refresh after a save (save → new draft served)']!.push((performance.now() - t) / 1000);
    }
  } finally {
    await preview.close();
    writeFileSync(sectionFile, original);
  }
  // As the times, a median: one build's peak moves by ±50 MiB with Node's garbage collection.
  for (let r = 0; r < runs; r++) {
    const m = await peakMemory();
    memory.push(m.mib);
    cli.push(m.seconds);
  }
} finally {
  writeFileSync(sectionFile, original);
  figure.restore();
}

const f = median(rows.floor!);
console.log(`\nmedians of ${runs} run(s), edition ${edition} (lv, ${pages} pages), in-process (add ~1 s of CLI start-up):`);
// Each run beside the median: the spread says how much a difference between two benches means.
for (const [label, xs] of Object.entries(rows)) console.log(`  ${median(xs).toFixed(2).padStart(6)} s  ${label === 'floor' ? '1.00×' : `${(median(xs) / f).toFixed(2)}×`}  ${label}  (${xs.map((x) => x.toFixed(2)).join(', ')})`);
console.log(`  ${median(cli).toFixed(2).padStart(6)} s  ${(median(cli) / f).toFixed(2)}×  the same cold build as the CLI, start-up included, sampled for memory  (${cli.map((x) => x.toFixed(2)).join(', ')})`);
console.log(`  peak memory of a cold npm run build and its processes (PSS): ${median(memory).toFixed(0)} MiB  (${memory.map((m) => m.toFixed(0)).join(', ')})`);
console.log(`  the figure correction (last run): ${figureWork}`);
// The cold builds' layout: per part the median of the runs, the total a median too.
const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((n, ms) => n + ms, 0);
const laidOut = median(layouts.map(total));
const slowest = [...(layouts[0]?.keys() ?? [])].map((id) => [id, median(layouts.map((m) => m.get(id) ?? 0))] as const).sort((a, b) => b[1] - a[1]);
console.log(`  the cold build's layout in the page, ${slowest.length} parts: ${(laidOut / 1000).toFixed(2)} s  (${layouts.map((m) => (total(m) / 1000).toFixed(2)).join(', ')}); the slowest: ${slowest.slice(0, 5).map(([id, ms]) => `${id} ${(ms / 1000).toFixed(2)} s (${Math.round((100 * ms) / laidOut)} %)`).join(', ')}`);
rmSync(root, { recursive: true, force: true });
