// One article with its entities, quotations and figures highlighted; #START-END in the address highlights that stretch.
'use strict';

(async () => {
  const { getJson, renderArticle, showEvidence, showError, legend, t } = Recoupe;
  await Recoupe.i18n;
  const main = document.getElementById('main');
  const match = /^\/articles\/(\d+)$/.exec(window.location.pathname);
  if (!match) { showError(main, t('article.noId')); return; }
  const id = Number(match[1]);
  const range = /^#(\d+)-(\d+)$/.exec(window.location.hash);
  const extra = range ? [{ start: Number(range[1]), end: Number(range[2]) }] : [];
  try {
    const article = await getJson(`/api/articles/${id}`);
    document.title = `Recoupe — ${article.title || t('article.numbered', { id })}`;
    main.replaceChildren(legend(), renderArticle(article, extra));
    if (range) showEvidence({ articleId: id, start: extra[0].start, end: extra[0].end });
    document.body.dataset.ready = 'true';
  } catch (error) {
    showError(main, t('article.loadFailed', { id, message: error.message }));
  }
})();
