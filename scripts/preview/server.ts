/**
 * npm run preview: the HTML draft of the report, served on 127.0.0.1 and rebuilt on every
 * saved change of the edition's content, the templates or the stylesheet.
 *
 * - The draft is built with build({ htmlOnly: true, draft: true }) into a folder of its own,
 *   out/<edition>/<lang>-preview: the real output (the last good PDF) is never touched.
 * - Open pages learn of a new build over Server-Sent Events (/__events); the client script
 *   (client.js, injected into the HTML response only, never into the built file) patches the
 *   page in place, or shows the build's problems over the last good draft.
 * - Only the draft folder and the client's own scripts are served: the real path of a file
 *   must be inside the draft folder; encoded or double-encoded dots and backslashes are
 *   refused. A Host other than 127.0.0.1:PORT / localhost:PORT is refused (DNS rebinding), as
 *   is an event stream asked for by another Origin. GET and HEAD, and one POST:
 * - POST /build (or b + Enter in the terminal) builds the real PDF, out/<edition>/<lang>, as
 *   npm run build does, with the server's print browser: started once (at start-up on a
 *   terminal, else at the first build), kept warm between builds, closed with the server. The
 *   answer is JSON: where the PDF is, its pages and the time; or the build's problems. A POST
 *   from another Origin is refused (a page elsewhere cannot start builds).
 */
import { existsSync, readFileSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { build } from '../build.js';
import type { Paths } from '../config.js';
import { onCleanup } from '../lib/cleanup.js';
import { BuildError, formatDiagnostic, type Diagnostic } from '../lib/diagnostics.js';
import { silentReporter } from '../lib/log.js';
import { launchBrowser } from '../print/browser.js';
import { contentBox, layoutSettings, PAGE } from '../print/design.js';
import { LAYOUT_GLOBAL, layoutScript } from '../print/layout.js';
import { parseYaml } from '../validate/yaml.js';
import { Messages, type Language } from '../validate/schema.js';

export const DEFAULT_PORT = 4173;
const HOST = '127.0.0.1';

export interface PreviewOptions {
  paths: Paths;
  edition: string;
  lang: Language;
  /** Default 4173; 0 takes any free port (tests). */
  port?: number;
  /** Quiet time after the last change before a rebuild. */
  debounceMs?: number;
  /** One line per event (start, rebuild time, problems); default: stderr. */
  log?: (line: string) => void;
  /**
   * Start the print browser with the server, so that the first PDF build is warm too; default:
   * when stdin is a terminal (an editor at work). Otherwise it starts at the first build.
   */
  warmBrowser?: boolean;
  /** Listen for b + Enter on stdin (build the PDF); default: when stdin is a terminal. */
  keys?: boolean;
  /** Where the keys come from; default stdin (tests give a stream of their own). */
  input?: NodeJS.ReadableStream;
}

/** The answer to POST /build. */
export type PdfBuild =
  | { status: 'ok'; pdf: string; pages: number; ms: number; warnings: number; browser: 'warm' | 'started' }
  /** `fault`: 'content' when the build found problems (HTTP 422), 'tool' when it broke (500). */
  | { status: 'error'; fault: 'content' | 'tool'; error: string; ms: number; diagnostics: OverlayDiagnostic[] };

export interface Preview {
  url: string;
  /** The draft folder: out/<edition>/<lang>-preview. */
  dir: string;
  /** What POST /build does: the real PDF, with the warm browser. */
  buildPdf(): Promise<PdfBuild>;
  close(): Promise<void>;
}

/** A problem as the page's overlay shows it. */
export interface OverlayDiagnostic {
  message: string;
  /** Path as shown: relative to the project when inside it. */
  file?: string;
  /** Absolute path, for an editor link. */
  path?: string;
  line?: number;
  column?: number;
  /** The offending line of source. */
  source?: string;
  hint?: string;
  severity: 'error' | 'warning';
}

export type BuildState =
  | { status: 'ok'; version: string; ms: number; css: boolean }
  | { status: 'error'; version: string | null; ms: number; diagnostics: OverlayDiagnostic[] };

export const draftDir = (paths: Paths, edition: string, lang: string) => join(paths.out, edition, `${lang}-preview`);

const CLIENT = readFileSync(new URL('./client.js', import.meta.url), 'utf8');
// The footnote placer of the print stage, for the paged view: defined, not run.
const FOOTNOTES = `${layoutScript()}\nwindow.__previewPlaceFootnotes = (settings) => ${LAYOUT_GLOBAL}.start(settings);\n`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
};

/** Every response: no sniffing, no caching, no framing, nothing loaded from elsewhere. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function reply(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * The path of a request, decoded once, or null when it must be refused: not origin-form, a
 * backslash (raw or encoded), a NUL, a "." or ".." segment, a dotfile, or anything still
 * percent-encoded after decoding (double encoding: %252e%252e).
 */
export function requestPath(rawUrl: string | undefined): string | null {
  if (!rawUrl || !rawUrl.startsWith('/')) return null;
  const raw = rawUrl.split(/[?#]/)[0]!;
  if (/\\|%5c/i.test(raw)) return null;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (/[\\\0%]/.test(path)) return null;
  if (path.split('/').some((segment) => segment.startsWith('.'))) return null;
  return path;
}

/** The real path of `path` inside the draft folder, or null (missing, outside, not a file). */
export function resolveInside(root: string, path: string): string | null {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(join(realRoot, path));
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + sep)) return null;
  try {
    return statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The banner's word from the language's messages ("MELNRAKSTS", "DRAFT"). */
function draftWord(paths: Paths, lang: Language): string {
  const file = join(paths.templates, 'messages', `${lang}.yaml`);
  try {
    return parseYaml(file, readFileSync(file, 'utf8'), Messages).value.draft;
  } catch {
    return 'DRAFT';
  }
}

/** A JSON value inside <script type="application/json">: no "<" can end the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The draft's HTML with the client script before </body>, or a bare page before the first good build. */
export function injectClient(html: string | undefined, config: object): string {
  const tags = `<script type="application/json" id="__preview-config">${scriptJson(config)}</script>\n<script src="/__preview/client.js"></script>\n`;
  const page = html ?? '<!doctype html>\n<html>\n<head><meta charset="utf-8"><title>preview</title></head>\n<body>\n</body>\n</html>\n';
  const at = page.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? page + tags : page.slice(0, at) + tags + page.slice(at);
}

/** A build's problems for the overlay: each with its place and the line itself. */
export function toOverlay(err: unknown, root: string): OverlayDiagnostic[] {
  if (!(err instanceof BuildError)) {
    return [{ severity: 'error', message: `the draft could not be built: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, hint: 'this looks like a fault of the tool, not of the content; the server log has details' }];
  }
  const files = new Map<string, string[] | undefined>(); // each file read once, whatever the count of its problems
  return err.diagnostics.map((d) => overlayDiagnostic(d, root, files));
}

/** A path as the preview shows it: relative to the project when inside it, else absolute. */
const shown = (root: string, file: string) => {
  const r = relative(root, file);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : file;
};

function overlayDiagnostic(d: Diagnostic, root: string, files: Map<string, string[] | undefined>): OverlayDiagnostic {
  return { severity: d.severity ?? 'error', message: d.message, file: d.file ? shown(root, d.file) : undefined, path: d.file || undefined, line: d.line, column: d.column, source: sourceLine(d.file, d.line, files), hint: d.hint };
}

function sourceLine(file: string, line: number | undefined, files: Map<string, string[] | undefined>): string | undefined {
  if (!file || !line) return undefined;
  if (!files.has(file)) {
    try {
      files.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
    } catch {
      files.set(file, undefined);
    }
  }
  return files.get(file)?.[line - 1]?.slice(0, 500);
}

/** Editors' temporary files are not changes of the content. */
const ignored = (file: string) => /(^|[/\\])(\.#|#)|~$|\.sw[a-p]x?$/.test(file);

/** Watches folders recursively; calls back with the changed file. */
function watchFolders(dirs: string[], onChange: (file: string) => void, log: (line: string) => void): FSWatcher[] {
  return dirs.filter((d) => existsSync(d)).map((d) => {
    const w = watch(d, { recursive: true }, (_event, name) => {
      const file = name ? join(d, name.toString()) : d;
      if (!ignored(file)) onChange(file);
    });
    w.on('error', (err) => log(`preview: watching ${d} failed: ${err.message}`));
    return w;
  });
}

/** Calls `run` once `ms` after the last `add`, with the files added since. */
function debouncer(ms: number, run: (files: string[]) => void) {
  const files = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  return {
    add(file: string) {
      files.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const list = [...files];
        files.clear();
        run(list);
      }, ms);
    },
    cancel: () => clearTimeout(timer),
  };
}

/** One build at a time; changes during a build start one more after it. */
function rebuilder(work: (files: string[]) => Promise<void>) {
  let running: Promise<void> | undefined;
  let queued: string[] | undefined;
  const loop = async (files: string[]) => {
    for (let next: string[] | undefined = files; next; ) {
      queued = undefined;
      await work(next);
      next = queued;
    }
  };
  return {
    request(files: string[]): Promise<void> {
      if (running) {
        queued = [...(queued ?? []), ...files];
        return running;
      }
      running = loop(files).finally(() => {
        running = undefined;
      });
      return running;
    },
    idle: () => running ?? Promise.resolve(),
  };
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { paths, edition, lang } = options;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const dir = draftDir(paths, edition, lang);
  const session = Date.now().toString(36);
  let builds = 0;
  /** Of the last good build; the page says which it shows. */
  let version: string | null = null;
  let state: BuildState | undefined;
  const clients = new Set<ServerResponse>();

  const broadcast = (s: BuildState) => {
    for (const res of clients) res.write(`data: ${JSON.stringify(s)}\n\n`);
  };

  const rebuild = async (files: string[]) => {
    const started = performance.now();
    const css = files.some((f) => f.startsWith(paths.styles + sep));
    const changed = files.length ? ` (${files.map((f) => shown(paths.root, f)).slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})` : '';
    try {
      const result = await build({ paths, edition, lang, htmlOnly: true, draft: true, outDir: dir, report: silentReporter });
      const ms = Math.round(performance.now() - started);
      builds += 1;
      version = `${session}-${builds}`;
      state = { status: 'ok', version, ms, css };
      log(`preview: ${builds === 1 ? 'built' : 'rebuilt'} in ${ms} ms${changed}`);
      for (const w of result.warnings) log(formatDiagnostic({ ...w, severity: 'warning' }, process.cwd(), false));
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const diagnostics = toOverlay(err, paths.root);
      state = { status: 'error', version, ms, diagnostics };
      log(`preview: build failed in ${ms} ms${changed}, ${diagnostics.length} problem(s); the page shows them`);
      if (err instanceof BuildError) for (const d of err.diagnostics) log(formatDiagnostic(d));
      else log(String(err instanceof Error && process.env.DEBUG ? err.stack : err));
    }
    broadcast(state);
  };
  const builder = rebuilder(rebuild);
  const changes = debouncer(options.debounceMs ?? 50, (files) => void builder.request(files));

  // The print browser: one, started once, reused by every PDF build, closed with the server.
  let browser: Promise<Browser> | undefined;
  let closing = false;
  const printBrowser = async (): Promise<{ browser: Browser; warm: boolean }> => {
    const warm = browser !== undefined;
    const b = await (browser ??= launchBrowser(undefined, log));
    if (b.connected) return { browser: b, warm };
    browser = undefined; // it crashed or was closed: a new one
    return { browser: await (browser = launchBrowser(undefined, log)), warm: false };
  };
  const warmUp = () => {
    browser ??= launchBrowser(undefined, log);
    browser.catch((err) => {
      browser = undefined; // said again, with its reason, by the build that needs it
      log(`preview: the print browser did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    });
  };
  /** The tabs a build left open in the kept browser (a build that starts its own closes the browser). */
  const closePages = async (b: Browser) => {
    if (b.connected) await Promise.all((await b.pages()).map((p) => p.close().catch(() => undefined))).catch(() => undefined);
  };
  let pdfBuild: Promise<PdfBuild> | undefined;
  /** The real PDF, as npm run build writes it; one at a time (a request during a build gets that build's answer). */
  const buildPdf = (): Promise<PdfBuild> =>
    (pdfBuild ??= (async (): Promise<PdfBuild> => {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      try {
        if (closing) throw new Error('the preview is closing');
        const { browser: b, warm } = await printBrowser();
        const result = await build({ paths, edition, lang, browser: b, report: silentReporter }).finally(() => closePages(b));
        const done: PdfBuild = { status: 'ok', pdf: result.pdf!, pages: result.pageCount ?? 0, ms: ms(), warnings: result.warnings.length, browser: warm ? 'warm' : 'started' };
        log(`preview: PDF built in ${done.ms} ms (${done.browser} browser): ${shown(process.cwd(), done.pdf)}, ${done.pages} pages`);
        return done;
      } catch (err) {
        const diagnostics = toOverlay(err, paths.root);
        log(`preview: the PDF build failed in ${ms()} ms, ${diagnostics.length} problem(s)`);
        if (err instanceof BuildError) for (const d of err.diagnostics) log(formatDiagnostic(d));
        else log(String(err instanceof Error && process.env.DEBUG ? err.stack : err));
        const content = err instanceof BuildError;
        return { status: 'error', fault: content ? 'content' : 'tool', error: content ? `the build found ${diagnostics.length} problem(s)` : `the build failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, ms: ms(), diagnostics };
      }
    })().finally(() => {
      pdfBuild = undefined;
    }));

  const servePdfBuild = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return reply(res, 403, 'forbidden origin\n');
    req.resume(); // a body, if any, is not read
    void buildPdf().then((r) => {
      if (!res.destroyed) reply(res, r.status === 'ok' ? 200 : r.fault === 'content' ? 422 : 500, JSON.stringify(r, null, 2) + '\n', TYPES['.json']);
    });
  };

  let hosts = new Set<string>();
  let origins = new Set<string>();
  const pageConfig = () => ({
    version,
    draft: draftWord(paths, lang),
    root: paths.root,
    page: { widthMm: PAGE.widthMm, heightMm: PAGE.heightMm, margin: PAGE.margin },
    contentBox,
    placer: layoutSettings,
  });

  const servePage = (res: ServerResponse) => {
    const config = pageConfig(); // before reading the file: a newer file than its version only patches once more
    const file = resolveInside(dir, '/report.html');
    const html = file ? readFileSync(file, 'utf8') : undefined;
    reply(res, 200, injectClient(html, { ...config, placeholder: !html }), TYPES['.html']);
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return reply(res, 403, 'forbidden origin\n');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    if (req.method === 'HEAD') return res.end();
    res.write('retry: 1000\n\n');
    if (state) res.write(`data: ${JSON.stringify(state)}\n\n`);
    clients.add(res);
    req.on('close', () => clients.delete(res));
  };

  const serveFile = (res: ServerResponse, path: string) => {
    const file = resolveInside(dir, path);
    if (!file) return reply(res, 404, 'not found\n');
    reply(res, 200, readFileSync(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const post = req.method === 'POST' && requestPath(req.url) === '/build';
    if (req.method !== 'GET' && req.method !== 'HEAD' && !post) return reply(res, 405, 'only GET and HEAD, and POST /build\n', undefined, { Allow: 'GET, HEAD' });
    if (!hosts.has(req.headers.host ?? '')) return reply(res, 403, 'forbidden host\n');
    if (post) return servePdfBuild(req, res);
    const path = requestPath(req.url);
    if (path === null) return reply(res, 403, 'forbidden path\n');
    if (path === '/__events') return serveEvents(req, res);
    if (path === '/__preview/client.js') return reply(res, 200, CLIENT, TYPES['.js']);
    if (path === '/__preview/footnotes.js') return reply(res, 200, FOOTNOTES, TYPES['.js']);
    if (path === '/' || path === '/report.html') return servePage(res);
    return serveFile(res, path);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log(`preview: ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) reply(res, 500, 'internal error\n');
      else res.destroy();
    }
  });
  const port = await listen(server, options.port ?? DEFAULT_PORT);
  hosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  origins = new Set([...hosts].map((h) => `http://${h}`));
  const url = `http://${HOST}:${port}/`;
  const tty = Boolean(process.stdin.isTTY);
  const keys = options.keys ?? tty;
  log(`preview: ${url} (edition ${edition}, ${lang}; draft in ${shown(process.cwd(), dir)}); ${keys ? 'b + Enter (or POST /build) builds the PDF; ' : 'POST /build builds the PDF; '}Ctrl-C stops it`);

  const watchers = watchFolders([join(paths.content, edition), paths.templates, paths.styles], changes.add, log);
  // b + Enter: the PDF. Line mode: Ctrl-C stays the terminal's signal.
  const terminal = keys ? createInterface({ input: options.input ?? process.stdin, terminal: false }) : undefined;
  terminal?.on('line', (line) => {
    if (line.trim().toLowerCase() === 'b') void buildPdf();
    else if (line.trim()) log('preview: b + Enter builds the PDF; Ctrl-C stops the preview');
  });
  const stop = () => {
    changes.cancel();
    terminal?.close();
    for (const w of watchers) w.close();
    for (const res of clients) res.destroy();
    clients.clear();
    server.close();
    server.closeAllConnections();
    // The browser's own cleanup (print/browser.ts) kills it on exit; close() closes it in order.
  };
  const unregister = onCleanup(stop);
  await builder.request([]);
  if (options.warmBrowser ?? tty) warmUp();

  return {
    url,
    dir,
    buildPdf,
    async close() {
      unregister();
      closing = true;
      changes.cancel();
      terminal?.close();
      for (const w of watchers) w.close();
      await builder.idle();
      await pdfBuild;
      stop();
      const b = browser;
      browser = undefined;
      if (b) await b.then((x) => x.close(), () => undefined);
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const hint = `choose another port: npm run preview -- --port ${port + 1}`;
      if (err.code === 'EADDRINUSE') reject(new BuildError([{ file: '', message: `port ${port} on ${HOST} is in use`, hint }], 2));
      else if (err.code === 'EACCES') reject(new BuildError([{ file: '', message: `port ${port} on ${HOST} is not allowed for this user`, hint }], 2));
      else reject(err);
    });
    server.listen(port, HOST, () => resolveListen((server.address() as AddressInfo).port));
  });
}
