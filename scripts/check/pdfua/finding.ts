/** A PDF/UA failure: the check group, the clause of ISO 14289-1 (and Matterhorn checkpoint) it breaks, where. */
export interface UaFinding {
  check: 'metadata' | 'document' | 'language' | 'content' | 'structure' | 'figures' | 'links' | 'annotations' | 'headings' | 'tables' | 'fonts';
  /** e.g. "7.1 (Matterhorn 06-002)". */
  clause: string;
  message: string;
  page?: number;
  /** The structure element's place in the tree, e.g. "Document/NonStruct[3]/Figure[1]". */
  element?: string;
}
