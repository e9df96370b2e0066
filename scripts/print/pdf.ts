/**
 * Stage 6 — print: load the composed HTML from disk in headless Chromium and print it.
 * The page may load only the files of the build being printed (its own folder, by real path):
 * every other file, any network address, data: and blob: URLs are refused and reported.
 * The page's own scripts are off; the pipeline's placement code runs through puppeteer.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { BuildError } from '../lib/diagnostics.js';
import type { Reporter } from '../lib/log.js';
import { browserTimeouts } from './browser.js';
import { layoutSettings, PRINT_BATCH } from './design.js';
import { createHash } from 'node:crypto';
import { startLayout } from './layout.js';
import type { LayoutRecord, PartRecord, PartTail, PrintedBatch, UnitPlan } from './units.js';

export interface PlacedNote {
  n: number;
  /** Page the note was placed on; -1 when it stayed at the end of its part. */
  page: number;
}

export interface Printed {
  pdf: Uint8Array;
  notes: PlacedNote[];
  /** The page each part starts on, in the layout the placer saw (cover = 1). */
  starts: Map<string, number>;
}

export interface UnitsOptions {
  /** The last build's layout (`UnitsResult.record`); none: everything is laid out. */
  previous?: LayoutRecord | null;
  /** Whether the caller holds the PDF of this unit (by its `key`): then it is not printed. */
  have?: (unit: UnitPlan) => boolean;
  /** Called with each print batch once the next print is asked for (not awaited before it); `unitsOf` cuts it into its units. */
  onBatch?: (printed: PrintedBatch) => void | Promise<void>;
  /** Pages a print batch holds at most (default `PRINT_BATCH.pages`; 0: every unit printed alone). */
  batchPages?: number;
  /** Write the contents' page numbers from the layout before printing (as `print` does). */
  fillContents?: boolean;
  /** A key of everything else the pages depend on: CSS, fonts, layout code, browser. */
  design?: string;
  /** The parts' HTML sizes, for the message of a step that times out. */
  sizes?: ReadonlyMap<string, number>;
  /**
   * Node's own work (synchronous), run once while the page lays parts out: the layout's steps
   * are all asked for first. Run after the layout when nothing is laid out.
   */
  whileLayingOut?: () => void;
}

export interface UnitsResult {
  /** This build's layout, for the next build's `previous`. */
  record: LayoutRecord;
  /** Every unit in order, printed or not. */
  units: UnitPlan[];
  notes: PlacedNote[];
  /** The page each part and each chart starts on (cover = 1). */
  starts: Map<string, number>;
  /** The parts laid out in this run and the units printed (ids), in order. */
  laidOut: string[];
  printed: string[];
  /** Milliseconds each part laid out in this run took in the page (`npm run bench` shows the slowest). */
  layoutMs: Map<string, number>;
}

type Placer = {
  __fnPlacer: {
    ids(): string[];
    from(k: number, state: { last: number; tail: PartTail | null }): void;
    step(k: number): StepInfo[];
    refitPrevious(): StepInfo | null;
    pause(): void;
  };
};
type StepInfo = Pick<PartRecord, 'id' | 'start' | 'last' | 'notes' | 'figures'> & Partial<Pick<PartRecord, 'tried' | 'ranOn' | 'tail'>> & { ms?: number };
/** What the page says of a part before it is laid out. */
type PartSource = { id: string; html: string; owns: string[]; toc: [string, string][] };

/**
 * The style the printing page loads the report with: every part hidden, so that loading never
 * lays the whole report out on screen (~0.7 s of the 2025 report's ~1 s load); the layout's
 * start removes it (`loadingStyle`) once it has hidden the parts itself.
 */
const LOADING_STYLE = 'print-loading';
const withLoadingStyle = (html: string) => html.replace(/<\/head>/i, `<style id="${LOADING_STYLE}">body > section, body > nav { display: none !important; }</style></head>`);

const sha = (...xs: unknown[]) => createHash('sha256').update(JSON.stringify(xs)).digest('hex');
const sameTail = (a: PartTail | null | undefined, b: PartTail | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Pages some printer uses (a browser may serve several printers: the preview's). */
const claimed = new WeakSet<Page>();

export class Printer {
  private page: Page | undefined;
  readonly refused: string[] = [];
  constructor(private readonly browser: Browser, private readonly report: Reporter) {}

  /**
   * Print the HTML file at `htmlPath` (reloaded on every call), footnotes at their pages' feet.
   * `fillContents`: write the contents' page numbers from the layout before printing.
   */
  async print(htmlPath: string, sizes?: ReadonlyMap<string, number>, fillContents = false): Promise<Printed> {
    const { page, step } = await this.load(htmlPath, sizes);
    const options = { ...layoutSettings, firstPage: 2, fillContents, loadingStyle: LOADING_STYLE };
    const { notes, starts } = await step('placing the footnotes', async () => {
      const total = (await page.evaluate(startLayout(options))) as number;
      for (let k = 0; k < total; k++) {
        this.report.progress?.(k + 1, total, 'part');
        await page.evaluate((n: number) => (globalThis as unknown as { __fnPlacer: { step(n: number): void } }).__fnPlacer.step(n), k);
      }
      return JSON.parse((await page.evaluate(() => (globalThis as unknown as { __fnPlacer: { finish(): string } }).__fnPlacer.finish())) as string) as { notes: PlacedNote[]; starts: Record<string, number> };
    });
    const pdf = await step('printing the PDF', () => page.pdf(PDF_OPTIONS()));
    return { pdf, notes, starts: new Map(Object.entries(starts)) };
  }

  /**
   * Print the HTML file at `htmlPath` as the browser pages it, without the report's layout
   * (no notes to place, no copyfitting) and untagged: for working documents such as the
   * proofs' data sheets, whose pages are copied into proofs that carry no structure tree
   * (pdf-lib copies pages, not tags). Tagged, the 46 sheets took 2.5-3.4 s and 2.6 MB;
   * untagged 1.5 s and 0.7 MB.
   */
  async printPlain(htmlPath: string): Promise<Uint8Array> {
    const { page, step } = await this.load(htmlPath, undefined, { hidden: false });
    return step('printing the PDF', () => page.pdf({ ...PDF_OPTIONS(), tagged: false }));
  }

  /**
   * Print the HTML file at `htmlPath` as print units (scripts/print/units.ts), laying out only
   * what changed since `previous`; consecutive units to print share one `page.pdf()` up to
   * `batchPages` pages (a print batch: the units are its slices).
   *
   * The document is loaded once. With no `previous` (or another `design`) every part is laid
   * out. Otherwise the layout starts at the unit before the first changed part (a part is
   * changed when its HTML, its place in the order or the design changed), resumed from the state
   * the part before it left in `previous`, and stops where it rejoins `previous`: at a part that
   * opens a page, is unchanged, and follows the same last page and the same tail; then on to
   * the next changed part. Parts not laid out keep their record from `previous`.
   *
   * Units: the cover; every part that opens a page starts one (a section that runs on is in the
   * unit of the section before it); the back cover (with the blank `.page-pad` page before it
   * when the text ends on an even page). A unit's `key` hashes its parts' HTML, its first page,
   * its page count, the contents' numbers it shows and `design`: the contents unit changes only
   * when one of its numbers does. A unit the caller `have`s is not printed; one it lacks is laid
   * out (from the record's state) and printed even if nothing in it changed.
   *
   * Each batch is printed with every other part `display: none`, its pages numbered from its first
   * page (`html { counter-reset: page <first - 1> }`), and zero-size stand-ins for the targets of
   * its links that lie outside the batch (the real element's id taken away meanwhile), so that
   * Chromium writes those links; the join (scripts/finish/join.ts) resolves each name to the unit
   * that `owns` it. A batch that prints another number of pages than its plan is an error.
   * `onBatch` receives each printed batch once the next print is asked for; its promises are
   * awaited before returning.
   */
  async printUnits(htmlPath: string, options: UnitsOptions = {}): Promise<UnitsResult> {
    const { previous = null, have = () => false, onBatch, fillContents = false, design = '', sizes, batchPages = PRINT_BATCH.pages, whileLayingOut } = options;
    const { page, step } = await this.load(htmlPath, sizes);
    // The parts as composed, before the layout touches them: their HTML (the contents' numbers
    // left out: they are the layout's output), the link targets inside them, their numbers' targets.
    const sources = (await page.evaluate(() => {
      const targets = new Set([...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1))));
      return [...document.body.children]
        .filter((el) => /^(SECTION|NAV)$/.test(el.tagName) && el.id)
        .map((el) => {
          const copy = el.cloneNode(true) as Element;
          for (const n of copy.querySelectorAll('[data-toc-page]')) n.textContent = '';
          return {
            id: el.id,
            html: copy.outerHTML,
            owns: [el, ...el.querySelectorAll('[id]')].map((e) => e.id).filter((id) => targets.has(id)),
            toc: [...el.querySelectorAll('[data-toc-page]')].map((n) => [n.getAttribute('data-toc-page')!, n.textContent ?? ''] as [string, string]),
          };
        });
    })) as PartSource[];
    const source = new Map(sources.map((p) => [p.id, p]));
    const hash = new Map(sources.map((p) => [p.id, sha(p.html)]));
    const settings = { ...layoutSettings, firstPage: 2, fillContents: false, loadingStyle: LOADING_STYLE };
    const ids = await step('placing the footnotes', async () => {
      await page.evaluate(startLayout(settings));
      return page.evaluate(() => (globalThis as unknown as Placer).__fnPlacer.ids());
    });
    const n = ids.length;

    // Which parts changed since the last build, and where the layout must start for each.
    const sameDesign = previous?.design === design;
    const oldIndex = new Map((previous?.parts ?? []).map((p, i) => [p.id, i]));
    const old = (k: number) => (sameDesign && k >= 0 ? previous!.parts[oldIndex.get(ids[k]!) ?? -1] : undefined);
    const changed = ids.map((id, k) => {
      const o = old(k);
      return !o || o.hash !== hash.get(id) || (oldIndex.get(id)! === 0 ? k !== 0 : previous!.parts[oldIndex.get(id)! - 1]!.id !== ids[k - 1]);
    });
    const startAt = new Set<number>();
    for (let k = 0; k < n; k++) {
      if (!changed[k]) continue;
      // A part that did not try to run on, after the same part as before, unchanged: it does
      // not try now either (whether it may is its kind and that part's tail), so the part
      // before it is laid out as before, and the layout starts at this one.
      const o = old(k);
      const i = oldIndex.get(ids[k]!) ?? -1;
      if (o && !o.tried && k > 0 && i > 0 && previous!.parts[i - 1]!.id === ids[k - 1] && !changed[k - 1]) {
        startAt.add(k);
        continue;
      }
      let j = k - 1;
      while (j >= 0 && (changed[j] || old(j)!.ranOn)) j--;
      startAt.add(Math.max(j, 0));
    }
    const cur: (PartRecord | undefined)[] = ids.map((_, k) => (changed[k] ? undefined : { ...old(k)! }));
    const laid = new Set<number>();
    const layoutMs = new Map<string, number>();
    const apply = (infos: (StepInfo | null)[]) => {
      for (const info of infos) {
        if (!info) continue;
        if (info.ms !== undefined) layoutMs.set(info.id, (layoutMs.get(info.id) ?? 0) + info.ms);
        const k = ids.indexOf(info.id);
        const was = cur[k];
        cur[k] = {
          id: info.id,
          hash: hash.get(info.id)!,
          start: info.start,
          last: info.last,
          unit: '',
          tried: info.tried ?? was?.tried ?? false,
          ranOn: info.ranOn ?? was?.ranOn ?? false,
          tail: info.tail !== undefined ? info.tail : (was?.tail ?? null),
          notes: info.notes,
          figures: info.figures,
          owns: source.get(info.id)?.owns ?? [],
        };
      }
    };
    const stateBefore = (k: number) => (k === 0 ? { last: settings.firstPage - 1, tail: null } : { last: cur[k - 1]!.last, tail: cur[k - 1]!.tail });
    /**
     * Parts `from`…`to` laid out, in order. Every step is asked for before the first answer
     * comes (the page runs them one after another), so that Node is free meanwhile: it does
     * `whileLayingOut` then, and each step starts without a round trip after the last.
     */
    let idle = whileLayingOut;
    const layOut = async (from: number, to = from) => {
      const asked: Promise<StepInfo[]>[] = [];
      for (let k = from; k <= to; k++) asked.push(page.evaluate((i: number) => (globalThis as unknown as Placer).__fnPlacer.step(i), k));
      for (const a of asked) a.catch(() => undefined); // awaited in order below
      idle?.();
      idle = undefined;
      for (let k = from; k <= to; k++) {
        apply(await asked[k - from]!);
        laid.add(k);
        this.report.progress?.(laid.size, n, 'part');
      }
    };
    await step('placing the footnotes', async () => {
      let laying = false;
      for (let k = 0; k < n; k++) {
        if (!laying && startAt.has(k)) {
          await page.evaluate((i: number, state) => (globalThis as unknown as Placer).__fnPlacer.from(i, state), k, stateBefore(k));
          laying = true;
        } else if (laying && !startAt.has(k) && !changed[k]) {
          // Rejoined: this part opens a page as before, after the same page and tail.
          const o = old(k)!;
          const before = old(k - 1);
          if (!o.ranOn && before && sameTail(cur[k - 1]!.tail, before.tail)) {
            // The copyfit its failed run-on gave the part before it, without laying it out.
            if (o.tried) apply([await page.evaluate(() => (globalThis as unknown as Placer).__fnPlacer.refitPrevious())]);
            if (cur[k - 1]!.last === before.last) laying = false;
          }
        }
        if (!laying) continue;
        // This part and the changed ones after it: none of them can rejoin the last layout.
        let to = k;
        while (to + 1 < n && changed[to + 1]) to++;
        await layOut(k, to);
        k = to;
      }
    });
    idle?.();

    // The units, from where the parts ran on.
    for (let k = 0; k < n; k++) cur[k]!.unit = k > 0 && cur[k]!.ranOn ? cur[k - 1]!.unit : ids[k]!;
    const parts = cur as PartRecord[];
    const starts = new Map<string, number>();
    for (const p of parts) {
      starts.set(p.id, p.start);
      for (const [id, at] of Object.entries(p.figures)) starts.set(id, at);
    }
    const lastPage = parts.at(-1)?.last ?? 1;
    const pad = (lastPage + 1) % 2 === 1;
    const groups: { id: string; parts: string[]; firstPage: number; pageCount: number }[] = [];
    if (source.has('cover')) groups.push({ id: 'cover', parts: ['cover'], firstPage: 1, pageCount: 1 });
    for (const p of parts) {
      const g = groups.at(-1);
      if (g && g.id === p.unit) {
        g.parts.push(p.id);
        g.pageCount = p.last - g.firstPage + 1;
      } else groups.push({ id: p.unit, parts: [p.id], firstPage: p.start, pageCount: p.last - p.start + 1 });
    }
    if (source.has('back-cover')) groups.push({ id: 'back-cover', parts: ['back-cover'], firstPage: lastPage + 1, pageCount: pad ? 2 : 1 });
    const shown = (id: string) => (source.get(id)?.toc ?? []).map(([target, text]) => (fillContents && starts.has(target) ? String(starts.get(target)) : text));
    const units: UnitPlan[] = groups.map((g) => ({
      ...g,
      owns: g.parts.flatMap((id) => source.get(id)?.owns ?? []),
      key: sha('unit', g.parts.map((id) => hash.get(id)), g.firstPage, g.pageCount, g.parts.map(shown), design),
    }));
    const wanted = units.filter((u) => !have(u));

    // A unit the caller lacks whose parts were not laid out: laid out now, from the record.
    await step('placing the footnotes', async () => {
      for (const u of wanted) {
        const ks = u.parts.map((id) => ids.indexOf(id)).filter((k) => k >= 0);
        if (ks.every((k) => laid.has(k))) continue;
        const was = ks.map((k) => [cur[k]!.start, cur[k]!.last]);
        await page.evaluate((i: number, state) => (globalThis as unknown as Placer).__fnPlacer.from(i, state), ks[0]!, stateBefore(ks[0]!));
        for (const k of ks) if (!laid.has(k)) await layOut(k);
        const next = ks.at(-1)! + 1;
        if (next < n && cur[next]!.tried && !cur[next]!.ranOn) apply([await page.evaluate(() => (globalThis as unknown as Placer).__fnPlacer.refitPrevious())]);
        const moved = ks.filter((k, i) => cur[k]!.start !== was[i]![0] || cur[k]!.last !== was[i]![1]);
        if (moved.length) throw new BuildError(`the layout of ${moved.map((k) => `${ids[k]} (pages ${was[ks.indexOf(k)]!.join('–')} → ${cur[k]!.start}–${cur[k]!.last})`).join(', ')} differs from the last build's record with the same input: remove the build cache and build again`);
      }
      // Every part hidden before the layout shows them all again: the units show their own
      // parts only, and the whole document is never laid out again in between (a layout of
      // all 110 pages before each unit's print cost more than the print).
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.id = 'unit-print';
        style.textContent = 'body > [data-unit-away] { display: none !important; }';
        document.head.append(style);
        for (const el of document.body.children) el.setAttribute('data-unit-away', '');
        (globalThis as unknown as Placer).__fnPlacer.pause();
      });
    });
    if (fillContents) {
      await page.evaluate((entries: [string, number][]) => {
        const at = new Map(entries);
        for (const el of document.querySelectorAll('[data-toc-page]')) {
          const n = at.get(el.getAttribute('data-toc-page')!);
          if (n) el.textContent = String(n);
        }
      }, [...starts]);
    }

    // Print batches: runs of consecutive units that all need printing, up to `batchPages` pages.
    const batches: UnitPlan[][] = [];
    for (const u of wanted) {
      const b = batches.at(-1);
      const next = b && units.indexOf(b.at(-1)!) + 1 === units.indexOf(u);
      if (b && next && b.reduce((n, x) => n + x.pageCount, 0) + u.pageCount <= batchPages) b.push(u);
      else batches.push([u]);
    }
    const printed: string[] = [];
    const pending: Promise<void>[] = [];
    // A printed batch goes to `onBatch` once the next batch's print has been asked
    // for: its finishing (synchronous work in Node) then runs while the browser prints,
    // instead of keeping the next print waiting (a cold build's prints took 7 s with it,
    // 5 s without).
    let handOver: (() => void) | undefined;
    const handedOver = () => {
      handOver?.();
      handOver = undefined;
    };
    for (const b of batches) {
      this.report.progress?.(printed.length + b.length, wanted.length, 'unit');
      const batch: Omit<PrintedBatch, 'pdf'> = { units: b, firstPage: b[0]!.firstPage, pageCount: b.reduce((n, u) => n + u.pageCount, 0) };
      const name = b.length > 1 ? `${b[0]!.id} … ${b.at(-1)!.id}` : b[0]!.id;
      const pdf = await step(`printing ${name}`, () => this.printUnit(page, b.flatMap((u) => u.parts), batch.firstPage, pad, handedOver));
      const count = pageCountOf(pdf);
      if (count !== batch.pageCount) throw new BuildError(`print unit${b.length > 1 ? 's' : ''} ${name} (${b.flatMap((u) => u.parts).join(', ')}) printed ${count} pages where the layout planned ${batch.pageCount} (pages ${batch.firstPage}–${batch.firstPage + batch.pageCount - 1})`);
      printed.push(...b.map((u) => u.id));
      if (onBatch) {
        handOver = () => {
          const done = { ...batch, pdf };
          const finishing = Promise.resolve()
            .then(() => onBatch(done))
            .then(() => undefined);
          finishing.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
          pending.push(finishing);
        };
      }
    }
    handedOver();
    await Promise.all(pending);
    return {
      record: { design, parts, units },
      units,
      notes: parts.flatMap((p) => p.notes),
      starts,
      laidOut: [...laid].sort((a, b) => a - b).map((k) => ids[k]!),
      printed,
      layoutMs,
    };
  }

  /**
   * One batch's pages (one unit's or more): its parts shown (every part is hidden between
   * prints), its page numbers from its first, stand-ins for its links' targets elsewhere;
   * hidden again after its print.
   */
  private async printUnit(page: Page, parts: string[], firstPage: number, pad: boolean, asked: () => void = () => {}): Promise<Uint8Array> {
    await page.evaluate(
      (ids: string[], first: number, withPad: boolean) => {
        const show = new Set(ids);
        const numbers = document.createElement('style');
        numbers.id = 'unit-pages';
        numbers.textContent = `html { counter-reset: page ${first - 1}; }`;
        document.head.append(numbers);
        document.querySelector('body > .page-pad')?.remove();
        const back = document.querySelector('body > .back-cover');
        if (withPad && back && show.has(back.id)) {
          const el = document.createElement('div');
          el.className = 'page-pad';
          el.setAttribute('aria-hidden', 'true');
          back.before(el);
        }
        const visible = [...document.body.children].filter((el) => show.has(el.id) || el.matches('.page-pad'));
        for (const el of visible) el.removeAttribute('data-unit-away');
        // A stand-in opens the part that links to it: on its unit's pages, also in a batch.
        for (const a of visible.flatMap((v) => [...v.querySelectorAll('a[href^="#"]')])) {
          const id = decodeURIComponent(a.getAttribute('href')!.slice(1));
          const target = document.getElementById(id);
          if (!target || visible.some((v) => v.contains(target))) continue;
          target.setAttribute('data-unit-id', id);
          target.removeAttribute('id');
          const stand = document.createElement('span');
          stand.id = id;
          stand.className = 'unit-standin';
          stand.style.cssText = 'position:absolute;width:0;height:0;overflow:hidden';
          a.closest('body > *')!.prepend(stand);
        }
      },
      parts,
      firstPage,
      pad,
    );
    try {
      // page.pdf sends the print command before its first await (PDF_OPTIONS: no waitForFonts).
      const printing = page.pdf(PDF_OPTIONS());
      asked();
      return await printing;
    } finally {
      await page.evaluate(() => {
        for (const s of document.querySelectorAll('.unit-standin')) s.remove();
        for (const el of document.querySelectorAll('[data-unit-id]')) {
          el.id = el.getAttribute('data-unit-id')!;
          el.removeAttribute('data-unit-id');
        }
        document.querySelector('body > .page-pad')?.remove();
        document.getElementById('unit-pages')?.remove();
        for (const el of document.body.children) el.setAttribute('data-unit-away', '');
      });
    }
  }

  /**
   * Open the page (once per Printer), load the document, its fonts and images. `hidden`: with
   * the loading style (the parts hidden until the layout shows them one by one).
   */
  private async load(htmlPath: string, sizes?: ReadonlyMap<string, number>, { hidden = true } = {}) {
    this.root = realpathSync(dirname(htmlPath));
    this.document = hidden ? { url: pathToFileURL(htmlPath).href, path: htmlPath } : null;
    const { stepMs } = browserTimeouts();
    const step = <T>(name: string, work: () => Promise<T>) => withTimeout(name, stepMs, work, sizes);
    const page = await step('opening a page', () => this.open());
    await step('loading the report', () => page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: stepMs }));
    // Every face of the report's fonts, loaded before the layout measures anything (the parts
    // are hidden, so no text has asked for one yet).
    const fontFailures = await step('loading the fonts', () =>
      page.evaluate(async () => {
        const faces = [...document.fonts];
        const results = await Promise.allSettled(faces.map((f) => f.load()));
        await document.fonts.ready;
        return results.flatMap((r, i) => (r.status === 'rejected' ? [`${faces[i]!.family} ${faces[i]!.weight} ${faces[i]!.style}`] : []));
      }),
    );
    for (const face of fontFailures) this.report.warn(`font not loaded: ${face}`);
    const failed = await step('checking the images', () => page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute('src') ?? '')));
    for (const src of failed) this.report.warn(`image not loaded: ${src}`);
    return { page, step };
  }

  private root = '';
  /** The report being printed with its parts hidden: its request is answered with the file and the loading style. */
  private document: { url: string; path: string } | null = null;

  /** Only files inside the folder of the HTML being printed, by real path (no link leads out). */
  allowed(url: string): boolean {
    if (url === 'about:blank') return true;
    if (!url.startsWith('file:')) return false;
    try {
      const path = realpathSync(fileURLToPath(url));
      return this.root !== '' && path.startsWith(this.root + sep);
    } catch {
      return false;
    }
  }

  private async open(): Promise<Page> {
    if (this.page) return this.page;
    // The tab the browser started with, if no printer has it yet: a new one is another
    // renderer process (~25 MB) and 0.2-0.3 s.
    const blank = (await this.browser.pages()).find((p) => p.url() === 'about:blank' && !claimed.has(p));
    const page = blank ?? (await this.browser.newPage());
    claimed.add(page);
    // Content never runs scripts; page.evaluate (the footnote placer) still works.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (this.document?.url === url && req.isNavigationRequest() && this.allowed(url)) {
        void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: withLoadingStyle(readFileSync(this.document.path, 'utf8')) });
      } else if (this.allowed(url)) void req.continue();
      else {
        this.refused.push(url);
        this.report.warn(`refused a request of the printing page: ${url.length > 120 ? `${url.slice(0, 120)}…` : url}`);
        // A navigation away (meta refresh) is cancelled, not answered with an error page that
        // would replace the document.
        void req.abort(req.isNavigationRequest() && req.frame() === page.mainFrame() ? 'aborted' : 'blockedbyclient');
      }
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warn') this.report.warn(`browser: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.report.warn(`browser: ${err instanceof Error ? err.message : String(err)}`));
    this.page = page;
    return page;
  }
}

/** The options of every page.pdf() of the build. */
const PDF_OPTIONS = () => ({
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
  tagged: true,
  // Bookmarks are written in the finish stage, nested as the report is.
  outline: false,
  // The fonts are loaded with the document (Printer.load); waiting again is a round trip
  // through an isolated world before each print.
  waitForFonts: false,
  timeout: browserTimeouts().stepMs,
});

/** The number of page objects of a PDF as Chromium writes it (uncompressed page dictionaries). */
export function pageCountOf(pdf: Uint8Array): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * A browser step with a deadline. A step that times out (a hung browser, or a document too
 * large to lay out in time) is a BuildError that says which step, and the largest parts.
 */
async function withTimeout<T>(name: string, ms: number, work: () => Promise<T>, sizes?: ReadonlyMap<string, number>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout()), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (err) {
    const timedOut = err instanceof StepTimeout || (err instanceof Error && /timed? ?out/i.test(err.message));
    const closed = err instanceof Error && /Target closed|Session closed|Connection closed|Protocol error/i.test(err.message);
    if (!timedOut && !closed) throw err;
    const largest = [...(sizes ?? new Map())].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const parts = largest.length ? ` The largest parts: ${largest.map(([id, n]) => `${id} (${Math.round(n / 1024)} KB of HTML)`).join(', ')}.` : '';
    throw new BuildError(
      [
        {
          file: '',
          message: timedOut ? `the browser did not finish ${name} within ${Math.round(ms / 1000)} s` : `the browser stopped while ${name}: ${(err as Error).message.split('\n')[0]}`,
          hint: `${timedOut ? 'a document this size normally prints in under 30 s.' : 'it may have crashed or run out of memory.'}${parts} Try again; if it happens again, shorten the largest part or check the browser (REPORT_BROWSER).`,
        },
      ],
      1,
    );
  } finally {
    clearTimeout(timer);
  }
}

class StepTimeout extends Error {}
