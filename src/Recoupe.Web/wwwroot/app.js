// Recoupe page helpers, shared by every page. Article text is data: every piece of it reaches the page through
// textContent or a text node, never parsed as HTML, and links are kept only when they are http(s).
'use strict';

const Recoupe = (() => {
  /** Builds an element; children are nodes or strings (strings become text nodes, never markup). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'on') for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Fetches JSON; a problem response (RFC 7807) becomes an Error with its detail. */
  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  /** Only http and https links are ever made clickable (no javascript:, data:, …). */
  function safeHref(url) {
    if (typeof url !== 'string' || url.length === 0) return null;
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch {
      return null;
    }
  }

  function formatDate(value) {
    if (!value) return '';
    const text = String(value);
    const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(text);
    if (!match) return text;
    return match[2] && match[2] !== '00:00' ? `${match[1]} ${match[2]}` : match[1];
  }

  // Outlets keep one colour everywhere on the page: a small, stable hash of the name picks it.
  function outletColour(name) {
    let hash = 0;
    for (const c of String(name)) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
    return hash % 8;
  }

  function outletBadge(name) {
    return el('span', { class: `badge badge-${outletColour(name)}`, title: name }, name);
  }

  function showError(container, message) {
    container.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
  }

  /** The annotation marks of an article: entities, quotations, figures, each with the class the page shows it by. */
  function marksOf(article) {
    const marks = [];
    for (const e of article.entities || [])
      marks.push({ start: e.start, end: e.end, cls: `ent ent-${e.type}`, title: t('mark.entity', { type: t(`entity.${e.type}`), name: e.name }) });
    for (const q of article.quotes || []) {
      const who = q.speaker && q.speaker.name ? q.speaker.name : t('speaker.unknown');
      marks.push({ start: q.evidence.start, end: q.evidence.end, cls: `quote quote-${q.kind}`, title: t('mark.quote', { kind: t(`quote.${q.kind}`), who }) });
    }
    for (const f of article.figures || []) {
      const what = [f.qualifier, String(f.value), f.unit, f.counts].filter(Boolean).join(' ');
      const by = f.claimedBy ? ` (${f.claimedBy})` : '';
      marks.push({ start: f.evidence.start, end: f.evidence.end, cls: 'fig', title: t('mark.figure', { what, by }) });
    }
    return marks;
  }

  /**
   * Renders an article's text as paragraphs of small spans cut at every annotation boundary (and at every extra
   * boundary given, e.g. the digest's evidence), so any of those stretches can later be highlighted exactly.
   */
  function renderText(article, extraSpans) {
    const text = article.text || '';
    const marks = marksOf(article);
    const cuts = new Set();
    for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
    for (const s of extraSpans || []) { cuts.add(s.start); cuts.add(s.end); }
    const paragraphs = (article.paragraphs && article.paragraphs.length)
      ? article.paragraphs : [{ start: 0, end: text.length, role: 'body' }];
    const sortedCuts = [...cuts].sort((a, b) => a - b);
    const body = el('div', { class: 'article-text' });
    for (const p of paragraphs) {
      const points = [p.start, ...sortedCuts.filter(c => c > p.start && c < p.end), p.end];
      const block = el(p.role === 'title' ? 'h3' : 'p', { class: `para para-${p.role}` });
      for (let i = 0; i + 1 < points.length; i++) {
        const [a, b] = [points[i], points[i + 1]];
        if (b <= a) continue;
        const covering = marks.filter(m => m.start <= a && m.end >= b);
        const span = el('span', { dataset: { s: a, e: b } }, text.slice(a, b));
        if (covering.length) {
          span.className = covering.map(m => m.cls).join(' ');
          span.title = covering.map(m => m.title).join(' · ');
        }
        block.append(span);
      }
      body.append(block);
    }
    return body;
  }

  function hasTitleParagraph(article) {
    const first = (article.paragraphs || [])[0];
    return Boolean(first && first.role === 'title');
  }

  /** An article as a panel: outlet, title, date, link, then the highlighted text. */
  function renderArticle(article, extraSpans) {
    const href = safeHref(article.url);
    const outlet = article.outlet || article.agency || t('outlet.unknown');
    return el('article', { class: 'article', dataset: { article: article.id }, id: `article-${article.id}` },
      el('header', { class: 'article-head' },
        el('div', { class: 'article-meta' },
          outletBadge(outlet),
          el('time', { datetime: article.published || '' }, localDate(article.published)),
          el('a', { href: `/articles/${Number(article.id)}`, class: 'article-id' }, `#${article.id}`),
          href ? el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'source-link' }, t('article.source')) : null),
        // The title paragraph of the text (with its highlights) stands for the title; a separate heading only when there is none.
        hasTitleParagraph(article) ? null : el('h2', { class: 'article-title' }, article.title || t('article.noTitle'))),
      renderText(article, extraSpans));
  }

  /** Highlights the stretch [start, end) of an article's text and scrolls to it. Returns the highlighted spans. */
  function showEvidence(evidence) {
    for (const old of document.querySelectorAll('.evidence')) old.classList.remove('evidence');
    for (const old of document.querySelectorAll('.evidence-article')) old.classList.remove('evidence-article');
    const panel = document.querySelector(`[data-article="${Number(evidence.articleId)}"]`);
    if (!panel) return [];
    const spans = [...panel.querySelectorAll('span[data-s]')]
      .filter(s => Number(s.dataset.s) >= evidence.start && Number(s.dataset.e) <= evidence.end);
    for (const s of spans) s.classList.add('evidence');
    panel.classList.add('evidence-article');
    if (spans.length) spans[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    return spans;
  }

  function legend() {
    return el('p', { class: 'legend' },
      el('span', { class: 'ent ent-person' }, t('entity.person')), ' ',
      el('span', { class: 'ent ent-organisation' }, t('entity.organisation')), ' ',
      el('span', { class: 'ent ent-place' }, t('entity.place')), ' ',
      el('span', { class: 'quote' }, t('legend.quotation')), ' ',
      el('span', { class: 'fig' }, t('legend.figure')));
  }

  /** Text with some stretches marked (search snippets): matches are offsets into the text. */
  function markedText(text, matches) {
    const out = el('span', {});
    let at = 0;
    for (const m of matches || []) {
      if (m.start < at || m.end > text.length) continue;
      out.append(text.slice(at, m.start), el('mark', {}, text.slice(m.start, m.end)));
      at = m.end;
    }
    out.append(text.slice(at));
    return out;
  }

  // The page's words in the reader's language: strings are data (wwwroot/i18n/CODE.json), served by /api/ui/strings
  // for the language the switch chose, else the browser's Accept-Language. Without them the page keeps its English.
  const languageKey = 'recoupe.lang';
  let strings = {};
  let language = 'en';

  /** A string of the reader's language, {name} replaced by vars.name; the key itself when there is none. */
  function t(key, vars) {
    let text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    for (const [name, value] of Object.entries(vars || {})) text = text.split(`{${name}}`).join(String(value));
    return text;
  }

  function translate(root) {
    for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  }

  function languageSwitch(available) {
    const header = document.querySelector('header.top');
    if (!header || document.getElementById('lang-switch')) return;
    const select = el('select', { id: 'lang-switch', 'aria-label': t('language.switch') },
      available.map(code => el('option', { value: code, selected: code === language }, code.toUpperCase())));
    select.addEventListener('change', () => {
      try { window.localStorage.setItem(languageKey, select.value); } catch { /* private mode: the switch lasts this page */ }
      window.location.reload();
    });
    header.append(select);
  }

  const i18n = (async () => {
    let asked = null;
    try { asked = window.localStorage.getItem(languageKey); } catch { /* no storage: the browser's language */ }
    try {
      const body = await getJson('/api/ui/strings' + (asked ? `?lang=${encodeURIComponent(asked)}` : ''));
      strings = body.strings;
      language = body.lang;
      document.documentElement.lang = language;
      translate(document);
      languageSwitch(body.available);
    } catch { /* the page keeps its built-in English */ }
  })();

  /** A date (and time when it has one) in the reader's language and time zone. */
  function localDate(value) {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const withTime = /T\d{2}:\d{2}/.test(String(value)) && !/T00:00(:00)?/.test(String(value));
    return new Intl.DateTimeFormat(language, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(date);
  }

  /** A number in the reader's language (digit grouping, decimal mark), with at most <digits> decimals. */
  function localNumber(value, digits) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return '';
    return new Intl.NumberFormat(language, { maximumFractionDigits: digits || 0 }).format(Number(value));
  }

  return {
    el, getJson, safeHref, formatDate, outletBadge, outletColour, showError, renderText, renderArticle, showEvidence, legend, markedText,
    t, i18n, localDate, localNumber,
  };
})();
