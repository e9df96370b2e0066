import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2]!)), disableFontFace: true, verbosity: 0 }).promise;
const page = await doc.getPage(Number(process.argv[3]));
const c = await page.getTextContent();
for (const it of c.items.slice(10, 40) as any[]) console.log(JSON.stringify(it.str), it.transform[4].toFixed(1), it.transform[5].toFixed(1), it.width.toFixed(1), it.fontName);
