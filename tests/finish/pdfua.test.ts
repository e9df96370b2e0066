/** The finish stage's artifact marking, on content streams written the way Chromium writes them. */
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../scripts/check/pdfua/content-stream.js';
import { artifactContent } from '../../scripts/finish/pdfua.js';

describe('artifacts: what Chromium paints outside its tags', () => {
  const page = [
    'q 1 0 0 1 0 0 cm',
    'BT /F6 12 Tf 1 0 0 -1 393 1072 Tm <008C> Tj ET', // a page number: untagged
    '/H1 <</MCID 0 >>BDC 0 6898 484 1 re f EMC', // tagged
    '.9 .9 .9 rg 0 6915 484 93 re f', // a background, between two tagged sequences
    '/P <</MCID 1 >>BDC BT /F8 20 Tf (Heading) Tj ET EMC',
    'Q',
  ].join('\n');

  it('wraps every untagged run, leaves tagged content alone, and the result scans clean', () => {
    const before = scanContent(page);
    expect([...before.untagged.values()].reduce((a, b) => a + b)).toBe(2);
    const { text, wrapped } = artifactContent(page);
    expect(wrapped).toBe(2);
    const after = scanContent(text);
    expect(after.untagged.size).toBe(0);
    expect(after.artifacts).toBe(2);
    expect(after.mcids).toEqual([0, 1]);
    expect(after.unbalanced).toBe(false);
    // The path is wrapped from its construction, never cut between "re" and "f".
    expect(text).toContain('/Artifact BMC\n0 6915 484 93 re f\nEMC');
    expect(text.replace(/\/Artifact BMC\n|\nEMC(?=\n|$)/g, '')).toBe(page.replace(/\nEMC/g, '\nEMC'));
  });

  it('inside a text object half tagged, marks each untagged show on its own', () => {
    const mixed = 'BT /F6 11 Tf <0011> Tj /NonStruct <</MCID 3 >>BDC <0024> Tj EMC <0020> Tj ET';
    const { text } = artifactContent(mixed);
    expect(text).toBe('BT /F6 11 Tf /Artifact BMC\n<0011> Tj\nEMC /NonStruct <</MCID 3 >>BDC <0024> Tj EMC /Artifact BMC\n<0020> Tj\nEMC ET');
    expect(scanContent(text).untagged.size).toBe(0);
  });

  it('strings with parentheses, escapes and delimiters do not confuse the reader', () => {
    const s = 'BT (a \\) b (c) [d] /e) Tj [(x) -20 (y\\()] TJ ET';
    expect(scanContent(s).untagged.get('Tj')).toBe(1);
    expect(scanContent(s).untagged.get('TJ')).toBe(1);
    expect(scanContent(artifactContent(s).text).untagged.size).toBe(0);
  });
});
