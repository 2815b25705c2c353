// Who answers an integration's phone, as the list and the integration page show it: the badge, and a
// line that says how its agent is reached (or what to do while it waits for one).

import { el, when } from "./dom.js";

const labels = {
  connected: "connected",
  webhooks: "webhooks",
  builtin: "built-in agent",
  waiting: "waiting for its agent",
  paused: "paused",
  error: "error",
};

export function stateBadge(integration) {
  return el("span", { class: `badge status-${integration.status}`, "data-status": integration.status }, labels[integration.status] ?? integration.status);
}

/** One sentence: how the agent is reached now. */
export function stateLine(integration) {
  const line = el("span", { class: "state-line muted", "data-reached-by": integration.reachedBy });
  switch (integration.reachedBy) {
    case "builtin":
      line.textContent = "The built-in agent answers this phone, with this integration's settings.";
      break;
    case "websocket":
      line.textContent = "Its agent's WebSocket is connected.";
      break;
    case "webhooks":
      line.append(webhooksLine(integration.webhooks));
      break;
    default:
      line.classList.add("waiting");
      line.textContent = integration.waiting ?? "Waiting for its agent.";
  }
  return line;
}

function webhooksLine(webhooks) {
  const count = webhooks.webhooks === 1 ? "1 webhook" : `${webhooks.webhooks} webhooks`;
  const last = webhooks.lastDeliveredAt ? `last delivery ${when(webhooks.lastDeliveredAt)}` : "nothing delivered yet";
  if (!webhooks.failing) {
    return `Reached by ${count} · ${last}.`;
  }
  return el("span", {},
    `Reached by ${count} · ${last} · `,
    el("strong", { class: "failing" }, `failing since ${when(webhooks.lastFailedAt)}`),
    webhooks.lastError ? `: ${webhooks.lastError.replace(/\.$/, "")}` : "",
    ". See Webhooks for the delivery log.");
}
