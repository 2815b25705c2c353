// System: what this node runs (version, store, model, transports and their capabilities), health, recent errors.

import { api } from "./api.js";
import { el, when } from "./dom.js";

const capabilityNames = {
  typing: "Typing", readReceipts: "Read receipts", tapbacksSent: "Sends tapbacks", tapbacksReceived: "Receives tapbacks",
  attachments: "Attachments", voiceNotes: "Voice notes", edits: "Edits", groups: "Groups", idempotentSends: "Idempotent sends",
};

export function systemView() {
  const facts = el("dl", { class: "facts", id: "system-facts" });
  const transports = el("div", { class: "list", id: "transport-list" });
  const health = el("ul", { class: "plain", id: "health-list" });
  const errors = el("div", { class: "list", id: "error-list" });
  const element = el("div", { class: "page" },
    el("h1", {}, "System"),
    el("section", { "aria-labelledby": "node-title" }, el("h2", { id: "node-title" }, "This node"), facts),
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "transports-title" }, el("h2", { id: "transports-title" }, "Transports"), transports),
      el("section", { "aria-labelledby": "health-title" }, el("h2", { id: "health-title" }, "Health"), health)),
    el("section", { "aria-labelledby": "errors-title" }, el("h2", { id: "errors-title" }, "Recent errors"), errors));

  async function refresh() {
    const system = await api.system();
    facts.replaceChildren(
      ...fact("Version", system.version),
      ...fact("Store", system.store),
      ...fact("Model", system.model.enabled ? system.model.description : "Built-in agent off"),
      ...fact("Health", system.health));
    transports.replaceChildren(...system.transports.map((transport) => el("div", { class: "item" },
      el("span", { class: "item-main" },
        el("strong", { class: "item-name" }, transport.name),
        el("span", { class: "muted" }, transport.kind),
        el("ul", { class: "chips", "aria-label": `What ${transport.name} can do` },
          Object.entries(capabilityNames).map(([key, name]) =>
            el("li", { class: transport.capabilities[key] ? "yes" : "no" }, `${transport.capabilities[key] ? "✓" : "✗"} ${name}`))),
        bridgeHealth(transport)),
      transport.health?.state === "degraded"
        ? el("span", { class: "badge health-degraded", "data-transport-state": "degraded" }, "degraded")
        : el("span", { class: "badge status-connected", "data-transport-state": "live" }, "live"))));
    health.replaceChildren(...system.healthChecks.map((check) =>
      el("li", {}, el("span", { class: `badge health-${check.status.toLowerCase()}` }, check.status), ` ${check.name}${check.description ? `: ${check.description}` : ""}`)));
    errors.replaceChildren(...(system.errors.length === 0
      ? [el("p", { class: "empty" }, "No errors lately.")]
      : system.errors.map((error) => el("div", { class: "item" },
        el("span", { class: "item-main" },
          el("span", {}, el("span", { class: "badge status-error" }, error.source), " ", error.detail),
          el("span", { class: "muted" }, when(error.at))),
        error.conversationId ? el("a", { href: `#/conversations/${encodeURIComponent(error.conversationId)}` }, "Conversation") : null))));
  }
  return { title: "System", element, refresh };
}

// The watchdog's word on a bridge (docs/governor.md, "Watchdog"): why it is degraded and since when,
// or a stall it is still confirming; nothing for a transport it does not watch.
function bridgeHealth(transport) {
  const health = transport.health;
  if (!health) {
    return null;
  }
  if (health.state === "degraded") {
    return el("span", { class: "transport-health", id: `transport-health-${transport.name}` },
      `Degraded since ${when(health.since)}: ${health.reason ?? ""}`);
  }
  return el("span", { class: "muted transport-health", id: `transport-health-${transport.name}` },
    health.suspected ? `Watched: confirming a possible stall: ${health.suspected}` : "Watched by the watchdog: working.");
}

function fact(term, value) {
  return [el("dt", {}, term), el("dd", {}, value)];
}
