// Live updates for the story list: new stories are added at the top, corrected ones updated, killed ones removed.
// Text is set with textContent only, so nothing from the server is ever parsed as HTML.
(() => {
  const list = document.getElementById("stories");
  if (!list || !window.EventSource || list.dataset.page !== "1") return;
  const status = document.getElementById("live-status");
  const url = new URL(list.dataset.live, location.origin);
  url.searchParams.delete("page");
  if (list.dataset.since !== "0") url.searchParams.set("since", list.dataset.since);
  const source = new EventSource(url);
  source.addEventListener("hello", () => { if (status) status.hidden = false; });
  source.onerror = () => { if (status) status.hidden = true; };
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; };
  source.addEventListener("story", (event) => {
    const story = JSON.parse(event.data);
    const existing = list.querySelector(`[data-story="${story.storyId}"]`);
    if (story.change === "killed") { if (existing) existing.remove(); return; }
    if (existing) { existing.querySelector("h2 a").textContent = story.headline; existing.querySelector(".dek").textContent = story.summary; return; }
    const item = el("li", "story-card arrived"); item.dataset.story = story.storyId;
    const article = el("article"); const meta = el("div", "card-meta");
    const time = el("time", null, "Just now"); time.dateTime = story.at; meta.append(time);
    for (const t of story.tickers.slice(0, 4)) { const a = el("a", "tag tag-ticker", t); a.href = "/?ticker=" + encodeURIComponent(t); meta.append(a); }
    const h2 = el("h2"); const link = el("a", null, story.headline); link.href = story.path; h2.append(link);
    article.append(meta, h2, el("p", "dek", story.summary)); item.append(article);
    list.prepend(item);
    const empty = document.getElementById("empty"); if (empty) empty.remove();
  });
})();
