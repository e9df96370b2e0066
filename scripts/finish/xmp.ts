/** XMP metadata packets (ISO 16684-1): the envelope, the namespaces the report uses, escaping. */
import { PDFName, type PDFDocument } from 'pdf-lib';

const NAMESPACES: Record<string, string> = {
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  xmpMM: 'http://ns.adobe.com/xap/1.0/mm/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  pdfuaid: 'http://www.aiim.org/pdfua/ns/id/',
  pdfxid: 'http://www.npes.org/pdfx/ns/id/',
};

export const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A packet with one description of the given properties (lines of XML), declaring the namespaces they use. */
export function xmpPacket(properties: string[]): string {
  const used = Object.keys(NAMESPACES).filter((p) => properties.some((l) => l.includes(`<${p}:`)));
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""${used.map((p) => `\n    xmlns:${p}="${NAMESPACES[p]}"`).join('')}>
${properties.map((l) => `   ${l}`).join('\n')}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** The packet as the catalog's /Metadata (uncompressed, as readers expect to find it). */
export function setXmp(doc: PDFDocument, packet: string): void {
  const stream = doc.context.stream(Buffer.from(packet, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
