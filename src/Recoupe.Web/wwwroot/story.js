// A story: its digest (summary, who said what, figures by source, coverage, timeline) beside its articles.
// Every digest item is a button; clicking it highlights its evidence in the article it comes from.
'use strict';

(async () => {
  const { el, getJson, outletBadge, showError, renderArticle, showEvidence, legend, t, localDate } = Recoupe;
  await Recoupe.i18n;
  const head = document.getElementById('story-head');
  const digestBox = document.getElementById('digest');
  const articlesBox = document.getElementById('articles');
  const maxArticles = 40;

  const match = /^\/stories\/([^/]+)$/.exec(window.location.pathname);
  if (!match) { showError(head, t('story.noId')); return; }
  const storyId = decodeURIComponent(match[1]);

  /** A button that shows one stretch of evidence. */
  function evidenceButton(kind, evidence, ...content) {
    return el('button', {
      type: 'button',
      class: `evidence-link evidence-${kind}`,
      dataset: { kind, articleId: evidence.articleId, start: evidence.start, end: evidence.end },
      title: t('story.showIn', { id: evidence.articleId }),
      on: { click: () => showEvidence(evidence) },
    }, ...content);
  }

  function section(title, ...content) {
    return el('section', { class: 'digest-section' }, el('h2', {}, title), ...content);
  }

  function summarySection(summary) {
    const list = el('ol', { class: 'summary' });
    for (const item of summary) {
      const support = (item.support || []).map(s =>
        evidenceButton('support', s.evidence, outletBadge(s.outlet), s.relation === 'differently' ? ' ≈' : ''));
      list.append(el('li', {},
        evidenceButton('summary', item.evidence, item.text),
        el('div', { class: 'support' }, outletBadge(item.outlet), support)));
    }
    return section(t('story.summary'), summary.length ? list : el('p', { class: 'muted' }, t('story.noSummary')));
  }

  /** What one outlet alone reports, and where outlets contradict each other on a stated fact. */
  function crossCheckSection(exclusives, contradictions) {
    const list = el('ul', { class: 'exclusives' });
    for (const item of exclusives || [])
      list.append(el('li', {}, evidenceButton('summary', item.evidence, item.text), ' ', outletBadge(item.outlet)));
    for (const c of contradictions || [])
      list.append(el('li', { class: 'contradiction' }, '≠ ', ...c.sides.map(side =>
        evidenceButton('support', side.evidence, outletBadge(side.outlet), side.negative ? ` ${t('story.saysNo')}` : ''))));
    return section(t('story.exclusives'),
      (exclusives || []).length + (contradictions || []).length ? list : el('p', { class: 'muted' }, t('story.noExclusive')));
  }

  /** A statement's words: a quotation between quotation marks; reported speech without them, labelled with its cue. */
  function statementWords(statement) {
    const reference = statement.variants.find(v => v.text === statement.text) || statement.variants[0];
    if (reference && reference.kind === 'indirect')
      return [el('span', { class: 'paraphrase' }, `${t('story.paraphrase')}${reference.cue ? ` (${reference.cue})` : ''}${t('story.colon')}`), statement.text];
    return [t('quote.open'), statement.text, t('quote.close')];
  }

  function speakersSection(speakers) {
    const box = el('div', { class: 'speakers' });
    for (const group of speakers) {
      const statements = el('ul', { class: 'statements' });
      for (const statement of group.statements) {
        const variants = el('ul', { class: 'variants' });
        for (const v of statement.variants) {
          variants.append(el('li', {}, evidenceButton('quote', v.evidence,
            outletBadge(v.outlet), ' ', el('span', { class: `quote-text quote-${v.kind}` }, v.text),
            v.differs ? el('span', { class: 'flag', title: t('story.wordedDifferently') }, ' ≠') : null)));
        }
        statements.append(el('li', { class: 'statement' },
          el('p', { class: 'statement-text' }, ...statementWords(statement),
            statement.wordedDifferently ? el('span', { class: 'flag' }, ` (${t('story.wordedDifferently')})`) : null),
          variants));
      }
      box.append(el('div', { class: 'speaker' }, el('h3', {}, group.speaker.name), statements));
    }
    return section(t('story.speakers'), speakers.length ? box : el('p', { class: 'muted' }, t('story.noQuotation')));
  }

  function figuresSection(quantities) {
    const box = el('div', { class: 'figures' });
    for (const quantity of quantities) {
      const claims = el('div', {});
      for (const claim of quantity.claims) {
        const rows = claim.items.map((item, index) => el('tr', {
          class: claim.conflicts.some(c => c.first === index || c.second === index) ? 'conflict' : null,
        },
          el('td', {}, evidenceButton('figure', item.evidence,
            [item.qualifier, String(item.value), item.unit].filter(Boolean).join(' '))),
          el('td', {}, item.claimedBy || '—'),
          el('td', {}, outletBadge(item.outlet))));
        claims.append(el('div', { class: 'claim' },
          claim.scope || claim.date ? el('p', { class: 'muted' }, [claim.scope, localDate(claim.date)].filter(Boolean).join(' · ')) : null,
          el('table', { class: 'figure-table' },
            el('thead', {}, el('tr', {}, el('th', {}, t('story.col.figure')), el('th', {}, t('story.col.according')), el('th', {}, t('story.col.outlet')))),
            el('tbody', {}, rows)),
          claim.conflicts.length
            ? el('ul', { class: 'conflicts' }, claim.conflicts.map(c => el('li', {}, '⚠ ', c.reason)))
            : null));
      }
      box.append(el('div', { class: 'quantity' },
        el('h3', {}, [quantity.counts, quantity.unit].filter(Boolean).join(' · ') || t('story.figuresUnnamed')), claims));
    }
    return section(t('story.figures'), quantities.length ? box : el('p', { class: 'muted' }, t('story.noFigure')));
  }

  const coverageMarks = { reported: ['✓', t('story.cell.reported')], differently: ['≈', t('story.cell.differently')], notReported: ['—', t('story.cell.notReported')] };

  function coverageSection(coverage) {
    const labels = new Map(coverage.claims.map(c => [c.id, c]));
    const tables = coverage.groups.map(group => el('div', { class: 'coverage-wrap' },
      coverage.groups.length > 1 ? el('h3', {}, group.name) : null,
      el('table', { class: 'coverage' },
        el('thead', {}, el('tr', {}, el('th', {}, t('story.col.claim')), group.outlets.map(o => el('th', { scope: 'col' }, outletBadge(o))))),
        el('tbody', {}, group.rows.map(row => {
          const claim = labels.get(row.claimId);
          return el('tr', {},
            el('th', { scope: 'row', class: `claim-${claim ? claim.kind : 'summary'}` }, claim ? claim.label : row.claimId),
            row.cells.map(cell => {
              const [mark, title] = coverageMarks[cell] || ['?', cell];
              return el('td', { class: `cell-${cell}`, title }, mark);
            }));
        })))));
    return section(t('story.coverage'), coverage.claims.length ? tables : el('p', { class: 'muted' }, t('story.noCoverage')));
  }

  function timelineSection(events) {
    const list = el('ol', { class: 'timeline' });
    for (const event of events) {
      list.append(el('li', {},
        el('time', { datetime: event.date || '' }, localDate(event.date)),
        evidenceButton('timeline', event.evidence, event.text),
        el('div', { class: 'support' }, event.sources.map(s => evidenceButton('timeline-source', s.evidence, outletBadge(s.outlet))))));
    }
    return section(t('story.timeline'), events.length ? list : el('p', { class: 'muted' }, t('story.noEvent')));
  }

  /** Every stretch the digest points to, by article, so the article text is cut where they start and end. */
  function evidenceByArticle(digest) {
    const spans = new Map();
    const add = e => {
      if (!e) return;
      if (!spans.has(e.articleId)) spans.set(e.articleId, []);
      spans.get(e.articleId).push(e);
    };
    for (const item of digest.summary) { add(item.evidence); for (const s of item.support || []) add(s.evidence); }
    for (const group of digest.speakers) for (const st of group.statements) for (const v of st.variants) add(v.evidence);
    for (const q of digest.figures) for (const c of q.claims) for (const i of c.items) { add(i.evidence); add(i.sentence); }
    for (const e of digest.timeline) { add(e.evidence); add(e.dateEvidence); for (const s of e.sources) add(s.evidence); }
    return spans;
  }

  let data;
  try {
    data = await getJson(`/api/stories/${encodeURIComponent(storyId)}`);
  } catch (error) {
    showError(head, t('story.loadFailed', { id: storyId, message: error.message }));
    return;
  }
  const { story, digest } = data;
  document.title = `Recoupe — ${story.headline || story.label || story.id}`;
  head.replaceChildren(
    el('h1', {}, story.headline || story.label || story.id),
    story.label ? el('p', { class: 'story-sub' }, story.label) : null,
    el('p', { class: 'story-meta' },
      `${story.size === 1 ? t('story.oneArticle') : t('story.articles', { count: story.size })} · `,
      el('time', { datetime: story.firstDate || '' }, localDate(story.firstDate)),
      story.lastDate && story.lastDate !== story.firstDate ? [' – ', el('time', { datetime: story.lastDate }, localDate(story.lastDate))] : null),
    el('p', { class: 'outlets' }, (story.outlets || []).map(outletBadge)));

  if (digest) {
    digestBox.replaceChildren(
      summarySection(digest.summary),
      crossCheckSection(digest.exclusives, digest.contradictions),
      speakersSection(digest.speakers),
      figuresSection(digest.figures),
      coverageSection(digest.coverage),
      timelineSection(digest.timeline));
  } else {
    digestBox.replaceChildren(section(t('story.digest'), el('p', { class: 'muted' }, t('story.noDigest'))));
  }

  const evidence = digest ? evidenceByArticle(digest) : new Map();
  const ids = story.articles.slice(0, maxArticles);
  const columns = el('div', { class: 'article-columns' });
  articlesBox.replaceChildren(legend(), columns);
  if (story.articles.length > maxArticles)
    articlesBox.append(el('p', { class: 'muted' }, t('story.showing', { shown: maxArticles, count: story.articles.length })));
  const loaded = await Promise.all(ids.map(id => getJson(`/api/articles/${Number(id)}`).catch(error => ({ id, error }))));
  for (const article of loaded) {
    columns.append(article.error
      ? el('article', { class: 'article', dataset: { article: article.id } }, el('p', { class: 'error' }, t('article.loadFailed', { id: article.id, message: article.error.message })))
      : renderArticle(article, evidence.get(article.id)));
  }
  document.body.dataset.ready = 'true';
})();
