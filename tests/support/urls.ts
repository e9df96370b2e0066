/**
 * URLs as the PDF prints them, read by the tests on their own: the report shows the escape
 * of a letter or digit as the character (%C4%93 as "ē") and breaks a URL only after / . - =.
 */

/** Characters a printed line may end with inside a URL. */
export const URL_LINE_ENDS = '/.-=';

/** The URL as printed: each escaped UTF-8 character that is a letter, mark, digit or -._~ decoded. */
export function shownUrl(url: string): string {
  return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let out = '';
    for (let i = 0; i < run.length; ) {
      let char: string | undefined;
      let bytes = 1;
      for (; bytes <= 4 && char === undefined && i + 3 * bytes <= run.length; bytes++) {
        try {
          char = decodeURIComponent(run.slice(i, i + 3 * bytes));
        } catch {
          // not (yet) a whole UTF-8 character
        }
      }
      if (char !== undefined && /^[\p{L}\p{M}\p{N}._~-]$/u.test(char)) {
        out += char;
        i += 3 * (bytes - 1);
      } else {
        out += run.slice(i, i + 3);
        i += 3;
      }
    }
    return out;
  });
}

/** "%XX" escapes of the text that decode to a letter or a digit (the report should show those decoded). */
export const lettersLeftEscaped = (text: string) => [...text.matchAll(/(?:%[0-9A-Fa-f]{2})+/g)].map((m) => m[0]).filter((run) => shownUrl(run) !== run);

/**
 * Where the lines of printed text break inside `printed` (a text the lines hold, whitespace
 * ignored): the offsets in `printed` at which a line ends before its end. Null when the lines do
 * not hold it.
 */
export function lineBreaksIn(lines: string[], printed: string): number[] | null {
  const squashed = lines.map((l) => l.replace(/\s+/g, ''));
  const all = squashed.join('');
  const at = all.indexOf(printed.replace(/\s+/g, ''));
  if (at < 0) return null;
  const breaks: number[] = [];
  let end = 0;
  for (const line of squashed) {
    end += line.length;
    if (end > at && end < at + printed.length) breaks.push(end - at);
  }
  return breaks;
}
