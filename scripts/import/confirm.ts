/**
 * npm run confirm -- 2026 ID … | --all
 *
 * The editor's word on suggested codes: after reading each one against the answer, the codes
 * of the named entries move from `suggested:` into `coding:` (a code the editor rejected is
 * deleted from `suggested:` by hand first). Comments and the rest of the manifest stay as
 * they are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { BuildError } from '../lib/diagnostics.js';

export function confirmSuggested(manifestFile: string, ids: string[] | 'all'): string[] {
  const doc = parseDocument(readFileSync(manifestFile, 'utf8'));
  const entries = doc.get('entries', true);
  if (!isSeq(entries)) throw new BuildError([{ file: manifestFile, message: 'no entries' }]);
  const done: string[] = [];
  const known = new Set<string>();
  for (const node of entries.items) {
    if (!isMap(node)) continue;
    const id = String(node.get('id'));
    known.add(id);
    const suggested = node.get('suggested', true);
    if (!isMap(suggested) || (ids !== 'all' && !ids.includes(id))) continue;
    let coding = node.get('coding', true) as YAMLMap | undefined;
    if (!isMap(coding)) {
      coding = doc.createNode({}) as YAMLMap;
      node.set('coding', coding);
    }
    for (const pair of suggested.items) {
      const field = String((pair.key as { value?: unknown })?.value ?? pair.key);
      const value = pair.value;
      if (field === 'planning') {
        coding.set('planning', value);
        done.push(`${id}: planning`);
        continue;
      }
      let target: unknown = coding.get(field, true);
      if (!isMap(target)) {
        target = doc.createNode({});
        coding.set(field, target);
      }
      if (isMap(value)) for (const p of value.items) {
        (target as YAMLMap).set(p.key, p.value);
        done.push(`${id}: ${field}=${String((p.key as { value?: unknown })?.value ?? p.key)}`);
      }
    }
    node.delete('suggested');
  }
  if (ids !== 'all') for (const id of ids) if (!known.has(id)) throw new BuildError([{ file: manifestFile, message: `no entry "${id}"`, hint: 'name entries by their id (the section file name)' }], 2);
  writeFileSync(manifestFile, doc.toString({ lineWidth: 0 }));
  return done;
}
