/**
 * Markdown the templates cannot print is an error at its line, never silently mangled:
 * images (the design has no place for them, and a path could reach any file on the disk),
 * headings in a section (its title comes from the manifest) or a level-1 heading in a chapter
 * (its title comes from texts.yaml), levels below 3, tables in a section, and code blocks other
 * than ```chart.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

export interface Options {
  /** A municipality or region section (true) or a chapter (false). */
  section: boolean;
}

const remarkSupported: Plugin<[Options], Root> = ({ section }) => (tree, file) => {
  const fail = (message: string, node: { position?: import('unist').Position }, hint: string) => {
    const m = file.message(message, node.position);
    m.fatal = true;
    m.note = hint;
  };
  visit(tree, (node) => {
    switch (node.type) {
      case 'image':
      case 'imageReference':
        fail('an image cannot be printed here', node, 'the report has no images in its text; remove it (logos are the edition\'s assets, charts are ```chart blocks)');
        break;
      case 'definition':
        break;
      case 'heading': {
        const depth = (node as { depth: number }).depth;
        if (section) fail(`a heading (level ${depth}) in a section`, node, 'a section\'s title comes from the manifest; write fields as "- **Label:** value"');
        else if (depth === 1) fail('a level-1 heading in a chapter', node, 'the chapter\'s title comes from texts.yaml; use ## for its sub-headings');
        else if (depth > 3) fail(`a level-${depth} heading`, node, 'chapters use ## and ### only');
        break;
      }
      case 'table':
        if (section) fail('a table in a section', node, 'sections are lists of fields; tables are for chapters (e.g. the abbreviations)');
        break;
      case 'code': {
        const lang = (node as { lang?: string | null }).lang;
        if (lang !== 'chart') fail(`a code block${lang ? ` ("${lang}")` : ''} cannot be printed`, node, 'the only fenced block is ```chart with a chart id; indent less than 4 spaces for normal text');
        break;
      }
    }
  });
};

export default remarkSupported;
