/*
 * The live preview's page script: served by scripts/preview/server.ts and injected into the
 * HTML response before </body>, never into the built report.html. Plain browser JavaScript.
 *
 * - Listens to /__events. On a new build it fetches the page again and replaces the body's
 *   content in place, keeping the scroll position; if that fails, location.reload().
 * - A build with problems: an overlay lists each (message, file:line, the line, hint) over the
 *   last good draft; the next good build removes it.
 * - A fixed banner marks the draft. Its button switches between the scrolling view and a paged
 *   view that breaks pages as the PDF will: the print stage's own footnote placer, then its
 *   layout of CSS columns of exactly one page's content box each, page frames drawn behind.
 * - A click on a paragraph, list item or heading shows its source file and line, with a
 *   vscode:// link.
 *
 * The interface lives in a shadow root outside <body>: the report's stylesheet does not reach
 * it, and it takes no part in the report's layout. All text from the server is set as text.
 */
(function preview() {
  'use strict';
  const configElement = document.getElementById('__preview-config');
  let config = JSON.parse(configElement.textContent);
  configElement.remove();
  for (const s of document.querySelectorAll('script[src="/__preview/client.js"]')) s.remove();

  const BANNER = 30; // px
  const GUTTER = 16; // px around the pages of the paged view
  const mm = 96 / 25.4;
  const width = config.contentBox.widthMm * mm;
  const height = config.contentBox.heightMm * mm;
  const gap = (config.page.margin.left + config.page.margin.right) * mm;
  const pitch = width + gap;

  let version = config.version;
  let bodyHtml = document.body.innerHTML;
  let paged = sessionStorage.getItem('preview.paged') === '1';

  // ---------- the report's layout: scrolling or paged ----------

  const style = document.createElement('style');
  style.id = '__preview-style';
  // The paged rules: the page's column geometry, as the footnote placer sets it
  // (scripts/print/layout/), plus the body's offset inside the first page frame;
  // the forced breaks as column breaks are report.css's, shared with the placer.
  style.textContent = `
    html.pv-scroll { scroll-padding-top: ${BANNER}px; }
    html.pv-scroll body { padding-top: ${BANNER}px; }
    html.pv-paged { background: #cfd3da; scroll-padding: ${BANNER + GUTTER}px 0 0 ${GUTTER}px; }
    html.pv-paged body { margin: ${BANNER + GUTTER + config.page.margin.top * mm}px 0 ${GUTTER}px ${GUTTER + config.page.margin.left * mm}px;
      padding: 0; background: none; width: ${width}px; height: ${height}px;
      column-width: ${width}px; column-gap: ${gap}px; column-fill: auto; }
    #__preview-pages { position: absolute; left: ${GUTTER}px; top: ${BANNER + GUTTER}px; z-index: -1; display: flex; pointer-events: none; }
    #__preview-pages > div { flex: none; position: relative; width: ${config.page.widthMm * mm}px; height: ${config.page.heightMm * mm}px;
      background: #fff; box-shadow: inset -1px 0 0 #aab1bc; }
    #__preview-pages > div::after { content: attr(data-page); position: absolute; bottom: 8mm; left: 0; right: 0; text-align: center;
      font: 600 9pt/1 sans-serif; color: #9aa3af; }`;
  document.head.append(style);

  let placer;
  const loadPlacer = () =>
    (placer ??= new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/__preview/footnotes.js';
      s.onload = resolve;
      s.onerror = () => reject(new Error('footnote placer not loaded'));
      document.head.append(s);
    }));

  /** The print stage's footnote placement, in this page; on failure the notes stay at the parts' ends. */
  function placeNotes() {
    try {
      // The placer sets up, then lays the parts out one by one (as the print stage drives it).
      const total = window.__previewPlaceFootnotes({ ...config.placer, firstPage: 2 });
      for (let k = 0; k < total; k++) window.__fnPlacer.step(k);
      window.__fnPlacer.finish();
    } catch (err) {
      console.warn('preview: footnotes not placed', err);
      document.documentElement.classList.remove('fn-paginate');
      document.body.innerHTML = bodyHtml;
    }
  }

  /** Page frames behind the columns, numbered as the PDF (page 1 is the cover). */
  function drawPages() {
    const range = document.createRange();
    range.selectNodeContents(document.body);
    const right = range.getBoundingClientRect().right - document.body.getBoundingClientRect().left;
    const count = Math.max(1, Math.floor((right - 1) / pitch) + 1);
    const frames = document.createElement('div');
    frames.id = '__preview-pages';
    for (let i = 0; i < count; i++) {
      const page = document.createElement('div');
      page.dataset.page = String(i + 2);
      frames.append(page);
    }
    document.documentElement.append(frames);
  }

  /**
   * The contents' page numbers, as the print's second pass writes them: the page of each part's
   * first line. The contents page ends with a column break, so the numbers move nothing after it.
   */
  function fillContents() {
    const left = document.body.getBoundingClientRect().left;
    for (const span of document.querySelectorAll('[data-toc-page]')) {
      const rect = document.getElementById(span.getAttribute('data-toc-page'))?.getClientRects()[0];
      if (rect) span.textContent = String(Math.floor((rect.left - left + gap / 2) / pitch) + 2);
    }
  }

  async function render() {
    const root = document.documentElement;
    root.classList.remove('pv-paged', 'pv-scroll');
    document.getElementById('__preview-pages')?.remove();
    document.body.innerHTML = bodyHtml;
    if (!paged) {
      root.classList.add('pv-scroll');
      return;
    }
    await Promise.all([document.fonts.ready, loadPlacer().catch((err) => console.warn('preview:', err.message))]);
    placeNotes();
    root.classList.add('pv-paged');
    fillContents();
    drawPages();
  }

  /**
   * A new build's body. In the scrolling view only the parts that changed are replaced, so the
   * browser lays out little more than those; otherwise (another set of parts, the paged view)
   * the whole body is rendered again.
   */
  async function patchBody(body) {
    bodyHtml = body.innerHTML;
    const old = [...document.body.children];
    const fresh = [...body.children];
    const sameParts = old.length === fresh.length && old.every((el, i) => el.tagName === fresh[i].tagName && el.id === fresh[i].id);
    if (paged || !sameParts) return render();
    fresh.forEach((el, i) => {
      if (!el.isEqualNode(old[i])) old[i].replaceWith(el);
    });
  }

  /** The part at the top of the view, to come back to after a change of view. */
  function visiblePart() {
    const parts = document.querySelectorAll('body > section[id], body > nav[id]');
    for (const el of parts) {
      if ([...el.getClientRects()].some((r) => r.right > 0 && r.left < innerWidth && r.bottom > BANNER && r.top < innerHeight)) return el.id;
    }
    return null;
  }

  async function setPaged(on, { keepPart = true } = {}) {
    const part = keepPart ? visiblePart() : null;
    paged = on;
    sessionStorage.setItem('preview.paged', on ? '1' : '0');
    ui.mode.setAttribute('aria-pressed', String(on));
    ui.mode.textContent = on ? 'scroll' : 'pages';
    await render();
    if (part) document.getElementById(part)?.scrollIntoView({ block: 'start', inline: 'start' });
  }

  // ---------- the interface: banner, source panel, error overlay ----------

  const ui = (() => {
    const host = document.createElement('div');
    host.id = '__preview-ui';
    document.documentElement.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>
      :host { all: initial; }
      * { box-sizing: border-box; }
      .banner { position: fixed; z-index: 2147483000; top: 0; left: 0; right: 0; height: ${BANNER}px; display: flex; align-items: center; gap: 14px;
        padding: 0 12px; background: #b3261e; color: #fff; font: 500 12px/1 system-ui, sans-serif; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
      .draft { font-weight: 700; letter-spacing: .18em; }
      .status { opacity: .85; font-variant-numeric: tabular-nums; }
      .mode { margin-left: auto; font: 600 12px/1 system-ui, sans-serif; padding: 4px 10px; border: 1px solid #fff; border-radius: 3px; background: transparent; color: #fff; cursor: pointer; }
      .mode[aria-pressed="true"] { background: #fff; color: #b3261e; }
      .source { position: fixed; z-index: 2147483000; right: 12px; bottom: 12px; max-width: min(90vw, 720px); display: flex; gap: 10px; align-items: center;
        padding: 8px 10px; background: #1f2933; color: #fff; font: 12px/1.4 ui-monospace, monospace; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.35); }
      .source a { color: #9fd0ff; white-space: nowrap; }
      .source .where { overflow-wrap: anywhere; }
      button.close { border: 0; background: transparent; color: inherit; font: 16px/1 system-ui, sans-serif; cursor: pointer; }
      .errors { position: fixed; z-index: 2147483001; top: ${BANNER}px; left: 0; right: 0; bottom: 0; overflow: auto; padding: 20px max(20px, calc(50vw - 480px));
        background: rgba(20, 24, 30, .92); color: #f3f4f6; font: 13px/1.45 ui-monospace, monospace; }
      .errors h2 { margin: 0 0 12px; font: 700 15px/1.3 system-ui, sans-serif; color: #ff8a80; }
      .errors ol { list-style: none; margin: 0; padding: 0; }
      .errors li { margin: 0 0 14px; padding: 10px 12px; background: #0b0e12; border-left: 3px solid #ff5252; white-space: pre-wrap; overflow-wrap: anywhere; }
      .errors li.warning { border-left-color: #ffb74d; }
      .errors .message { font-weight: 700; }
      .errors .where, .errors .where a { color: #9fd0ff; }
      .errors pre { margin: 6px 0; padding: 4px 8px; background: #1b2129; color: #fff; white-space: pre-wrap; font: inherit; }
      .errors .hint { color: #c5e1a5; }
      [hidden] { display: none !important; }
      </style>
      <header class="banner"><span class="draft"></span><span class="status"></span><button type="button" class="mode" aria-pressed="false"></button></header>
      <aside class="source" hidden><span class="where"></span><a class="open">VS Code</a><button type="button" class="close" aria-label="close">×</button></aside>
      <section class="errors" role="alert" hidden><h2></h2><ol></ol></section>`;
    const $ = (selector) => root.querySelector(selector);
    return { root, draft: $('.draft'), status: $('.status'), mode: $('.mode'), source: $('.source'), errors: $('.errors') };
  })();

  /** A path as shown: relative to the project when inside it. */
  const shownPath = (file) => (file.startsWith(config.root + '/') ? file.slice(config.root.length + 1) : file);
  const editorLink = (file, line) => `vscode://file${file.startsWith('/') ? '' : '/'}${encodeURI(file.replace(/\\/g, '/'))}:${line || 1}`;

  function showSource(file, line) {
    ui.source.querySelector('.where').textContent = `${shownPath(file)}:${line}`;
    ui.source.querySelector('.open').href = editorLink(file, line);
    ui.source.hidden = false;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function diagnosticItem(d) {
    const li = element('li', d.severity);
    li.append(element('div', 'message', `${d.severity}: ${d.message}`));
    if (d.file) {
      const where = element('div', 'where', '--> ');
      const place = `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}`;
      if (d.path) {
        const a = element('a', '', place);
        a.href = editorLink(d.path, d.line);
        where.append(a);
      } else where.append(place);
      li.append(where);
    }
    if (d.source !== undefined) li.append(element('pre', 'code', `${d.line} | ${d.source}`));
    if (d.hint) li.append(element('div', 'hint', `hint: ${d.hint}`));
    return li;
  }

  function showErrors(list) {
    const errors = list.filter((d) => d.severity === 'error').length;
    ui.errors.querySelector('h2').textContent = `${errors} error${errors === 1 ? '' : 's'}: the page shows the last good draft`;
    ui.errors.querySelector('ol').replaceChildren(...list.map(diagnosticItem));
    ui.errors.hidden = false;
  }

  // ---------- updates ----------

  /** Stylesheets loaded again (a change of styles/): the new sheet replaces the old once loaded. */
  function reloadStylesheets(v) {
    const links = [...document.head.querySelectorAll('link[rel="stylesheet"]')];
    return Promise.all(
      links.map(
        (old) =>
          new Promise((resolve, reject) => {
            const link = old.cloneNode();
            link.href = `${old.getAttribute('href').split('?')[0]}?v=${encodeURIComponent(v)}`;
            link.onload = () => resolve(old.remove());
            link.onerror = () => reject(new Error(`stylesheet ${link.href} not loaded`));
            old.after(link);
          }),
      ),
    );
  }

  /** The head's own parts that a build changes: the title and the named pages' <style>. */
  function patchHead(doc) {
    document.title = doc.title;
    const mine = [...document.head.querySelectorAll('style:not([id^="__preview"])')];
    const theirs = [...doc.head.querySelectorAll('style')];
    if (mine.length !== theirs.length) throw new Error('the head changed shape');
    mine.forEach((s, i) => {
      if (s.textContent !== theirs[i].textContent) s.textContent = theirs[i].textContent;
    });
  }

  async function update(state) {
    try {
      const res = await fetch('/', { cache: 'no-store' });
      if (!res.ok) throw new Error(`GET / answered ${res.status}`);
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const next = JSON.parse(doc.getElementById('__preview-config')?.textContent ?? 'null');
      if (!next || next.placeholder) throw new Error('no draft to show');
      for (const el of doc.querySelectorAll('#__preview-config, script')) el.remove();
      patchHead(doc);
      if (state.css) await reloadStylesheets(next.version);
      const x = scrollX;
      const y = scrollY;
      await patchBody(doc.body);
      scrollTo(x, y);
      config = next;
      version = next.version;
      ui.draft.textContent = config.draft;
    } catch (err) {
      console.error('preview: could not patch the page, reloading', err);
      location.reload();
    }
  }

  async function onState(state) {
    const time = new Date().toLocaleTimeString();
    ui.status.textContent = `${time} · ${state.ms} ms`;
    if (state.status === 'error') return showErrors(state.diagnostics);
    ui.errors.hidden = true;
    if (config.placeholder) return location.reload();
    if (state.version !== version) await update(state);
  }

  // ---------- start ----------

  // Renders run one after another: a switch of view waits for an update under way, and back.
  let queue = Promise.resolve();
  const enqueue = (work) => {
    queue = queue.then(work).catch((err) => console.error('preview:', err));
  };

  ui.draft.textContent = config.draft;
  ui.mode.addEventListener('click', () => enqueue(() => setPaged(!paged)));
  ui.source.querySelector('.close').addEventListener('click', () => (ui.source.hidden = true));
  document.addEventListener('click', (event) => {
    const el = event.target instanceof Element ? event.target.closest('[data-source-line]') : null;
    const file = el?.closest('[data-source-file]')?.getAttribute('data-source-file');
    if (el && file) showSource(file, Number(el.getAttribute('data-source-line')));
  });
  enqueue(() => setPaged(paged, { keepPart: false }));

  const events = new EventSource('/__events');
  events.onmessage = (event) => {
    const state = JSON.parse(event.data);
    enqueue(() => onState(state));
  };
  events.onerror = () => {
    ui.status.textContent = '⚠ server not reachable';
  };
})();
