import { describe, expect, it } from 'vitest';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { findBrowser } from '../../scripts/print/browser.js';

describe('findBrowser', () => {
  it('takes REPORT_BROWSER first', () => {
    expect(findBrowser({ REPORT_BROWSER: process.execPath }, [])).toBe(process.execPath);
  });

  it('refuses a variable that points nowhere, naming it', () => {
    expect(() => findBrowser({ REPORT_BROWSER: '/nope/chrome' }, [])).toThrow(/REPORT_BROWSER=\/nope\/chrome is not an executable/);
  });

  it('falls back to the system paths', () => {
    expect(findBrowser({}, ['/nope', process.execPath])).toBe(process.execPath);
  });

  it('says what to install when there is none', () => {
    try {
      findBrowser({}, ['/nope/chromium']);
      expect.unreachable();
    } catch (err) {
      const d = (err as BuildError).diagnostics[0]!;
      expect(d.message).toMatch(/no Chromium/);
      expect(d.hint).toContain('apt-get install -y chromium');
      expect(d.hint).toContain('REPORT_BROWSER');
      expect((err as BuildError).exitCode).toBe(2);
    }
  });
});
