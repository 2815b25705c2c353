// Webhooks: every subscription with how its deliveries stand, and one subscription's delivery log with replay.

import { api } from "./api.js";
import { el, when } from "./dom.js";

export function webhooksView() {
  const list = el("div", { class: "list", id: "webhook-list" });
  const element = el("div", { class: "page" },
    el("h1", {}, "Webhooks"),
    el("p", { class: "lead" }, "Subscriptions agents made with POST /v2/webhooks, and how their deliveries went."),
    list);
  async function refresh() {
    const webhooks = await api.webhooks();
    list.replaceChildren(...(webhooks.length === 0
      ? [el("p", { class: "empty" }, "No webhooks yet. An integration's agent adds them with POST /v2/webhooks.")]
      : webhooks.map((webhook) => el("a", { class: "item", href: `#/webhooks/${encodeURIComponent(webhook.id)}` },
        el("span", { class: "item-main" },
          el("strong", { class: "item-name" }, webhook.url),
          el("span", { class: "muted" }, `${webhook.integrationName} · ${webhook.events.join(", ")} · since ${when(webhook.createdAt)}`)),
        el("span", { class: "item-side" },
          el("span", { class: "badge status-connected" }, `${webhook.delivered} delivered`),
          webhook.pending > 0 ? el("span", { class: "badge status-disconnected" }, `${webhook.pending} pending`) : null,
          webhook.dead > 0 ? el("span", { class: "badge status-error" }, `${webhook.dead} failed`) : null)))));
  }
  return { title: "Webhooks", element, refresh };
}

export function webhookView(webhookId) {
  const filter = el("select", { id: "delivery-filter" },
    el("option", { value: "" }, "All"), el("option", { value: "pending" }, "Pending"),
    el("option", { value: "delivered" }, "Delivered"), el("option", { value: "dead" }, "Failed for good"));
  const body = el("tbody", {});
  const element = el("div", { class: "page" },
    el("p", { class: "crumbs" }, el("a", { href: "#/webhooks" }, "Webhooks"), " ›"),
    el("h1", {}, "Delivery log"),
    el("div", { class: "field inline-field" }, el("label", { for: filter.id }, "Show"), filter),
    el("div", { class: "table-wrap" }, el("table", { class: "deliveries" },
      el("caption", { class: "visually-hidden" }, "Deliveries, newest first"),
      el("thead", {}, el("tr", {}, ["Event", "Status", "Attempts", "Last answer", "When", ""].map((h) => el("th", { scope: "col" }, h)))),
      body)));

  async function refresh() {
    const page = await api.deliveries(webhookId, filter.value || null);
    body.replaceChildren(...(page.data.length === 0
      ? [el("tr", {}, el("td", { colspan: "6", class: "empty" }, "No deliveries."))]
      : page.data.map((delivery) => el("tr", { "data-delivery-id": delivery.id },
        el("td", {}, el("code", {}, delivery.type), el("br"), el("span", { class: "muted" }, delivery.eventId)),
        el("td", {}, el("span", { class: `badge delivery-${delivery.status}` }, delivery.status)),
        el("td", {}, String(delivery.attempts)),
        el("td", {}, delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : delivery.lastError ?? "—"),
        el("td", {}, when(delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt)),
        el("td", {}, delivery.status === "pending" ? null : replayButton(delivery))))));
  }

  function replayButton(delivery) {
    const button = el("button", { type: "button", class: "quiet", "aria-label": `Replay ${delivery.type} ${delivery.eventId}` }, "Replay");
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await api.replay(webhookId, delivery.id);
        await refresh();
      } catch (error) {
        window.dispatchEvent(new CustomEvent("dashboard-error", { detail: error }));
        button.disabled = false;
      }
    });
    return button;
  }

  filter.addEventListener("change", () => refresh().catch((error) => window.dispatchEvent(new CustomEvent("dashboard-error", { detail: error }))));
  return { title: "Webhook deliveries", element, refresh };
}
