// One integration: who answers it and its state, pause/resume, rename, settings, delete, and its
// conversations and sessions.

import { api } from "./api.js";
import { clearErrors, el, minutesOf, showErrors, timeSpanOf, when } from "./dom.js";
import { field } from "./integrations.js";
import { conversationList } from "./conversation.js";
import { stateBadge, stateLine } from "./state.js";

export function integrationView(id) {
  let integration = null;
  let formsFilled = false;

  const heading = el("h1", { id: "integration-title" }, "Integration");
  const summary = el("p", { class: "lead", id: "integration-summary" });
  const status = el("span", { id: "integration-status" });
  const state = el("p", { id: "integration-state" });
  const problem = el("p", { class: "problem", hidden: true });
  const toggle = el("button", { type: "button", id: "pause-toggle", class: "primary" }, "Pause");
  const remove = el("button", { type: "button", id: "delete", class: "danger" }, "Delete…");
  const conversations = el("div", { class: "list", id: "conversation-list" });

  const nameInput = el("input", { id: "rename-name", name: "name", maxlength: "100", required: true, "data-field": "name" });
  const renameForm = el("form", { class: "card", id: "rename-form", "aria-labelledby": "rename-title", novalidate: true },
    el("h2", { id: "rename-title" }, "Rename"),
    field("Name", nameInput),
    el("p", { class: "error", role: "alert", hidden: true }),
    el("button", { type: "submit", class: "primary" }, "Save name"));

  const ownAgent = el("input", { type: "radio", name: "agent", id: "agent-own", value: "own", "data-field": "agent" });
  const builtInAgent = el("input", { type: "radio", name: "agent", id: "agent-builtin", value: "builtin" });
  const agentForm = el("form", { class: "card", id: "agent-form", "aria-labelledby": "agent-title", novalidate: true },
    el("h2", { id: "agent-title" }, "Answered by"),
    el("fieldset", { class: "choices" },
      el("legend", { class: "hint" }, "Who answers this phone's texts."),
      el("div", { class: "field check" }, ownAgent,
        el("label", { for: ownAgent.id }, "Its own agent, over its WebSocket or webhooks")),
      el("div", { class: "field check" }, builtInAgent,
        el("label", { for: builtInAgent.id }, "The built-in agent, with the settings below"))),
    el("p", { class: "error", role: "alert", hidden: true }),
    el("p", { class: "saved", role: "status" }),
    el("button", { type: "submit", class: "primary" }, "Save"));

  const model = el("input", { id: "settings-model", name: "model", "data-field": "settings.model", placeholder: "the runtime's model", spellcheck: "false" });
  const effort = el("select", { id: "settings-effort", name: "effort", "data-field": "settings.effort" },
    el("option", { value: "" }, "Runtime default"), el("option", { value: "low" }, "Low"),
    el("option", { value: "medium" }, "Medium"), el("option", { value: "high" }, "High"));
  const botName = el("input", { id: "settings-bot-name", name: "botName", maxlength: "100", "data-field": "settings.botName" });
  const timeout = el("input", { id: "settings-timeout", name: "sessionTimeout", type: "number", min: "1", step: "1", "data-field": "settings.sessionTimeout" });
  const showTools = el("input", { id: "settings-show-tools", name: "showToolCalls", type: "checkbox" });
  const settingsForm = el("form", { class: "card", id: "settings-form", "aria-labelledby": "settings-title", novalidate: true },
    el("h2", { id: "settings-title" }, "Settings"),
    el("p", { class: "hint" }, "The built-in agent uses them when it answers this phone; its own agent gets them in the WebSocket's connected frame."),
    field("Model override", model),
    field("Reasoning effort", effort),
    field("Bot name", botName),
    field("Session timeout in minutes", timeout),
    el("div", { class: "field check" }, showTools, el("label", { for: showTools.id }, "Show tool calls as bubbles")),
    el("p", { class: "error", role: "alert", hidden: true }),
    el("p", { class: "saved", role: "status" }),
    el("button", { type: "submit", class: "primary" }, "Save settings"));

  const element = el("div", { class: "page" },
    el("p", { class: "crumbs" }, el("a", { href: "#/integrations" }, "Integrations"), " ›"),
    el("div", { class: "title-row" }, heading, status),
    summary, state, problem,
    el("div", { class: "actions", role: "group", "aria-label": "Integration actions" }, toggle, remove),
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "conversations-title" }, el("h2", { id: "conversations-title" }, "Conversations"), conversations),
      el("div", { class: "stack" }, agentForm, renameForm, settingsForm)));

  function show(next) {
    integration = next;
    heading.textContent = next.name;
    status.replaceChildren(stateBadge(next));
    state.replaceChildren(stateLine(next));
    summary.textContent = `${next.phone} · on ${next.transport} · paired ${when(next.createdAt)} · ${next.queuedEvents} queued`;
    problem.textContent = next.problem ?? "";
    problem.hidden = !next.problem;
    toggle.textContent = next.status === "paused" ? "Resume" : "Pause";
    if (!formsFilled) {
      formsFilled = true;
      nameInput.value = next.name;
      ownAgent.checked = next.agent !== "builtin";
      builtInAgent.checked = next.agent === "builtin";
      model.value = next.settings.model ?? "";
      effort.value = next.settings.effort ?? "";
      botName.value = next.settings.botName ?? "";
      timeout.value = minutesOf(next.settings.sessionTimeout);
      showTools.checked = next.settings.showToolCalls === true;
    }
  }

  async function refresh() {
    const all = await api.integrations();
    const found = all.find((candidate) => candidate.id === id);
    if (!found) {
      element.replaceChildren(el("h1", {}, "Integration not found"),
        el("p", {}, "It was deleted, or never existed. ", el("a", { href: "#/integrations" }, "Back to integrations")));
      return;
    }
    show(found);
    conversations.replaceChildren(...conversationList(await api.conversationsOf(id), "This phone has no conversations yet."));
  }

  toggle.addEventListener("click", async () => {
    toggle.disabled = true;
    try {
      if (integration.status === "paused") await api.resume(id);
      else await api.pause(id);
      await refresh();
    } catch (error) {
      window.dispatchEvent(new CustomEvent("dashboard-error", { detail: error }));
    } finally {
      toggle.disabled = false;
    }
  });

  agentForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(agentForm);
    const saved = agentForm.querySelector(".saved");
    saved.textContent = "";
    const agent = builtInAgent.checked ? "builtin" : "own";
    try {
      await api.patch(id, { agent });
      saved.textContent = agent === "builtin" ? "The built-in agent answers this phone now." : "Its own agent answers this phone now.";
      await refresh();
    } catch (error) {
      showErrors(agentForm, error);
    }
  });

  renameForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(renameForm);
    try {
      await api.patch(id, { name: nameInput.value.trim() });
      nameInput.value = nameInput.value.trim();
      await refresh();
    } catch (error) {
      showErrors(renameForm, error);
    }
  });

  settingsForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(settingsForm);
    const saved = settingsForm.querySelector(".saved");
    saved.textContent = "";
    try {
      await api.patch(id, {
        settings: {
          model: model.value.trim() || null,
          effort: effort.value || null,
          botName: botName.value.trim() || null,
          sessionTimeout: timeSpanOf(timeout.value),
          showToolCalls: showTools.checked,
        },
      });
      saved.textContent = "Settings saved.";
      await refresh();
    } catch (error) {
      showErrors(settingsForm, error);
    }
  });

  remove.addEventListener("click", () => {
    const dialog = document.getElementById("delete-dialog");
    document.getElementById("delete-text").textContent =
      `${integration.name} (${integration.phone}): its token stops working and its agent is disconnected. This cannot be undone.`;
    document.getElementById("delete-purge").checked = false;
    dialog.returnValue = "";
    dialog.addEventListener("close", async () => {
      if (dialog.returnValue !== "delete") {
        remove.focus();
        return;
      }
      try {
        await api.remove(id, document.getElementById("delete-purge").checked);
        location.hash = "#/integrations";
      } catch (error) {
        window.dispatchEvent(new CustomEvent("dashboard-error", { detail: error }));
      }
    }, { once: true });
    dialog.showModal();
  });

  return { title: "Integration", element, refresh };
}
