import { launchBrowser } from './print/browser.js';
import { layoutSettings } from './print/design.js';
import { startLayout } from './print/layout.js';
import { namedDestinations } from './check/pdf-model.js';
import { pathToFileURL } from 'node:url';
const html = process.argv[2]!;
const b = await launchBrowser();
const page = await b.newPage();
await page.setJavaScriptEnabled(false);
await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
await page.evaluate(() => document.fonts.ready.then(() => undefined));
const n = (await page.evaluate(startLayout({ ...layoutSettings, firstPage: 2, fillContents: false }))) as number;
const tails: Record<string, number> = {};
for (let k = 0; k < n; k++) {
  await page.evaluate((k: number) => (globalThis as any).__fnPlacer.step(k), k);
  const t = await page.evaluate(() => { const s = document.querySelector('.runon-spacer'); return s ? (s as HTMLElement).style.height : null; });
}
const cmp = await page.evaluate(() => {
  const flow = [...document.body.children].filter((el) => /^(SECTION|NAV)$/.test(el.tagName) && !el.matches('.cover, .back-cover')) as HTMLElement[];
  for (const f of flow) f.style.display = '';
  const o = document.body.getBoundingClientRect();
  const out: string[] = [];
  for (const s of document.querySelectorAll('.section--runon')) {
    const r = s.getClientRects()[0]!;
    const prev = s.previousElementSibling!; const pr = [...prev.getClientRects()].at(-1)!;
    out.push(`${s.id} predicted ${(s as HTMLElement).dataset.runonAt} actual prevBottom ${(pr.bottom - o.top).toFixed(2)} top ${(r.top - o.top).toFixed(2)}`);
  }
  const pitch = (128 + 82) * 96 / 25.4; const gap = 82 * 96 / 25.4;
  const firsts: Record<number, string> = {};
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode() as Text | null; n; n = w.nextNode() as Text | null) {
    if (!n.data.trim() || n.parentElement!.closest('.chart__data, svg, .page-notes, ol.footnotes')) continue;
    const r = document.createRange(); r.selectNodeContents(n);
    for (const x of r.getClientRects()) { if (!x.width) continue; const c = Math.floor((x.left - o.left + gap / 2) / pitch); if (!(c in firsts)) firsts[c] = n.data.trim().slice(0, 25) + ' @' + Math.round(x.top - o.top); }
  }
  for (const b of document.querySelectorAll('.page-notes')) { const rs = [...b.getClientRects()]; out.push('blk ' + b.closest('section')!.id + ' ' + [...b.querySelectorAll('li')].map((l) => l.id).join(',') + ' ' + rs.map((x) => Math.floor((x.left - o.left + gap / 2) / pitch) + ':' + Math.round(x.top - o.top) + '-' + Math.round(x.bottom - o.top)).join(' ') + ' pad ' + (b as HTMLElement).style.paddingTop); }
  out.push(...Object.entries(firsts).map(([c, t]) => `col ${c} (p ${+c + 2}): ${t}`));
  for (const f of flow) f.style.display = 'none';
  return out;
});
console.log(cmp.filter((x: string) => x.startsWith('blk')).slice(0, 14).join('\n'));
const res = JSON.parse(await page.evaluate(() => (globalThis as any).__fnPlacer.finish()) as string);
const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
const dests = await namedDestinations(pdf); (await import('node:fs')).writeFileSync('/tmp/dbg/out.pdf', pdf); console.log(JSON.stringify(res.notes.filter((x:any)=>x.n>=34 && x.n<=38)));
const mism: string[] = [];
for (const [id, p] of Object.entries(res.starts as Record<string, number>)) { const d = dests.get(id); if (d && d.page !== p) mism.push(`${id}: layout ${p} print ${d.page}`); }
console.log('runOns', res.runOns.length, 'pages', (await (await import('pdf-lib')).PDFDocument.load(pdf)).getPageCount());
console.log(mism.join('\n'));
for (const nt of res.notes) {}
await b.close();
