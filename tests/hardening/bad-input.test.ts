/**
 * Bad input, one case each: the build stops with a message that names the file and line,
 * says what is wrong and what would be right, and leaves out/ byte for byte as it was.
 * Each case corrects a fresh copy of the fixture edition as an editor would (badly).
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths, type Paths } from '../../scripts/config.js';
import { BuildError, formatDiagnostic, type Diagnostic } from '../../scripts/lib/diagnostics.js';
import { MINI_CONTENT } from '../support/paths.js';
import { snapshotTree } from '../support/tree.js';

const base = mkdtempSync(join(tmpdir(), 'bad-input-'));
const out = join(base, 'out');
const project = defaultPaths();

beforeAll(async () => {
  // The last good output every bad build must leave alone.
  await build({ paths: { ...project, content: MINI_CONTENT }, edition: '2099', lang: 'lv', htmlOnly: true, outDir: out });
});

interface Fixture {
  content: string;
  templates: string;
  ed: string;
  file(rel: string): string;
  edit(rel: string, from: string | RegExp, to: string): void;
}

let n = 0;
function fixture(): Fixture {
  const dir = join(base, `case-${++n}`);
  const content = join(dir, 'content');
  const templates = join(dir, 'templates');
  cpSync(MINI_CONTENT, content, { recursive: true });
  cpSync(project.templates, templates, { recursive: true });
  const ed = join(content, '2099');
  const file = (rel: string) => (rel.startsWith('templates/') ? join(dir, rel) : join(ed, rel));
  return {
    content,
    templates,
    ed,
    file,
    edit(rel, from, to) {
      const f = file(rel);
      const text = readFileSync(f, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`fixture edit found nothing to replace in ${rel}: ${String(from)}`);
      writeFileSync(f, next);
    },
  };
}

/** Runs the build on the fixture; returns the diagnostics it stopped with (and checks out/). */
async function failingBuild(fx: Fixture): Promise<Diagnostic[]> {
  const before = snapshotTree(out);
  const paths: Paths = { ...project, content: fx.content, templates: fx.templates };
  let error: unknown;
  try {
    await build({ paths, edition: '2099', lang: 'lv', htmlOnly: true, outDir: out });
  } catch (err) {
    error = err;
  }
  expect(error, 'the build should have failed').toBeInstanceOf(BuildError);
  expect(snapshotTree(out), 'out/ must be byte-identical after a failed build').toEqual(before);
  return (error as BuildError).diagnostics;
}

/** Expects one diagnostic at `file` (and `line`, if given) whose message matches. */
function expectProblem(diagnostics: Diagnostic[], file: string, message: RegExp, line?: number, hint?: RegExp): Diagnostic {
  const found = diagnostics.find((d) => d.file === file && message.test(d.message));
  expect(found, `no problem /${message.source}/ in ${file}; got:\n${diagnostics.map((d) => formatDiagnostic(d, '/', false)).join('\n')}`).toBeDefined();
  if (line !== undefined) expect(found!.line, `line of: ${found!.message}`).toBe(line);
  if (hint) expect(found!.hint ?? '').toMatch(hint);
  return found!;
}

const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('bad YAML', () => {
  it('unparsable YAML: the line of the syntax error', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '    kind: valstspilseta', '    kind: [valstspilseta');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /YAML syntax/);
  });

  it('an alias bomb is refused, not expanded', async () => {
    const fx = fixture();
    appendFileSync(fx.file('lv/texts.yaml'), 'x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n');
    const d = expectProblem(await failingBuild(fx), fx.file('lv/texts.yaml'), /YAML (anchor|alias)/, undefined, /no anchors/);
    expect(d.line).toBeGreaterThan(1);
  });

  it('a custom tag is refused at its line', async () => {
    const fx = fixture();
    fx.edit('lv/texts.yaml', /^author: .*$/m, 'author: !!js/function "function () { return 1 }"');
    expectProblem(await failingBuild(fx), fx.file('lv/texts.yaml'), /YAML tag .* is not allowed/, lineOf(fx.file('lv/texts.yaml'), 'author:'));
  });

  it('an unknown field names the nearest known one', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '    region: kurzeme', '    regoin: kurzeme');
    const d = await failingBuild(fx);
    expectProblem(d, fx.file('manifest.yaml'), /unknown field "regoin"/, lineOf(fx.file('manifest.yaml'), 'regoin:'), /did you mean "region"/);
  });

  it('a missing required field', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '    kind: valstspilseta\n', '');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /entries\.1\.kind: missing required field/);
  });

  it('a wrong type', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', 'year: 2099', 'year: "twenty ninety-nine"');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /edition\.year: .*expected number/, lineOf(fx.file('manifest.yaml'), 'year:'));
  });

  it('a negative count', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', 'permits: { value: 30,', 'permits: { value: -30,');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /permits\.value/, lineOf(fx.file('manifest.yaml'), 'value: -30'), /whole number/);
  });

  it('a fractional count', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', 'permits: { value: 30,', 'permits: { value: 30.5,');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /permits\.value/, lineOf(fx.file('manifest.yaml'), 'value: 30.5'), /whole number/);
  });

  it('an unknown region lists the known ones', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '    region: kurzeme', '    region: Courland');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /region/, lineOf(fx.file('manifest.yaml'), 'Courland'), /"kurzeme"/);
  });

  it('an unknown kind lists the known ones', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '    kind: valstspilseta', '    kind: city');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /kind/, lineOf(fx.file('manifest.yaml'), 'kind: city'), /"valstspilseta"/);
  });

  it('a duplicate id', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '  - id: betas-valstspilseta', '  - id: alfa-novads');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /duplicate id "alfa-novads"/);
  });

  it('an id the layout uses itself', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '  - id: betas-valstspilseta', '  - id: contents');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /"contents" is an id the layout uses/, lineOf(fx.file('manifest.yaml'), 'id: contents'));
  });

  it('an unknown coding key', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', 'activities: { permits:', 'activities: { flying:');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /activities/, lineOf(fx.file('manifest.yaml'), 'flying:'));
  });

  it('texts.yaml with a wrong value', async () => {
    const fx = fixture();
    fx.edit('lv/texts.yaml', /^documentTitle: .*$/m, 'documentTitle: [a, b]');
    expectProblem(await failingBuild(fx), fx.file('lv/texts.yaml'), /documentTitle/, 1);
  });
});

describe('files and the manifest', () => {
  it('a manifest entry without its Markdown file', async () => {
    const fx = fixture();
    unlinkSync(fx.file('lv/sections/betas-valstspilseta.md'));
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /"betas-valstspilseta" has no source file/, lineOf(fx.file('manifest.yaml'), 'id: betas-valstspilseta'));
  });

  it('a Markdown file without a manifest entry', async () => {
    const fx = fixture();
    writeFileSync(fx.file('lv/sections/alfa-novds.md'), '- **Mērķa grupas:** visi\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novds.md'), /not in the manifest/, undefined, /"alfa-novads\.md"/);
  });

  it('a file that is not valid UTF-8: line and column of the first bad byte', async () => {
    const fx = fixture();
    const f = fx.file('lv/sections/alfa-novads.md');
    const lines = readFileSync(f, 'utf8').split('\n');
    const bytes = Buffer.concat([Buffer.from(`${lines.slice(0, 2).join('\n')}\nAbc `, 'utf8'), Buffer.from([0xe9]), Buffer.from(`\n${lines.slice(3).join('\n')}`, 'utf8')]);
    writeFileSync(f, bytes);
    const d = expectProblem(await failingBuild(fx), f, /not valid UTF-8: byte 0xe9 at line 3, column 5/, 3);
    expect(d.column).toBe(5);
  });

  it('an empty section', async () => {
    const fx = fixture();
    writeFileSync(fx.file('lv/sections/alfa-novads.md'), '');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /section "alfa-novads" is empty/);
  });

  it('a whitespace-only section', async () => {
    const fx = fixture();
    writeFileSync(fx.file('lv/sections/alfa-novads.md'), '  \n\n\t\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /is empty/);
  });

  it('a file over the size limit says the limit', async () => {
    const fx = fixture();
    writeFileSync(fx.file('lv/sections/alfa-novads.md'), `- **Mērķa grupas:** ${'vārds '.repeat(60_000)}\n`);
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /over the limit of 256 KB/);
  });

  it('a section that is a symbolic link out of content/ is refused', async () => {
    const fx = fixture();
    const f = fx.file('lv/sections/alfa-novads.md');
    unlinkSync(f);
    symlinkSync('/etc/passwd', f);
    expectProblem(await failingBuild(fx), f, /symbolic link to \/etc\/passwd, outside the content folder/);
  });

  it('a missing logo names the file and the template that needs it', async () => {
    const fx = fixture();
    unlinkSync(fx.file('assets/eu-emblem.svg'));
    expectProblem(await failingBuild(fx), join(fx.templates, 'marks.hbs'), /assets\/eu-emblem\.svg, which the edition does not have/, lineOf(join(fx.templates, 'marks.hbs'), 'eu-emblem.svg'));
  });

  it('a figure corrected in the section but not in the manifest names both places', async () => {
    const fx = fixture();
    fx.edit('lv/sections/betas-valstspilseta.md', 'atļauju skaits pašvaldībā:** 30', 'atļauju skaits pašvaldībā:** 32');
    const d = expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /betas-valstspilseta: the number of permits quotes ".*: 30", which .*betas-valstspilseta\.md does not contain/);
    expect(d.line).toBe(lineOf(fx.file('manifest.yaml'), 'pašvaldībā: 30"'));
  });

  it('a figure changed in the manifest but not in its quote', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', 'permits: { value: 30,', 'permits: { value: 31,');
    expectProblem(await failingBuild(fx), fx.file('manifest.yaml'), /the number of permits is 31, but the quoted phrase .* states 30/);
  });

  it('all problems of a run are reported together', async () => {
    const fx = fixture();
    fx.edit('manifest.yaml', '    region: kurzeme', '    region: Courland');
    fx.edit('lv/texts.yaml', /^documentTitle: .*$/m, 'documentTitle: [a]');
    const d = await failingBuild(fx);
    expectProblem(d, fx.file('manifest.yaml'), /region/);
    expectProblem(d, fx.file('lv/texts.yaml'), /documentTitle/);
  });
});

describe('Markdown', () => {
  it('a footnote referenced and never defined', async () => {
    const fx = fixture();
    fx.edit('lv/sections/alfa-novads.md', 'programma.[^2]', 'programma.[^9]');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /\[\^9\] is referenced but never defined/, 4, /\[\^9\]: <https/);
  });

  it('a footnote defined and never referenced', async () => {
    const fx = fixture();
    appendFileSync(fx.file('lv/sections/alfa-novads.md'), '[^3]: <https://example.lv/lieka>\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /\[\^3\] is defined but never referenced/, lineOf(fx.file('lv/sections/alfa-novads.md'), '[^3]:'));
  });

  it('a footnote defined twice', async () => {
    const fx = fixture();
    appendFileSync(fx.file('lv/sections/alfa-novads.md'), '[^2]: <https://example.lv/otra>\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /\[\^2\] is defined twice/, lineOf(fx.file('lv/sections/alfa-novads.md'), 'otra'));
  });

  it('an unknown expression', async () => {
    const fx = fixture();
    fx.edit('lv/chapters/analysis.md', '{{sum permits', '{{cuont permits');
    expectProblem(await failingBuild(fx), fx.file('lv/chapters/analysis.md'), /unknown name "cuont"/, lineOf(fx.file('lv/chapters/analysis.md'), 'cuont'));
  });

  it('an unknown chart', async () => {
    const fx = fixture();
    fx.edit('lv/chapters/analysis.md', 'permits-top\n', 'permit-top\n');
    expectProblem(await failingBuild(fx), fx.file('lv/chapters/analysis.md'), /unknown chart "permit-top"/, lineOf(fx.file('lv/chapters/analysis.md'), 'permit-top') - 1);
  });

  it('a field label that is no field of the questionnaire names the nearest', async () => {
    const fx = fixture();
    fx.edit('lv/sections/alfa-novads.md', '**Darbības virzieni pieaugušo izglītībā:**', '**Darbības virzeni pieaugušo izglītībā:**');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /"Darbības virzeni pieaugušo izglītībā" is not a field of the questionnaire/, 5, /nearest field is "Darbības virzieni pieaugušo izglītībā" \(activities\)/);
  });

  it('a heading in a section', async () => {
    const fx = fixture();
    fx.edit('lv/sections/alfa-novads.md', /^/, '## Alfa\n\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /a heading \(level 2\) in a section/, 1);
  });

  it('a level-1 heading in a chapter', async () => {
    const fx = fixture();
    fx.edit('lv/chapters/analysis.md', '## Atļaujas', '# Atļaujas');
    expectProblem(await failingBuild(fx), fx.file('lv/chapters/analysis.md'), /level-1 heading in a chapter/, 1);
  });

  it('a table in a section', async () => {
    const fx = fixture();
    appendFileSync(fx.file('lv/sections/betas-valstspilseta.md'), '\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/betas-valstspilseta.md'), /a table in a section/);
  });

  it('an image in a section', async () => {
    const fx = fixture();
    fx.edit('lv/sections/alfa-novads.md', 'biedrības, Alfas tehnikums.', 'biedrības, Alfas tehnikums ![x](../../../../usr/share/pixmaps/debian-logo.png)');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /an image cannot be printed here/, lineOf(fx.file('lv/sections/alfa-novads.md'), 'pixmaps'));
  });

  it('a code block in a section', async () => {
    const fx = fixture();
    appendFileSync(fx.file('lv/sections/betas-valstspilseta.md'), '\n```js\nalert(1)\n```\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/betas-valstspilseta.md'), /code block \("js"\)/);
  });

  it('front matter with an unknown key', async () => {
    const fx = fixture();
    fx.edit('lv/sections/alfa-novads.md', /^/, '---\ntitle: Alfa\n---\n');
    expectProblem(await failingBuild(fx), fx.file('lv/sections/alfa-novads.md'), /unknown field "title"/, 2);
  });
});

describe('templates', () => {
  it('a missing partial', async () => {
    const fx = fixture();
    fx.edit('templates/layout.hbs', '{{> contents}}', '{{> contnets}}');
    expectProblem(await failingBuild(fx), join(fx.templates, 'layout.hbs'), /missing partial "\{\{> contnets\}\}"/, lineOf(join(fx.templates, 'layout.hbs'), 'contnets'), /did you mean "contents"/);
  });

  it('a missing helper', async () => {
    const fx = fixture();
    fx.edit('templates/chapter.hbs', '{{upper title}}', '{{uper title}}');
    expectProblem(await failingBuild(fx), join(fx.templates, 'chapter.hbs'), /missing helper "uper"/, 2, /did you mean "upper"/);
  });

  it('a message key no language file has names the key and the language', async () => {
    const fx = fixture();
    fx.edit('templates/contents.hbs', '{{upper messages.contents}}', '{{upper messages.contentz}}');
    expectProblem(await failingBuild(fx), join(fx.templates, 'contents.hbs'), /message "contentz", which templates\/messages\/lv\.yaml does not define \(language "lv"\)/, 2, /did you mean "contents"/);
  });
});
