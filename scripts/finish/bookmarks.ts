/**
 * The report's bookmarks as data (the outline the finish writes, scripts/finish/pdf.ts) and what
 * a link says from them. Apart from the finish so that the build reads them without loading
 * pdf-lib and the PDF/UA finishing at start-up (~0.3 s of a CLI build's, before the first stage):
 * those load while the browser loads the report.
 */
export interface Bookmark {
  title: string;
  /** Named destination (an element id the contents links to). */
  dest: string;
  children?: Bookmark[];
}

/** What a link says where it leads (/Contents), from the bookmarks: a part's or a group's title by its destination. */
export function bookmarkLabels(bookmarks: Bookmark[]): (dest: string) => string | undefined {
  const titles = new Map<string, string>();
  const collect = (items: Bookmark[]): void =>
    items.forEach((b) => {
      collect(b.children ?? []); // a group's first entry is named by itself, not by the group
      if (!titles.has(b.dest)) titles.set(b.dest, b.title);
    });
  collect(bookmarks);
  return (dest) => titles.get(dest);
}
