/**
 * report build [--edition 2025] [--lang lv] [--html-only] [--out DIR]
 *
 * A thin layer: parse arguments, run a command, print diagnostics, exit with the error's code.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defaultPaths, editionLanguages, latestEdition } from './config.js';
import { BuildError, formatDiagnostic } from './lib/diagnostics.js';
import { consoleReporter } from './lib/log.js';
import { handleSignals } from './lib/cleanup.js';
import { applyHeapPolicy } from './lib/footprint.js';
import { nearest } from './lib/nearest.js';
import { Language } from './validate/schema.js';

const USAGE = `usage: npm run build -- [--edition YEAR] [--lang lv|en|all] [--profile screen|print] [--html-only] [--no-cache] [--out DIR] [--content DIR]\n       npm run audit -- [--edition YEAR]
       npm run check -- [PDF]
       npm run typography -- [PDF]
       npm run translations -- [--lang en] [--mark ID … | --mark-all]
       npm run proof -- ID … | --all | --since GIT-REV   [--edition YEAR] [--lang lv|en]
       npm run preview -- [--edition YEAR] [--lang lv|en] [--port 4173] [--content DIR]
       npm run export -- YEAR --to answers.xlsx|answers.csv [--lang lv|en] [--content DIR]
       npm run new -- YEAR --from answers.xlsx|answers.csv [--partial] [--replace] [--columns FILE] [--content DIR]
       npm run confirm -- YEAR ID … | --all   (suggested codes into coding)`;

const OPTIONS = {
  edition: { type: 'string' },
  lang: { type: 'string', default: 'lv' },
  out: { type: 'string' },
  content: { type: 'string' },
  port: { type: 'string' },
  profile: { type: 'string', default: 'screen' },
  'html-only': { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  mark: { type: 'string', multiple: true },
  all: { type: 'boolean', default: false },
  since: { type: 'string' },
  'mark-all': { type: 'boolean', default: false },
  to: { type: 'string' },
  from: { type: 'string' },
  columns: { type: 'string' },
  partial: { type: 'boolean', default: false },
  replace: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** parseArgs, with a mistyped option named and the nearest known one suggested. */
function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const option = /'(-{1,2}[^']+)'/.exec(message)?.[1] ?? '';
    const close = nearest(option.replace(/^-+/, '').split('=')[0]!, Object.keys(OPTIONS));
    throw new BuildError([{ file: '', message: message.split('.')[0]!.replace(/^Unknown option/, 'unknown option'), hint: close ? `did you mean --${close}?\n${USAGE}` : USAGE }], 2);
  }
}

async function main(argv: string[]): Promise<number> {
  applyHeapPolicy();
  handleSignals();
  const { positionals, values } = parse(argv);
  const [command = 'build'] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = { ...defaultPaths(), ...(values.content ? { content: resolve(values.content) } : {}) };
  switch (command) {
    case 'build': {
      const edition = values.edition ?? latestEdition(paths.content);
      const langs = values.lang === 'all' ? editionLanguages(paths.content, edition) : [values.lang];
      for (const l of langs) {
        if (!Language.safeParse(l).success) throw new BuildError([{ file: '', message: `unknown language "${l}"`, hint: `use one of: ${Language.options.join(', ')}, or all` }], 2);
      }
      if (values.profile !== 'screen' && values.profile !== 'print') throw new BuildError([{ file: '', message: `unknown profile "${values.profile}"`, hint: 'use --profile screen (default) or --profile print' }], 2);
      if (values.out && langs.length > 1) throw new BuildError([{ file: '', message: '--out names one folder, --lang all builds several', hint: 'build the languages one by one with --out, or leave --out out' }], 2);
      const [{ build }, { launchBrowser }] = await Promise.all([import('./build.js'), import('./print/browser.js')]);
      const report = consoleReporter();
      // One browser for every language of the run.
      const browser = langs.length > 1 && !values['html-only'] ? await launchBrowser(undefined, (m) => report.warn(m)) : undefined;
      try {
        for (const l of langs) {
          const started = Date.now();
          const result = await build({ paths, edition, lang: Language.parse(l), htmlOnly: values['html-only'], outDir: values.out ? resolve(values.out) : undefined, report, profile: values.profile, browser, cache: !values['no-cache'] });
          console.log(`built ${result.pdf ?? result.html} in ${((Date.now() - started) / 1000).toFixed(1)} s${result.pageCount ? `, ${result.pageCount} pages` : ''}`);
        }
      } finally {
        await browser?.close();
      }
      return 0;
    }
    case 'translations': {
      const edition = values.edition ?? latestEdition(paths.content);
      const lang = Language.parse(values.lang === 'lv' ? 'en' : values.lang);
      const [{ loadEdition }, { coverage, formatCoverage }, { markTranslations }] = await Promise.all([import('./load/edition.js'), import('./load/coverage.js'), import('./translations.js')]);
      const ids = values['mark-all'] ? 'all' : values.mark;
      if (ids) for (const f of markTranslations({ contentDir: paths.content, templatesDir: paths.templates, edition, lang, ids })) console.log(`marked up to date: ${relative(process.cwd(), f)}`);
      const e = loadEdition({ contentDir: paths.content, templatesDir: paths.templates, edition, lang, strict: false });
      console.log(formatCoverage(coverage(e), (f) => relative(process.cwd(), f)));
      const [{ lintEdition }, { formatTermbase }] = await Promise.all([import('./lint/edition.js'), import('./translations.js')]);
      console.log(formatTermbase(lintEdition(e).termbase, (f) => relative(process.cwd(), f)));
      return 0;
    }
    case 'proof': {
      const edition = values.edition ?? latestEdition(paths.content);
      const ids = positionals.slice(1);
      if (!ids.length && !values.all && !values.since) throw new BuildError([{ file: '', message: 'which proofs?', hint: 'npm run proof -- <id> [<id> …], or --all, or --since <git-rev>' }], 2);
      const { makeProofs } = await import('./proof/proof.js');
      const started = Date.now();
      const files = await makeProofs({ paths, edition, lang: Language.parse(values.lang), ids: values.all ? 'all' : ids, since: values.since, report: consoleReporter() });
      console.log(files.length ? `${files.length} proof(s) in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'no entry changed: no proofs to make');
      return 0;
    }
    case 'check': {
      const pdfPath = resolve(positionals[1] ?? join(paths.out, values.edition ?? latestEdition(paths.content), values.lang, 'report.pdf'));
      if (!existsSync(pdfPath)) throw new BuildError([{ file: pdfPath, message: 'no PDF to check', hint: 'build it first: npm run build' }]);
      const [{ readPdf }, { preflight, formatPreflight }, { preflightOptions }] = await Promise.all([import('./check/pdf-model.js'), import('./check/preflight.js'), import('./build.js')]);
      const result = preflight(await readPdf(new Uint8Array(readFileSync(pdfPath))), preflightOptions());
      console.log(`${pdfPath}\n${formatPreflight(result)}`);
      return result.findings.length ? 1 : 0;
    }
    case 'typography': {
      const pdfPath = resolve(positionals[1] ?? join(paths.out, values.edition ?? latestEdition(paths.content), values.lang, 'report.pdf'));
      if (!existsSync(pdfPath)) throw new BuildError([{ file: pdfPath, message: 'no PDF to measure', hint: 'build it first: npm run build' }]);
      const { measureTypography, formatTypography } = await import('./check/typography.js');
      console.log(`${pdfPath}\n${formatTypography(await measureTypography(pdfPath))}`);
      return 0;
    }
    case 'audit': {
      const edition = values.edition ?? latestEdition(paths.content);
      const lang = Language.parse(values.lang);
      const [{ loadEdition }, { auditEdition, formatAuditResult }] = await Promise.all([import('./load/edition.js'), import('./audit.js')]);
      const loaded = loadEdition({ contentDir: paths.content, templatesDir: paths.templates, edition, lang });
      const result = auditEdition(loaded);
      console.log(formatAuditResult(result));
      // Year over year: the entries whose figures moved most since the edition before, and those of one year only.
      const [{ Dataset }, { linkEdition, yearOverYear, formatYearOverYear }] = await Promise.all([import('./data/metrics.js'), import('./data/editions.js')]);
      const years = yearOverYear(linkEdition(new Dataset(loaded.manifest.entries, lang), paths.content, edition));
      if (years) console.log(`\n${formatYearOverYear(years)}`);
      // Differences are the audit's findings; one without an erratum (or a stale erratum) is an error.
      return result.figures.some((r) => !r.agrees && !r.reason) || result.sections.some((s) => !s.reason) || result.editorial.some((e) => !e.reason) || result.stale.length ? 1 : 0;
    }
    case 'preview': {
      const edition = values.edition ?? latestEdition(paths.content);
      if (!Language.safeParse(values.lang).success) throw new BuildError([{ file: '', message: `unknown language "${values.lang}"`, hint: `the preview shows one language: ${Language.options.join(', ')}` }], 2);
      const port = Number(values.port ?? 4173);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new BuildError([{ file: '', message: `--port ${values.port} is not a port number`, hint: 'use a number from 1 to 65535, e.g. --port 4174' }], 2);
      const { startPreview } = await import('./preview/server.js');
      await startPreview({ paths, edition, lang: Language.parse(values.lang), port });
      // Serves until Ctrl-C (lib/cleanup.ts closes the server and the watchers).
      return new Promise<number>(() => {});
    }
    case 'export': {
      const edition = positionals[1] ?? values.edition ?? latestEdition(paths.content);
      if (!values.to) throw new BuildError([{ file: '', message: 'export to which file?', hint: 'npm run export -- 2025 --to answers.xlsx (or .csv)' }], 2);
      const { exportEdition } = await import('./export/export.js');
      const lang = values.lang === 'en' ? 'en' : 'lv';
      const r = await exportEdition({ contentDir: paths.content, templatesDir: paths.templates, edition, lang, to: resolve(values.to) });
      console.log(`exported ${edition} (${lang}): ${r.rows} rows, ${r.columns} columns → ${values.to}`);
      return 0;
    }
    case 'new': {
      const edition = positionals[1] ?? values.edition;
      if (!edition || !/^\d{4}$/.test(edition)) throw new BuildError([{ file: '', message: 'which edition?', hint: 'npm run new -- 2026 --from answers.xlsx' }], 2);
      if (!values.from) throw new BuildError([{ file: '', message: 'from which answers?', hint: 'npm run new -- 2026 --from answers.xlsx (or .csv)' }], 2);
      const { newEdition, formatSummary } = await import('./import/new-edition.js');
      const result = await newEdition({ contentDir: paths.content, templatesDir: paths.templates, edition, from: resolve(values.from), partial: values.partial, replace: values.replace, columns: values.columns ? resolve(values.columns) : undefined });
      console.log(formatSummary(result, (f) => relative(process.cwd(), f)));
      return 0;
    }
    case 'confirm': {
      const edition = positionals[1] ?? values.edition ?? latestEdition(paths.content);
      const ids = positionals.slice(2);
      if (!ids.length && !values.all) throw new BuildError([{ file: '', message: 'confirm whose suggested codes?', hint: 'npm run confirm -- 2026 <id> [<id> …], or --all, after reading each against its answer' }], 2);
      const { confirmSuggested } = await import('./import/confirm.js');
      const done = confirmSuggested(join(paths.content, edition, 'manifest.yaml'), values.all ? 'all' : ids);
      for (const d of done) console.log(`confirmed: ${d}`);
      console.log(`${done.length} suggested code(s) moved into coding`);
      return 0;
    }
    default: {
      const close = nearest(command, ['build', 'check', 'typography', 'audit', 'translations', 'proof', 'preview', 'export', 'new', 'confirm']);
      throw new BuildError([{ file: '', message: `unknown command "${command}"`, hint: close ? `did you mean "${close}"?\n${USAGE}` : USAGE }], 2);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BuildError) {
      for (const d of err.diagnostics) console.error(formatDiagnostic(d));
      console.error(`\nbuild failed: ${err.diagnostics.length} problem(s)`);
      process.exit(err.exitCode);
    }
    // Not a problem of the content: say what failed in one line; the stack only with DEBUG=1.
    if (process.env.DEBUG) console.error(err);
    else console.error(`error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n  hint: this looks like a fault of the tool, not of the content; run again with DEBUG=1 for details`);
    process.exit(1);
  },
);
