// The watched sources and their health (GET /api/sources): last success, errors in a row and in all with the last
// one, articles stored and a day, next poll. A source failing now is marked, one never polled too.
'use strict';

(() => {
  const { el, getJson, showError, safeHref, t, localDate, localNumber } = Recoupe;
  const box = document.getElementById('sources');

  /** ok: its last poll succeeded; failing: errors in a row; new: not polled yet. */
  function health(source) {
    if (source.errors > 0) return 'failing';
    return source.lastPoll ? 'ok' : 'new';
  }

  function nameCell(source) {
    const href = safeHref(source.url);
    const link = href ? el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, source.url) : source.url;
    return el('td', { class: 'source-name' },
      source.name ? [el('strong', {}, source.name), el('br'), el('span', { class: 'source-url' }, link)] : link,
      source.feedUrl ? el('div', { class: 'muted source-feed' }, t('sources.feed', { url: source.feedUrl })) : null);
  }

  function errorsCell(source) {
    return el('td', { class: 'source-errors' },
      el('span', { class: 'errors-count' }, t('sources.errorsCount', { inRow: source.errors, total: source.totalErrors })),
      source.lastError ? el('div', { class: 'last-error' }, source.lastError) : null);
  }

  function row(source) {
    const state = health(source);
    const time = value => value ? el('time', { datetime: value }, localDate(value)) : el('span', { class: 'muted' }, t('sources.never'));
    // A poll due in the past is the next thing the watcher does, whenever it runs.
    const next = Date.parse(source.nextDue) <= Date.now() ? el('span', {}, t('sources.dueNow')) : time(source.nextDue);
    return el('tr', { class: `source health-${state}`, dataset: { sourceId: String(source.id), health: state } },
      el('td', { class: 'source-health' }, el('span', { class: `health-dot health-${state}`, title: t(`sources.health.${state}`) }),
        ' ', t(`sources.health.${state}`)),
      nameCell(source),
      el('td', { class: 'source-kind' }, source.kind ? t(`sources.kind.${source.kind}`) : '—'),
      el('td', { class: 'source-last-success' }, time(source.lastSuccess)),
      errorsCell(source),
      el('td', { class: 'source-items num' }, localNumber(source.items)),
      el('td', { class: 'source-per-day num' }, localNumber(source.itemsPerDay, 1)),
      el('td', { class: 'source-next' }, next));
  }

  async function show() {
    let sources;
    try {
      sources = await getJson('/api/sources');
    } catch (error) {
      showError(box, t('sources.loadFailed', { message: error.message }));
      return;
    }
    if (!sources.length) {
      box.replaceChildren(el('p', { class: 'muted' }, t('sources.none')));
      return;
    }
    const failing = sources.filter(s => health(s) === 'failing').length;
    const heads = ['health', 'source', 'kind', 'lastSuccess', 'errors', 'items', 'perDay', 'nextPoll'];
    box.replaceChildren(
      el('p', { class: 'muted sources-summary' }, t('sources.summary', { count: sources.length, failing })),
      el('div', { class: 'sources-wrap' },
        el('table', { class: 'sources-table' },
          el('thead', {}, el('tr', {}, heads.map(h => el('th', { scope: 'col', class: `col-${h}` }, t(`sources.col.${h}`))))),
          el('tbody', {}, sources.map(row)))));
  }

  Recoupe.i18n.then(show).finally(() => { document.body.dataset.ready = 'true'; });
})();
