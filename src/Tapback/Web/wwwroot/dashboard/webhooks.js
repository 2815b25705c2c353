// Webhooks: every subscription with how its deliveries stand, the operator's create form and delete,
// and one subscription's delivery log (each row naming the URL it went to) with replay.

import { api } from "./api.js";
import { clearErrors, dangerButton, el, oneTimeSecret, reportError, showErrors, when } from "./dom.js";
import { field } from "./integrations.js";

export function webhooksView() {
  const list = el("div", { class: "list", id: "webhook-list" });
  const form = createForm();
  const element = el("div", { class: "page" },
    el("h1", {}, "Webhooks"),
    el("p", { class: "lead" }, "Where each integration's events are POSTed, signed, and how their deliveries went. Agents add them with POST /v2/webhooks; add or delete them here too."),
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "webhooks-title" }, el("h2", { id: "webhooks-title" }, "Subscriptions"), list),
      form.element));

  async function refresh() {
    const [webhooks] = await Promise.all([api.webhooks(), form.refresh()]);
    list.replaceChildren(...(webhooks.length === 0
      ? [el("p", { class: "empty" }, "No webhooks yet. Add one with the form, or an integration's agent adds them with POST /v2/webhooks.")]
      : webhooks.map((webhook) => row(webhook, refresh))));
  }
  return { title: "Webhooks", element, refresh };
}

function row(webhook, refresh) {
  const remove = dangerButton("Delete", `Delete the webhook to ${webhook.url}`, {
    title: "Delete this webhook?",
    text: `${webhook.url} (${webhook.integrationName}) gets no more events; deliveries not yet made are cancelled. This cannot be undone.`,
  }, async () => {
    await api.deleteWebhook(webhook.integrationId, webhook.id);
    await refresh();
  });
  return el("div", { class: "item", "data-webhook-id": webhook.id },
    el("span", { class: "item-main" },
      el("a", { class: "item-name", href: `#/webhooks/${encodeURIComponent(webhook.id)}` }, webhook.url),
      el("span", { class: "muted" }, `${webhook.integrationName} · ${webhook.events.join(", ")} · since ${when(webhook.createdAt)}`)),
    el("span", { class: "item-side" },
      el("span", { class: "badge status-connected" }, `${webhook.delivered} delivered`),
      webhook.pending > 0 ? el("span", { class: "badge status-disconnected" }, `${webhook.pending} pending`) : null,
      webhook.dead > 0 ? el("span", { class: "badge status-error" }, `${webhook.dead} failed`) : null,
      remove));
}

function createForm() {
  const integration = el("select", { id: "webhook-integration", name: "integration", required: true });
  const url = el("input", { id: "webhook-url", name: "url", type: "url", inputmode: "url", required: true, "data-field": "url",
    placeholder: "https://bot.example.com/tapback", spellcheck: "false", autocomplete: "off" });
  const events = el("fieldset", { class: "field events", id: "webhook-events", "data-field": "events" },
    el("legend", {}, "Events"));
  const alert = el("p", { class: "error", role: "alert", hidden: true });
  const result = el("div", { id: "webhook-result", "aria-live": "polite" });
  const submit = el("button", { type: "submit", class: "primary" }, "Add webhook");
  const element = el("form", { class: "card", id: "webhook-form", "aria-labelledby": "webhook-form-title", novalidate: true },
    el("h2", { id: "webhook-form-title" }, "Add a webhook"),
    field("Integration", integration),
    field("URL", url, el("p", { class: "hint" }, "Tapback POSTs each event here, signed with a secret shown once.")),
    events, alert, submit, result);
  let typesShown = false;

  async function refresh() {
    const chosen = integration.value;
    const [integrations, types] = await Promise.all([api.integrations(), typesShown ? null : api.webhookEventTypes()]);
    integration.replaceChildren(...integrations.map((one) => el("option", { value: one.id }, one.name === one.phone ? one.phone : `${one.name} (${one.phone})`)));
    if (integrations.some((one) => one.id === chosen)) integration.value = chosen;
    submit.disabled = integrations.length === 0;
    if (integrations.length === 0) {
      integration.replaceChildren(el("option", { value: "" }, "Pair a phone first"));
    }
    if (types) {
      typesShown = true;
      events.append(...types.map((type) => el("label", { class: "check" },
        el("input", { type: "checkbox", name: "events", value: type, checked: type === "message.received" }), ` ${type}`)));
    }
  }

  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(element);
    result.replaceChildren();
    const chosen = [...events.querySelectorAll("input:checked")].map((box) => box.value);
    submit.disabled = true;
    try {
      const created = await api.createWebhook(integration.value, url.value.trim(), chosen);
      url.value = "";
      result.replaceChildren(el("div", { class: "success", role: "status" },
        el("p", {}, "Added ", el("strong", {}, created.url), ". Give this signing secret to the receiver; it is shown only now."),
        oneTimeSecret("webhook-secret", "Signing secret", created.secret,
          "The receiver checks each delivery's webhook-signature with it (Standard Webhooks).")));
      window.dashboard?.refresh();
    } catch (error) {
      showErrors(element, error);
    } finally {
      submit.disabled = false;
    }
  });
  return { element, refresh };
}

export function webhookView(webhookId) {
  const filter = el("select", { id: "delivery-filter" },
    el("option", { value: "" }, "All"), el("option", { value: "pending" }, "Pending"),
    el("option", { value: "delivered" }, "Delivered"), el("option", { value: "dead" }, "Failed for good"));
  const target = el("p", { class: "lead", id: "webhook-target" });
  const body = el("tbody", {});
  const columns = ["Event", "URL", "Status", "Attempts", "Last answer", "When", ""];
  const element = el("div", { class: "page" },
    el("p", { class: "crumbs" }, el("a", { href: "#/webhooks" }, "Webhooks"), " ›"),
    el("h1", {}, "Delivery log"),
    target,
    el("div", { class: "field inline-field" }, el("label", { for: filter.id }, "Show"), filter),
    el("div", { class: "table-wrap" }, el("table", { class: "deliveries" },
      el("caption", { class: "visually-hidden" }, "Deliveries, newest first"),
      el("thead", {}, el("tr", {}, columns.map((h) => el("th", { scope: "col" }, h)))),
      body)));

  // Each cell carries its column's name, which a phone shows beside the value when rows become cards.
  const cell = (index, ...children) => el("td", { "data-label": columns[index] }, el("span", { class: "cell" }, ...children));

  async function refresh() {
    const [page, webhooks] = await Promise.all([api.deliveries(webhookId, filter.value || null), api.webhooks()]);
    const webhook = webhooks.find((one) => one.id === webhookId);
    target.replaceChildren(...(webhook
      ? ["To ", el("code", {}, webhook.url), ` · ${webhook.integrationName} · ${webhook.events.join(", ")}`]
      : ["This webhook was deleted; its log stays until it is trimmed."]));
    body.replaceChildren(...(page.data.length === 0
      ? [el("tr", {}, el("td", { colspan: String(columns.length), class: "empty" }, "No deliveries."))]
      : page.data.map((delivery) => el("tr", { "data-delivery-id": delivery.id },
        cell(0, el("code", {}, delivery.type), el("br"), el("span", { class: "muted" }, delivery.eventId)),
        cell(1, el("code", { class: "delivery-url" }, delivery.url)),
        cell(2, el("span", { class: `badge delivery-${delivery.status}` }, delivery.status)),
        cell(3, String(delivery.attempts)),
        cell(4, delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : delivery.lastError ?? "—"),
        cell(5, when(delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt)),
        cell(6, delivery.status === "pending" ? null : replayButton(delivery))))));
  }

  function replayButton(delivery) {
    const button = el("button", { type: "button", class: "quiet", "aria-label": `Replay ${delivery.type} ${delivery.eventId}` }, "Replay");
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await api.replay(webhookId, delivery.id);
        await refresh();
      } catch (error) {
        reportError(error);
        button.disabled = false;
      }
    });
    return button;
  }

  filter.addEventListener("change", () => refresh().catch(reportError));
  return { title: "Webhook deliveries", element, refresh };
}
