// The desk's only script: evidence highlighting on the draft page and live reload of the queue. No framework.
// Text is only ever put into the page as text nodes (never innerHTML), so report text stays text.
(function () {
  "use strict";

  function highlight(sentence, scroll) {
    document.querySelectorAll(".sentence.active").forEach(function (s) { s.classList.remove("active"); });
    document.querySelectorAll(".source-text").forEach(reset);
    if (!sentence) return;
    sentence.classList.add("active");
    var spans = [];
    try { spans = JSON.parse(sentence.getAttribute("data-spans") || "[]"); } catch (e) { spans = []; }
    var byReport = {};
    spans.forEach(function (s) { (byReport[s.r] = byReport[s.r] || []).push(s); });
    var first = null;
    Object.keys(byReport).forEach(function (report) {
      var box = document.querySelector('.source-text[data-report="' + CSS.escape(report) + '"]');
      if (!box) return;
      var mark = mark_(box, byReport[report]);
      first = first || mark;
    });
    if (first && scroll) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function reset(box) {
    if (box.dataset.original === undefined) return;
    box.textContent = box.dataset.original;
  }

  // Rebuilds the source text as text nodes with <mark> around [start, end) of each span.
  function mark_(box, spans) {
    if (box.dataset.original === undefined) box.dataset.original = box.textContent;
    var text = box.dataset.original;
    spans.sort(function (a, b) { return a.s - b.s; });
    box.textContent = "";
    var at = 0, first = null;
    spans.forEach(function (span) {
      var start = Math.max(at, Math.min(span.s, text.length)), end = Math.min(span.e, text.length);
      if (end <= start) return;
      box.appendChild(document.createTextNode(text.slice(at, start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(start, end);
      box.appendChild(m);
      first = first || m;
      at = end;
    });
    box.appendChild(document.createTextNode(text.slice(at)));
    return first;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sentence").forEach(function (s) {
      s.addEventListener("mouseenter", function () { highlight(s, false); });
      s.addEventListener("focus", function () { highlight(s, false); });
      s.addEventListener("click", function () { highlight(s, true); });
    });

    var live = document.querySelector("[data-live]");
    if (live && window.EventSource) {
      var source = new EventSource(live.getAttribute("data-live"));
      var pending = null;
      var refresh = function () {
        pending = null;
        fetch(location.href, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").getElementById("queue");
          var queue = document.getElementById("queue");
          if (next && queue) queue.replaceWith(next);
        });
      };
      var onEvent = function () { if (!pending) pending = setTimeout(refresh, 400); };
      source.addEventListener("story-updated", onEvent);
      source.addEventListener("story-published", onEvent);
      source.addEventListener("ready", function () { live.classList.add("connected"); });
      source.onerror = function () { live.classList.remove("connected"); };
    }
  });
})();
