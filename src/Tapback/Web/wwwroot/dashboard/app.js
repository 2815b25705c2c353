// The dashboard shell: hash routes to views, one live feed (server-sent events) that asks the open
// view to refresh, the error banner and sign-out.

import { api } from "./api.js";
import { integrationsView } from "./integrations.js";
import { integrationView } from "./integration.js";
import { conversationsView, conversationView } from "./conversation.js";
import { webhooksView, webhookView } from "./webhooks.js";
import { systemView } from "./system.js";
import { apiKeysView } from "./keys.js";
import { heldView } from "./held.js";

const main = document.getElementById("main");
const banner = document.getElementById("banner");
const bannerText = document.getElementById("banner-text");
const liveText = document.getElementById("live-text");
const live = document.getElementById("live");
const topbar = document.querySelector(".topbar");

// The top bar is sticky and wraps to two lines on a phone: whatever is scrolled or focused into view
// stops below it, not under it (scroll-padding-top reads this height).
new ResizeObserver(() => {
  document.documentElement.style.setProperty("--topbar-height", `${topbar.offsetHeight}px`);
}).observe(topbar);

const routes = [
  [/^#\/integrations\/([^/]+)$/, (m) => integrationView(m[1]), "integrations"],
  [/^#\/conversations\/([^/]+)\/sessions\/([^/]+)$/, (m) => conversationView(m[1], m[2]), "conversations"],
  [/^#\/conversations\/([^/]+)$/, (m) => conversationView(m[1]), "conversations"],
  [/^#\/conversations$/, () => conversationsView(), "conversations"],
  [/^#\/webhooks\/([^/]+)$/, (m) => webhookView(m[1]), "webhooks"],
  [/^#\/webhooks$/, () => webhooksView(), "webhooks"],
  [/^#\/api-keys$/, () => apiKeysView(), "api-keys"],
  [/^#\/held$/, () => heldView(), "held"],
  [/^#\/system$/, () => systemView(), "system"],
  [/^.*$/, () => integrationsView(), "integrations"],
];

let current = null;
let refreshing = false;
let refreshAgain = false;

export function showError(error) {
  bannerText.textContent = error?.message ?? String(error);
  banner.hidden = false;
}

async function route() {
  const hash = location.hash || "#/integrations";
  const [pattern, make, section] = routes.find(([pattern]) => pattern.test(hash));
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.section === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  banner.hidden = true;
  current?.dispose?.();
  current = make(pattern.exec(hash));
  main.replaceChildren(current.element);
  // A new page starts at its top, its title in view below the top bar, wherever the last one was scrolled.
  window.scrollTo(0, 0);
  document.title = `Tapback · ${current.title}`;
  try {
    await current.refresh();
  } catch (error) {
    showError(error);
  }
  main.dataset.ready = "true";
}

// Refreshes never overlap; a change that arrives during one runs one more after it.
async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      await current?.refresh();
    } while (refreshAgain);
  } catch (error) {
    showError(error);
  } finally {
    refreshing = false;
  }
}

function connectFeed() {
  const feed = new EventSource("/api/dashboard/events");
  let first = true;
  feed.addEventListener("change", () => {
    live.dataset.state = "live";
    liveText.textContent = "Live";
    // The first event only says the feed is up; the view was read just now.
    if (first) {
      first = false;
      return;
    }
    refresh();
  });
  feed.addEventListener("error", () => {
    live.dataset.state = "offline";
    liveText.textContent = "Reconnecting…";
    first = true;
  });
}

document.getElementById("banner-close").addEventListener("click", () => {
  banner.hidden = true;
});
document.getElementById("signout").addEventListener("click", async () => {
  try {
    await api.signOut();
  } finally {
    location.assign("/signin");
  }
});
window.addEventListener("hashchange", () => {
  route();
  main.focus({ preventScroll: true });
});
// The skip link moves focus only: following "#main" would be a hash route and leave the page.
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener("dashboard-error", (event) => showError(event.detail));
window.dashboard = { refresh };

route();
connectFeed();
