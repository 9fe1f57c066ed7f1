// Alerts for a signed-in reader, on every page: listens to /alerts/events, keeps the unread badge in the masthead
// current and shows a notification (headline, reason, link) when an alert arrives. Text is set with textContent
// only, so nothing from the server is ever parsed as HTML.
(() => {
  if (!window.EventSource) return;
  const badge = document.getElementById("alert-badge");
  const setUnread = (n) => {
    if (!badge || n < 0) return;
    badge.textContent = n > 99 ? "99+" : String(n);
    badge.hidden = n === 0;
  };
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; };
  let stack = null;
  const toast = (alert) => {
    if (!stack) { stack = el("div", "alert-toasts"); stack.setAttribute("aria-live", "polite"); document.body.append(stack); }
    // Several items of a reader's lists matching one story make one notification with a line per reason.
    const key = alert.change + " " + alert.link;
    const same = [...stack.children].find((b) => b.dataset.key === key);
    if (same) { same.append(el("p", "toast-reason", alert.reason)); return; }
    const box = el("div", "alert-toast change-" + alert.change); box.setAttribute("role", "status"); box.dataset.key = key;
    const head = el("p", "toast-kind", alert.label);
    const close = el("button", "toast-close", "×"); close.type = "button"; close.setAttribute("aria-label", "Dismiss");
    close.addEventListener("click", () => box.remove());
    head.append(close);
    const title = el("a", "toast-headline", alert.headline); title.href = alert.link;
    box.append(head, title);
    if (alert.note) box.append(el("p", "toast-note", alert.note));
    box.append(el("p", "toast-reason", alert.reason));
    stack.prepend(box);
    while (stack.children.length > 3) stack.lastChild.remove();
    setTimeout(() => box.classList.add("fading"), 20000);
    setTimeout(() => box.remove(), 21000);
  };
  const source = new EventSource("/alerts/events");
  source.addEventListener("hello", (event) => { document.documentElement.dataset.alerts = "live"; setUnread(JSON.parse(event.data).unread); });
  source.onerror = () => { delete document.documentElement.dataset.alerts; };
  source.addEventListener("alert", (event) => {
    const alert = JSON.parse(event.data);
    setUnread(alert.unread);
    toast(alert);
    document.dispatchEvent(new CustomEvent("wiredesk:alert", { detail: alert }));
  });
})();
