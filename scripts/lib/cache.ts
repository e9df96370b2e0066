/**
 * The stage cache: one folder (out/.cache), one file per stage output, named by a hash of
 * everything the output depends on (its input, its options, the code of the stage; a stage's
 * key is made by scripts/lib/stage.ts). A correction to one municipality changes one key; a
 * template or style change changes only the keys that include them. Entries are written to a temporary file and renamed, so a killed
 * build never leaves a half-written entry; `--no-cache` reads nothing and writes afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CacheStats {
  hits: Record<string, number>;
  misses: Record<string, number>;
}

export class Cache {
  readonly stats: CacheStats = { hits: {}, misses: {} };

  /** `dir` undefined: a cache that remembers nothing (tests of single stages). */
  constructor(private readonly dir: string | undefined, private readonly read = true) {}

  /** A key from any number of parts (strings, or values turned into JSON). */
  static key(...parts: unknown[]): string {
    const h = createHash('sha256');
    for (const p of parts) h.update(typeof p === 'string' || p instanceof Uint8Array ? p : JSON.stringify(p)).update('\0');
    return h.digest('hex').slice(0, 32);
  }

  private file(stage: string, key: string, ext: string): string | undefined {
    return this.dir ? join(this.dir, stage, `${key}.${ext}`) : undefined;
  }

  private count(kind: 'hits' | 'misses', stage: string): void {
    this.stats[kind][stage] = (this.stats[kind][stage] ?? 0) + 1;
  }

  get(stage: string, key: string): Uint8Array | undefined {
    const f = this.file(stage, key, 'bin');
    if (f && this.read) {
      try {
        const bytes = readFileSync(f);
        this.count('hits', stage);
        return new Uint8Array(bytes);
      } catch {
        /* a miss */
      }
    }
    this.count('misses', stage);
    return undefined;
  }

  getJson<T>(stage: string, key: string): T | undefined {
    const bytes = this.get(stage, key);
    return bytes && (JSON.parse(Buffer.from(bytes).toString('utf8')) as T);
  }

  put(stage: string, key: string, value: Uint8Array | string): void {
    const f = this.file(stage, key, 'bin');
    if (!f) return;
    try {
      mkdirSync(dirname(f), { recursive: true });
      const tmp = `${f}.${process.pid}.tmp`;
      writeFileSync(tmp, value);
      renameSync(tmp, f);
    } catch {
      /* a cache that cannot be written is only slower */
    }
  }

  putJson(stage: string, key: string, value: unknown): void {
    this.put(stage, key, JSON.stringify(value));
  }

  /** Keeps the newest `keep` entries of a stage (whole-document entries are large). */
  prune(stage: string, keep: number): void {
    if (!this.dir) return;
    const folder = join(this.dir, stage);
    try {
      const files = readdirSync(folder).map((f) => ({ f, t: statSync(join(folder, f)).mtimeMs })).sort((a, b) => b.t - a.t);
      for (const { f } of files.slice(keep)) rmSync(join(folder, f), { force: true });
    } catch {
      /* nothing cached yet */
    }
  }
}
