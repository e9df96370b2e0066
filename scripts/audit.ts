/**
 * Audit of the printed figures: for every figure the printed edition stated (published.yaml),
 * the value computed from the manifest, whether they agree, and the erratum that explains a
 * disagreement (errata.yaml). Percentages agree when the computed one rounds to the printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from './data/expressions.js';
import { numberFormat } from './data/format.js';
import { Dataset } from './data/metrics.js';
import { BuildError, type Diagnostic } from './lib/diagnostics.js';
import type { Edition } from './load/edition.js';
import { Errata, PublishedFigures } from './validate/schema.js';
import { editorialChanges, type EditorialRow } from './audit/editorial.js';
import { textDifferences } from './audit/published-text.js';
import { parseYaml } from './validate/yaml.js';

export interface AuditRow {
  id: string;
  expression: string;
  printed: number;
  computed: number;
  agrees: boolean;
  reason?: string;
}

export interface SectionRow {
  id: string;
  published: string;
  content: string;
  reason?: string;
}

export interface AuditResult {
  figures: AuditRow[];
  /** Sections compared with the published text, and those that differ. */
  compared: number;
  sections: SectionRow[];
  /** What the report prints differently by design (labels, key figures, contacts), one erratum per kind. */
  editorial: (EditorialRow & { reason?: string })[];
  /** Errata that no longer explain anything: every figure and section they name agrees. */
  stale: { line: number; names: string[] }[];
}

/** Figures, texts and errata of an edition against its printed edition. */
export function auditEdition(edition: Edition): AuditResult {
  const figures = audit(edition);
  const errata = readErrata(edition);
  const publishedText = join(edition.dir, 'published.txt');
  const text = existsSync(publishedText) ? textDifferences(edition, readFileSync(publishedText, 'utf8')) : { compared: 0, differences: [] };
  const sections = text.differences.map((d) => ({ ...d, reason: errata.find((e) => e.sections.includes(d.id))?.reason }));
  const editorial = edition.lang === edition.sourceLang ? editorialChanges(edition).map((r) => ({ ...r, reason: errata.find((e) => e.editorial.includes(r.kind))?.reason })) : [];
  const differing = new Set<string>([...figures.filter((r) => !r.agrees).map((r) => r.id), ...sections.map((s) => s.id), ...editorial.map((r) => r.kind)]);
  const stale = errata.flatMap((e, i) => {
    const names = [...e.figures, ...e.sections, ...e.editorial];
    return names.some((id) => differing.has(id)) ? [] : [{ line: i + 1, names }];
  });
  return { figures, compared: text.compared, sections, editorial, stale };
}

function readErrata(edition: Edition): Errata {
  const errataFile = join(edition.dir, 'errata.yaml');
  return existsSync(errataFile) ? parseYaml(errataFile, readFileSync(errataFile, 'utf8'), Errata).value : [];
}

export function audit(edition: Edition): AuditRow[] {
  const publishedFile = join(edition.dir, 'published.yaml');
  const errataFile = join(edition.dir, 'errata.yaml');
  if (!existsSync(publishedFile)) return [];
  const doc = parseYaml(publishedFile, readFileSync(publishedFile, 'utf8'), PublishedFigures);
  const errata = existsSync(errataFile) ? parseYaml(errataFile, readFileSync(errataFile, 'utf8'), Errata).value : [];
  const data = new Dataset(edition.manifest.entries, edition.lang);
  const fmt = numberFormat(edition.messages);
  const list = { separator: edition.messages.listSeparator, last: edition.messages.listLastSeparator };
  const problems: Diagnostic[] = [];
  const ids = new Set(doc.value.map((f) => f.id));
  errata.forEach((e, i) =>
    e.figures.forEach((id) => {
      // (sections are checked against the manifest by their own ids)
      if (!ids.has(id)) problems.push({ file: errataFile, line: i + 1, message: `erratum names "${id}", which published.yaml does not have` });
    }),
  );
  const rows = doc.value.map((f, i) => {
    let computed = NaN;
    try {
      const v = evaluate(f.expression, data, fmt, list).value;
      computed = typeof v === 'number' ? v : NaN;
    } catch (err) {
      problems.push({ file: publishedFile, ...doc.locate([i, 'expression']), message: (err as Error).message, hint: (err as { hint?: string }).hint });
    }
    const percent = /^(share|mention-share)\b/.test(f.expression);
    const agrees = (percent ? Math.round(computed) : computed) === f.printed;
    const reason = errata.find((e) => e.figures.includes(f.id))?.reason;
    return { id: f.id, expression: f.expression, printed: f.printed, computed, agrees, reason };
  });
  if (problems.length) throw new BuildError(problems);
  return rows;
}

export function formatAuditResult(r: AuditResult): string {
  const lines = [formatAudit(r.figures), ''];
  lines.push(`${r.compared} sections compared with the published text: ${r.compared - r.sections.filter((s) => s.published !== '(no such section in the published text)').length} as published, ${r.sections.length} differ (${r.sections.filter((s) => !s.reason).length} without an erratum)`);
  for (const s of r.sections) {
    lines.push(`  ${s.id}: ${s.reason ? `erratum: ${s.reason}` : 'NO ERRATUM'}`, `    published: …${s.published}…`, `    content:   …${s.content}…`);
  }
  if (r.editorial.length) lines.push('', 'editorial changes against the published text (by design, one erratum each):');
  for (const e of r.editorial) {
    lines.push(`  ${e.kind}: ${e.summary}: ${e.reason ? `erratum: ${e.reason}` : 'NO ERRATUM'}`);
    for (const c of e.changes) lines.push(`    ${c}`);
  }
  for (const e of r.stale) lines.push(`stale erratum (errata.yaml, entry ${e.line}): ${e.names.join(', ')} now agree with the published edition; remove it`);
  return lines.join('\n');
}

export function formatAudit(rows: AuditRow[]): string {
  const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const w = Math.max(...rows.map((r) => r.id.length));
  const lines = [`${'figure'.padEnd(w)}  printed  computed  agree`];
  for (const r of rows) {
    lines.push(`${r.id.padEnd(w)}  ${num(r.printed).padStart(7)}  ${num(r.computed).padStart(8)}  ${r.agrees ? 'yes' : 'NO '}${!r.agrees ? `  ${r.reason ? `erratum: ${r.reason}` : 'NO ERRATUM'}` : ''}`);
  }
  const bad = rows.filter((r) => !r.agrees);
  lines.push('', `${rows.length} printed figures: ${rows.length - bad.length} agree, ${bad.length} differ (${bad.filter((r) => !r.reason).length} without an erratum)`);
  return lines.join('\n');
}
