// API keys: each integration's keys (a second credential beside its token, for REST, MCP and the
// WebSocket), made and revoked by the operator. A new key is shown once.

import { api } from "./api.js";
import { clearErrors, dangerButton, el, oneTimeSecret, showErrors, when } from "./dom.js";
import { field } from "./integrations.js";

export function apiKeysView() {
  const groups = el("div", { class: "stack", id: "api-key-list" });
  const integration = el("select", { id: "key-integration", name: "integration", required: true });
  const name = el("input", { id: "key-name", name: "name", maxlength: "100", "data-field": "name", placeholder: "e.g. Support bot on Render" });
  const submit = el("button", { type: "submit", class: "primary" }, "Create key");
  const result = el("div", { id: "key-result", "aria-live": "polite" });
  const form = el("form", { class: "card", id: "key-form", "aria-labelledby": "key-form-title", novalidate: true },
    el("h2", { id: "key-form-title" }, "Create an API key"),
    field("Integration", integration),
    field("Key name", name, el("p", { class: "hint" }, "Says where the key is used, so you know which one to revoke.")),
    el("p", { class: "error", role: "alert", hidden: true }),
    submit, result);
  const element = el("div", { class: "page" },
    el("h1", {}, "API keys"),
    el("p", { class: "lead" }, "An API key works like its integration's token (REST, MCP, the WebSocket) and can be revoked on its own."),
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "keys-title" }, el("h2", { id: "keys-title" }, "Keys"), groups),
      form));

  async function refresh() {
    const integrations = await api.integrations();
    const chosen = integration.value;
    integration.replaceChildren(...(integrations.length === 0
      ? [el("option", { value: "" }, "Pair a phone first")]
      : integrations.map((one) => el("option", { value: one.id }, one.name === one.phone ? one.phone : `${one.name} (${one.phone})`))));
    if (integrations.some((one) => one.id === chosen)) integration.value = chosen;
    submit.disabled = integrations.length === 0;
    const keys = await Promise.all(integrations.map((one) => api.apiKeys(one.id)));
    groups.replaceChildren(...(integrations.length === 0
      ? [el("p", { class: "empty" }, "No phone is paired yet; keys belong to an integration.")]
      : integrations.map((one, index) => el("section", { class: "key-group", "aria-label": `Keys of ${one.name}` },
        el("h3", {}, one.name, " ", el("span", { class: "muted" }, one.phone)),
        keys[index].length === 0
          ? el("p", { class: "empty" }, "No API keys.")
          : el("div", { class: "list" }, keys[index].map((key) => keyRow(one, key)))))));
  }

  function keyRow(integrationView, key) {
    const revoke = dangerButton("Revoke", `Revoke ${key.name} (${key.prefix}…)`, {
      title: "Revoke this API key?",
      text: `${key.name} (${key.prefix}…) of ${integrationView.name} stops working at once; agents using it are disconnected. This cannot be undone.`,
    }, async () => {
      await api.revokeApiKey(integrationView.id, key.id);
      await refresh();
    });
    return el("div", { class: "item", "data-key-id": key.id },
      el("span", { class: "item-main" },
        el("strong", { class: "item-name" }, key.name),
        el("span", { class: "muted" }, el("code", {}, `${key.prefix}…`),
          ` · made ${when(key.createdAt)} · ${key.lastUsedAt ? `last used ${when(key.lastUsedAt)}` : "never used"}`)),
      el("span", { class: "item-side" }, revoke));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    result.replaceChildren();
    submit.disabled = true;
    try {
      const created = await api.createApiKey(integration.value, name.value.trim() || undefined);
      name.value = "";
      result.replaceChildren(el("div", { class: "success", role: "status" },
        el("p", {}, "Created ", el("strong", {}, created.name), ". Copy the key now; it is shown only once."),
        oneTimeSecret("key-value", "API key", created.key, "The agent sends it as Authorization: Bearer, like the integration token.")));
      await refresh();
    } catch (error) {
      showErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });

  return { title: "API keys", element, refresh };
}
