// The story list (newest and largest first) with filters, or search results on /search?q=.
'use strict';

(() => {
  const { el, getJson, formatDate, outletBadge, outletColour, showError, markedText, t, localDate } = Recoupe;
  const params = new URLSearchParams(window.location.search);
  const results = document.getElementById('results');
  const pageSize = 20;

  function fillForms() {
    const q = params.get('q') || '';
    if (window.location.pathname === '/search') document.getElementById('q').value = q;
    const filters = document.getElementById('filters');
    for (const name of ['from', 'to', 'outlet', 'language', 'q']) {
      const field = filters.elements.namedItem(name);
      if (field && params.get(name) && window.location.pathname !== '/search') field.value = params.get(name);
    }
  }

  function pager(total, offset, limit, base) {
    const nav = el('nav', { class: 'pager' });
    const link = (label, at) => {
      const next = new URLSearchParams(base);
      next.set('offset', String(at));
      return el('a', { href: `${window.location.pathname}?${next}` }, label);
    };
    if (offset > 0) nav.append(link('← previous', Math.max(0, offset - limit)));
    nav.append(el('span', { class: 'muted' }, ` ${total ? offset + 1 : 0}–${Math.min(offset + limit, total)} of ${total} `));
    if (offset + limit < total) nav.append(link('next →', offset + limit));
    return nav;
  }

  async function showStories() {
    const query = new URLSearchParams();
    for (const name of ['from', 'to', 'outlet', 'language', 'q']) if (params.get(name)) query.set(name, params.get(name));
    const offset = Math.max(0, Number(params.get('offset')) || 0);
    query.set('limit', String(pageSize));
    query.set('offset', String(offset));
    let page;
    try {
      page = await getJson(`/api/stories?${query}`);
    } catch (error) {
      showError(results, error.status === 404
        ? 'This server has no stories yet. Search the articles with the box above.'
        : `Could not load the stories: ${error.message}`);
      return;
    }
    const list = el('ol', { class: 'stories' });
    for (const story of page.items) {
      list.append(el('li', { class: 'story-card', dataset: { storyId: story.id } },
        el('a', { href: `/stories/${encodeURIComponent(story.id)}`, class: 'story-label' }, story.headline || story.label || story.id),
        story.label && story.label !== story.headline ? el('p', { class: 'story-sub' }, story.label) : null,
        el('p', { class: 'story-meta' },
          el('span', { class: 'size' }, `${story.size} article${story.size === 1 ? '' : 's'}`), ' · ',
          el('time', {}, formatDate(story.firstDate)),
          story.lastDate && story.lastDate !== story.firstDate ? ['–', el('time', {}, formatDate(story.lastDate))] : null),
        el('p', { class: 'outlets' }, (story.outlets || []).map(outletBadge))));
    }
    results.replaceChildren(
      el('h1', {}, t('stories.title')),
      page.items.length ? list : el('p', { class: 'muted' }, 'No story matches these filters.'),
      pager(page.total, offset, pageSize, query));
  }

  async function showSearch(q) {
    document.getElementById('filters-section').hidden = true;
    const offset = Math.max(0, Number(params.get('offset')) || 0);
    const query = new URLSearchParams({ q, limit: String(pageSize), offset: String(offset) });
    let found;
    try {
      found = await getJson(`/api/search?${query}`);
    } catch (error) {
      showError(results, `Search failed: ${error.message}`);
      return;
    }
    const articles = el('ol', { class: 'hits' });
    for (const hit of found.articles.items) {
      articles.append(el('li', { class: 'hit' },
        el('a', { href: `/articles/${Number(hit.id)}`, class: 'hit-title' }, hit.title || `article ${hit.id}`),
        el('p', { class: 'story-meta' }, hit.outlet ? outletBadge(hit.outlet) : null, ' ', el('time', {}, formatDate(hit.published))),
        el('p', { class: 'snippet' }, markedText(hit.snippet.text, hit.snippet.matches))));
    }
    const quotes = el('ol', { class: 'hits' });
    for (const hit of found.quotes.items) {
      const e = hit.evidence;
      quotes.append(el('li', { class: 'hit' },
        el('blockquote', { class: `quote-text quote-${hit.kind}` }, hit.text),
        el('p', { class: 'story-meta' },
          el('strong', {}, hit.speaker && hit.speaker.name ? hit.speaker.name : 'speaker unknown'), ' · ',
          hit.outlet ? outletBadge(hit.outlet) : null, ' ',
          el('a', { href: `/articles/${Number(e.articleId)}#${Number(e.start)}-${Number(e.end)}` }, hit.title || `article ${e.articleId}`))));
    }
    results.replaceChildren(
      el('h1', {}, 'Search: ', el('q', {}, found.query)),
      el('h2', {}, `Articles (${found.articles.total})`),
      found.articles.items.length ? articles : el('p', { class: 'muted' }, 'No article matches.'),
      el('h2', {}, `Quotations (${found.quotes.total})`),
      found.quotes.items.length ? quotes : el('p', { class: 'muted' }, 'No quotation matches.'),
      pager(Math.max(found.articles.total, found.quotes.total), offset, pageSize, new URLSearchParams({ q })));
  }

  // The front page: what is developing, ranked by outlets and articles gained in the last hours, each story with a
  // coverage bar (one segment per outlet, as wide as its articles; its new articles darker) and its first and latest article.
  async function showDeveloping() {
    const section = document.getElementById('developing');
    let page;
    try {
      page = await getJson('/api/developing?limit=8');
    } catch {
      return; // the story list below still shows
    }
    const hours = Math.round(page.windowHours);
    const list = el('ol', { class: 'developing-list' });
    for (const story of page.items) {
      const bar = el('div', { class: 'coverage-bar', role: 'img', 'aria-label': t('developing.coverage') });
      for (const part of story.coverage) {
        const outlet = part.outlet || t('outlet.unknown');
        const segment = el('span', {
          class: `coverage-segment badge-${outletColour(outlet)}`,
          title: t('developing.bar', { outlet, count: part.articles, recent: part.recent }),
          dataset: { outlet, articles: String(part.articles), recent: String(part.recent) },
        }, el('span', { class: 'coverage-recent' }));
        segment.style.flexGrow = String(part.articles); // CSSOM, allowed by the page's style-src 'self'
        segment.firstChild.style.width = `${Math.round(100 * part.recent / part.articles)}%`;
        bar.append(segment);
      }
      const growth = [];
      if (story.newOutlets.length) {
        growth.push(el('span', { class: 'new-outlets' }, t(story.newOutlets.length === 1 ? 'developing.newOutlet' : 'developing.newOutlets',
          { count: story.newOutlets.length, names: story.newOutlets.join(', ') })), ' · ');
      }
      growth.push(el('span', { class: 'recent' }, story.recentArticles === 1 ? t('developing.recentOne') : t('developing.recent', { count: story.recentArticles })),
        ' · ', el('span', { class: 'outlet-count' }, t('developing.outlets', { count: story.outlets })));
      const article = (label, a, cls) => el('span', { class: cls },
        el('strong', {}, `${t(label)} `),
        el('a', { href: `/articles/${Number(a.id)}` }, a.title || `#${a.id}`), ' ',
        a.outlet ? outletBadge(a.outlet) : null, ' ',
        el('time', { datetime: a.published || '' }, localDate(a.published)));
      list.append(el('li', { class: 'developing-card', dataset: { storyId: story.id } },
        el('a', { href: `/stories/${encodeURIComponent(story.id)}`, class: 'story-label' }, story.headline || story.label || story.id),
        el('p', { class: 'growth' }, growth),
        bar,
        el('p', { class: 'first-latest' }, article('developing.first', story.first, 'first'),
          story.latest.id !== story.first.id ? [' ', article('developing.latest', story.latest, 'latest')] : null)));
    }
    section.replaceChildren(
      el('h1', {}, t('developing.title')),
      el('p', { class: 'muted window' }, t('developing.window', { hours, date: localDate(page.reference) })),
      page.items.length ? list : el('p', { class: 'muted' }, t('developing.none', { hours })));
    section.hidden = false;
  }

  fillForms();
  const q = params.get('q');
  const filtered = ['from', 'to', 'outlet', 'language', 'q', 'offset'].some(name => params.get(name));
  const shown = Recoupe.i18n.then(() => window.location.pathname === '/search' && q
    ? showSearch(q)
    : Promise.all([filtered ? null : showDeveloping(), showStories()]));
  shown.finally(() => { document.body.dataset.ready = 'true'; });
})();
