/** The content-stream reader shared by the PDF/UA check and the finish: tokens, operators, offsets. */
import { describe, expect, it } from 'vitest';
import { contextsOf, readOperations } from '../../scripts/check/pdfua/content-stream.js';

/** Every operation as an object, to compare whole. */
const parseOperations = (text: string) => {
  const ops = readOperations(text);
  return Array.from({ length: ops.length }, (_, k) => ({ operator: ops.operator(k), operands: ops.operands(k), start: ops.start(k), end: ops.end(k) }));
};

describe('readOperations', () => {
  it('tells numbers and keywords from operators, and keeps each operation’s offsets', () => {
    const text = '- .5 1.2.3 +3 -.7 true false null 1. x';
    const ops = parseOperations(text);
    // "-" and "1.2.3" are no numbers: they end operations of their own.
    expect(ops.map((o) => [o.operator, o.operands])).toEqual([
      ['-', []],
      ['1.2.3', ['.5']],
      ['x', ['+3', '-.7', 'true', 'false', 'null', '1.']],
    ]);
    expect(ops.map((o) => text.slice(o.start, o.end))).toEqual(['-', '.5 1.2.3', '+3 -.7 true false null 1. x']);
  });

  it('reads strings, hex strings, arrays, dictionaries, comments and inline images as operands', () => {
    const text = '%c\n/P <</MCID 4 /A (x >> y)>> BDC [(a\\)) -20 <00AB>] TJ (s (n) \\( ) Tj 1 2 BI /W 3 ID xy EI Q EMC';
    const ops = readOperations(text);
    expect(Array.from({ length: ops.length }, (_, k) => ops.operator(k))).toEqual(['BDC', 'TJ', 'Tj', 'BI', 'Q', 'EMC']);
    expect(ops.operands(0)).toEqual(['/P', '<</MCID 4 /A (x >> y)>>']);
    expect(ops.operands(1)).toEqual(['[(a\\)) -20 <00AB>]']);
    expect(ops.operand(2, 0)).toBe('(s (n) \\( )');
    expect(ops.operandCount(3)).toBe(0);
    expect(text.slice(ops.start(3), ops.end(3))).toBe('1 2 BI /W 3 ID xy EI');
    // Every operator's name is one string, however often it occurs.
    expect(ops.operator(0)).toBe('BDC');
  });

  it('gives each operation its marked-content context', () => {
    const ops = readOperations('/Artifact BMC 0 0 1 1 re f EMC /P <</MCID 2>> BDC BT (a) Tj ET EMC (b) Tj');
    const { mcid, artifact } = contextsOf(ops);
    const at = (op: string) => Array.from({ length: ops.length }, (_, k) => k).filter((k) => ops.operator(k) === op);
    expect(at('f').map((k) => [mcid[k], artifact[k]])).toEqual([[-1, 1]]);
    expect(at('Tj').map((k) => [mcid[k], artifact[k]])).toEqual([[2, 0], [-1, 0]]);
  });
});
