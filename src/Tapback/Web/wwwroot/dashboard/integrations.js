// Integrations: the list with each one's status, and the connect form (phone + its /setup code).

import { api } from "./api.js";
import { clearErrors, el, oneTimeSecret, showErrors, timeSpanOf, when } from "./dom.js";
import { checkAsTyped, normalise } from "./phone.js";
import { stateBadge, stateLine } from "./state.js";

export function integrationsView() {
  const list = el("div", { class: "list", id: "integration-list", "aria-live": "polite" });
  const form = connectForm();
  const element = el("div", { class: "page" },
    el("h1", {}, "Integrations"),
    el("p", { class: "lead" }, "Each integration is an agent paired with one phone number. Pair one: text /setup from the phone, then enter the code below."),
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "list-title" }, el("h2", { id: "list-title" }, "Paired phones"), list),
      form));

  async function refresh() {
    const integrations = await api.integrations();
    list.replaceChildren(...(integrations.length === 0
      ? [el("p", { class: "empty" }, "No phone is paired yet.")]
      : integrations.map(row)));
  }

  return { title: "Integrations", element, refresh };
}

function row(integration) {
  return el("a", { class: "item", href: `#/integrations/${encodeURIComponent(integration.id)}`, "data-integration-id": integration.id },
    el("span", { class: "item-main" },
      el("strong", { class: "item-name" }, integration.name),
      el("span", { class: "muted" }, `${integration.phone} · ${integration.transport} · since ${when(integration.createdAt)}`),
      stateLine(integration),
      integration.problem ? el("span", { class: "problem" }, integration.problem) : null),
    el("span", { class: "item-side" },
      integration.queuedEvents > 0 ? el("span", { class: "muted" }, `${integration.queuedEvents} queued`) : null,
      stateBadge(integration)));
}

function connectForm() {
  const phone = el("input", { id: "connect-phone", name: "phone", type: "tel", inputmode: "tel", autocomplete: "off", required: true,
    "data-field": "phone", "aria-describedby": "connect-phone-hint", placeholder: "+15551234567", spellcheck: "false" });
  const phoneHint = el("p", { id: "connect-phone-hint", class: "hint", "aria-live": "polite" });
  checkAsTyped(phone, phoneHint);
  const code = el("input", { id: "connect-code", name: "code", inputmode: "numeric", autocomplete: "one-time-code", required: true,
    pattern: "\\d{6}", maxlength: "6", "data-field": "code", "aria-describedby": "connect-code-hint" });
  const name = el("input", { id: "connect-name", name: "name", maxlength: "100", "data-field": "name" });
  const botName = el("input", { id: "connect-bot-name", name: "botName", maxlength: "100", "data-field": "settings.botName" });
  const showTools = el("input", { id: "connect-show-tools", name: "showToolCalls", type: "checkbox" });
  const timeout = el("input", { id: "connect-timeout", name: "sessionTimeout", type: "number", min: "1", step: "1",
    "data-field": "settings.sessionTimeout", "aria-describedby": "connect-timeout-hint" });
  const alert = el("p", { class: "error", role: "alert", hidden: true });
  const result = el("div", { class: "result", id: "connect-result", "aria-live": "polite" });

  const form = el("form", { class: "card", id: "connect-form", "aria-labelledby": "connect-title", novalidate: true },
    el("h2", { id: "connect-title" }, "Connect a phone"),
    field("Phone number", phone, phoneHint),
    field("6-digit code", code, el("p", { id: "connect-code-hint", class: "hint" }, "The phone gets it after texting /setup; it lasts 15 minutes.")),
    field("Name (optional)", name),
    field("Bot name (optional)", botName),
    field("Session timeout in minutes (optional)", timeout, el("p", { id: "connect-timeout-hint", class: "hint" }, "A quiet spell this long starts a new session.")),
    el("div", { class: "field check" }, showTools, el("label", { for: showTools.id }, "Show tool calls as bubbles")),
    alert,
    el("button", { type: "submit", class: "primary" }, "Connect"),
    result);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    result.replaceChildren();
    const settings = {
      botName: botName.value.trim() || null,
      showToolCalls: showTools.checked,
      sessionTimeout: timeSpanOf(timeout.value),
    };
    try {
      const connected = await api.connect({
        phone: normalise(phone.value),
        code: code.value.trim(),
        name: name.value.trim() || null,
        settings,
      });
      form.reset();
      phone.dispatchEvent(new Event("input"));
      result.replaceChildren(tokenPanel(connected));
      window.dashboard?.refresh();
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

function tokenPanel({ integration, token }) {
  return el("div", { class: "success", role: "status" },
    el("p", {}, "Connected ", el("strong", {}, integration.name), ". Give this token to the agent; it is shown only now."),
    oneTimeSecret("connect-token", "Integration token", token, "The agent connects with it over the WebSocket, REST or webhooks."),
    el("a", { href: `#/integrations/${encodeURIComponent(integration.id)}` }, "Open the integration →"));
}

export function field(label, input, ...after) {
  return el("div", { class: "field" }, el("label", { for: input.id }, label), input, ...after);
}
