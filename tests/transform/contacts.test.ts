/**
 * The contact block as data (scripts/transform/contacts.ts): the shapes the 2025 sources type,
 * and every real block of both editions read into fields with nothing that looks like a label
 * left as a name or a role.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPhone, parseContacts } from '../../scripts/transform/contacts.js';
import { ROOT } from '../support/paths.js';

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
const kinds = (text: string) => parseContacts(lines(text)).groups.flatMap((g) => g.lines.map((l) => `${l.kind}:${l.value}`));

describe('contact fields', () => {
  it('reads every label variant the sources type, with or without its colon', () => {
    expect(kinds('Koordinatora kontakti:\nRolands Rastaks\nIzglītības nodaļas vadītājs\nE:pasts: r@valka.lv\nTelefona nr. +37125779961')).toEqual([
      'name:Rolands Rastaks',
      'role:Izglītības nodaļas vadītājs',
      'email:r@valka.lv',
      'phone:+371 25 779 961',
    ]);
    expect(kinds('e-pasts: a@b.lv\nTelefona Nr.: +371 26484881\nTālrunis: 29444707\nTelefona nr.:+371 26320623\nMājas lapa: www.x.lv')).toEqual([
      'email:a@b.lv',
      'phone:+371 26 484 881',
      'phone:+371 29 444 707',
      'phone:+371 26 320 623',
      'web:www.x.lv',
    ]);
    expect(kinds('E-mail: a@b.lv\nPhone: 65620020\nWebsite: https://x.lv/')).toEqual(['email:a@b.lv', 'phone:+371 65 620 020', 'web:https://x.lv/']);
  });

  it('keeps a second address under the first, and a second person apart', () => {
    expect(kinds('Kontakti:\nA Bērziņa un I Jakovele\nE-pasts: a@x.lv\ni@x.lv')).toEqual(['name:A Bērziņa un I Jakovele', 'email:a@x.lv', 'email:i@x.lv']);
    expect(kinds('Kontakti:\nAgnese Lejniece\nE-pasts: a@x.lv\nSolvita Vītola\nE-pasts: s@x.lv')).toEqual(['name:Agnese Lejniece', 'email:a@x.lv', 'name:Solvita Vītola', 'email:s@x.lv']);
  });

  it('names the headings it knows and keeps the others as typed', () => {
    const g = parseContacts(lines('Pieaugušo izglītības koordinātoru kontakti:\nX Y\nSagatavoja:\nZ W\nTurpmākai saziņai:\nQ R')).groups;
    expect(g.map((x) => x.heading?.kind)).toEqual(['coordinator', 'preparedBy', 'other']);
    expect(g[2]!.heading!.text).toBe('Turpmākai saziņai');
  });

  it('sets sentences before the first heading apart as prose, with their lines', () => {
    const b = parseContacts(lines('Paldies aktīvajiem un radošajiem koordinatoriem Kurzemē!\n\nKoordinatora kontakti:\nAgnese Lāce'));
    expect(b.prose).toEqual([{ text: 'Paldies aktīvajiem un radošajiem koordinatoriem Kurzemē!', line: 1 }]);
    expect(b.groups[0]!.lines.map((l) => l.value)).toEqual(['Agnese Lāce']);
  });

  it('leaves a number that is no phone number as typed', () => {
    expect(formatPhone('12')).toBe('12');
  });
});

describe('every contact block of the 2025 sources', () => {
  const LABEL_LIKE = /(pasts|e-?mail|tālr|telefon|phone|mājas ?lapa|website)\s*:?/i;
  const files = ['lv', 'en'].flatMap((lang) => readdirSync(join(ROOT, 'content', '2025', lang, 'sections')).map((f) => join(ROOT, 'content', '2025', lang, 'sections', f)));

  it.each(files.map((f) => [f.split('/content/')[1]!, f] as const))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    const rule = /^-{3,}[ \t]*$/m.exec(text);
    if (!rule) return;
    const block = text.slice(rule.index + rule[0].length).split('\n').filter((l) => !/^\[\^/.test(l)).map((l) => l.replace(/\\$/, '').replace(/\*\*|<|>/g, ''));
    const parsed = parseContacts(block.map((t, i) => ({ text: t, line: i + 1 })));
    const all = parsed.groups.flatMap((g) => g.lines);
    // Nothing that looks like a label stays a name, a role or a note; every phone is in the one format.
    expect(all.filter((l) => ['name', 'role', 'note'].includes(l.kind) && LABEL_LIKE.test(l.value))).toEqual([]);
    expect(all.filter((l) => l.kind === 'phone' && !/^\+371 \d{2} \d{3} \d{3}$/.test(l.value))).toEqual([]);
    expect(all.filter((l) => l.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(l.value))).toEqual([]);
    // Every line of the block is read: into a group (heading or line) or as prose.
    const read = parsed.groups.reduce((n, g) => n + g.lines.length + (g.heading ? 1 : 0), 0) + parsed.prose.length;
    expect(read).toBe(block.filter((l) => l.trim()).length);
  });
});
