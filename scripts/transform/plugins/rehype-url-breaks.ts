/**
 * A URL the report shows (a footnote's, or one in the text) is set for reading:
 *
 * - decoded: a percent-escape of a letter or digit is shown as the character
 *   ("strat%C4%93%C4%A3ija" → "stratēģija"); an escape of anything else (a space, "/", "%"), or
 *   bytes that are no UTF-8, stay as they are. The link's target (href) is never changed.
 * - broken only after "/", ".", "-" or "=": a <wbr> after each (none inside "https://"), and the
 *   one place Chromium would break a URL by itself, after "?", held together with the next
 *   character (<span class="url__nobr">). A segment with no break in it that is longer than the
 *   line is the one case left: the stylesheet lets such a word break anywhere as a last resort
 *   (overflow-wrap: break-word on a.url), so nothing runs into the margin.
 *
 * The link gets class="url". Runs after rehype-sanitize: the elements it adds are its own.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

const SHOWN_URL = /^(?:https?:\/\/|www\.)\S+$/i;
/** Characters a line may end with inside a URL. */
export const URL_BREAK_AFTER = '/.-=';
/** Characters after which Chromium breaks a line of its own accord (other than the four). */
const NATURAL_BREAK_AFTER = '?';

/** The characters a percent-escape is decoded to for display: letters, marks, digits, -._~ */
const DISPLAYED = /^[\p{L}\p{M}\p{N}\-._~]$/u;

/** The bytes a UTF-8 sequence has, by its first byte (0: not a first byte). */
const sequenceLength = (b: number) => (b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A URL as shown to a reader: the escapes of letters and digits decoded, the rest as it was. */
export function displayUrl(url: string): string {
  return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    const bytes = escapes.match(/%../g)!.map((e) => parseInt(e.slice(1), 16));
    let out = '';
    for (let k = 0; k < bytes.length; ) {
      const n = sequenceLength(bytes[k]!);
      let char: string | undefined;
      if (n && k + n <= bytes.length) {
        try {
          char = utf8.decode(new Uint8Array(bytes.slice(k, k + n)));
        } catch {
          char = undefined;
        }
      }
      if (char !== undefined && DISPLAYED.test(char)) {
        out += char;
        k += n;
      } else {
        out += `%${bytes[k]!.toString(16).toUpperCase().padStart(2, '0')}`;
        k += 1;
      }
    }
    return out;
  });
}

const wbr = (): Element => ({ type: 'element', tagName: 'wbr', properties: {}, children: [] });

/** The shown URL as text and <wbr>s: a break opportunity after each "/", ".", "-", "=". */
export function urlChildren(url: string): ElementContent[] {
  const shown = displayUrl(url);
  const scheme = /^[a-z]+:\/\//i.exec(shown)?.[0].length ?? 0;
  const out: ElementContent[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', value: text });
    text = '';
  };
  for (let k = 0; k < shown.length; k++) {
    const c = shown[k]!;
    const last = k === shown.length - 1;
    if (NATURAL_BREAK_AFTER.includes(c) && !last) {
      flush();
      out.push({ type: 'element', tagName: 'span', properties: { className: ['url__nobr'] }, children: [{ type: 'text', value: c + shown[k + 1]! }] });
      k++;
      continue;
    }
    text += c;
    if (k >= scheme && !last && URL_BREAK_AFTER.includes(c)) {
      flush();
      out.push(wbr());
    }
  }
  flush();
  return out;
}

const rehypeUrlBreaks: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a' || node.children.length !== 1 || node.children[0]!.type !== 'text') return;
    const text = node.children[0].value;
    if (!SHOWN_URL.test(text)) return;
    node.children = urlChildren(text);
    node.properties.className = [...((node.properties.className as string[] | undefined) ?? []), 'url'];
  });
};

export default rehypeUrlBreaks;
