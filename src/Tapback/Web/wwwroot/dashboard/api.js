// The dashboard's calls: its own read models under /api/dashboard, integration changes under /api/admin.
// The sign-in cookie authenticates them; the server refuses it on changes from any other origin.

/** An API failure whose message is ready to show: problem+json detail, or its field errors. */
export class ApiError extends Error {
  constructor(message, status, errors) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.errors = errors ?? {};
  }
}

async function failure(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // Not JSON: fall back to the status line.
  }
  const errors = problem?.errors && typeof problem.errors === "object" ? problem.errors : {};
  const message = problem?.detail || problem?.title || `The server answered ${response.status}.`;
  return new ApiError(message, response.status, errors);
}

export async function request(path, { method = "GET", body, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError("Tapback is not reachable. Is the gateway running?", 0);
  }
  if (response.status === 401) {
    // The sign-in ended (expired, or the admin token changed): back to the sign-in page.
    location.assign("/signin");
    throw new ApiError("Signed out.", 401);
  }
  if (!response.ok) {
    throw await failure(response);
  }
  // 204 and a bare 202 (a replay) have no body; a queued reply's 202 has one.
  const text = response.status === 204 ? "" : await response.text();
  return text ? JSON.parse(text) : null;
}

const dashboard = (path) => `/api/dashboard${path}`;
const admin = (path) => `/api/admin${path}`;
const id = encodeURIComponent;

export const api = {
  integrations: () => request(dashboard("/integrations")),
  connect: (form) => request(dashboard("/connect"), { method: "POST", body: form }),
  patch: (integrationId, body) => request(admin(`/integrations/${id(integrationId)}`), { method: "PATCH", body }),
  pause: (integrationId) => request(admin(`/integrations/${id(integrationId)}/pause`), { method: "POST" }),
  resume: (integrationId) => request(admin(`/integrations/${id(integrationId)}/resume`), { method: "POST" }),
  remove: (integrationId, purgeHistory) =>
    request(admin(`/integrations/${id(integrationId)}?purgeHistory=${purgeHistory}`), { method: "DELETE" }),
  conversationsOf: (integrationId) => request(dashboard(`/integrations/${id(integrationId)}/conversations`)),
  conversations: () => request(dashboard("/conversations")),
  history: (conversationId, sessionId) =>
    request(dashboard(`/conversations/${id(conversationId)}${sessionId ? `?session=${id(sessionId)}` : ""}`)),
  webhooks: () => request(dashboard("/webhooks")),
  deliveries: (webhookId, status) => request(dashboard(`/webhooks/${id(webhookId)}/deliveries${status ? `?status=${id(status)}` : ""}`)),
  replay: (webhookId, deliveryId) =>
    request(dashboard(`/webhooks/${id(webhookId)}/deliveries/${id(deliveryId)}/replay`), { method: "POST" }),
  // The operator's reply goes through the gateway's one send path; the key makes a retry send nothing twice.
  reply: (conversationId, text, idempotencyKey) =>
    request(admin(`/conversations/${id(conversationId)}/messages`), { method: "POST", body: { body: text }, headers: { "Idempotency-Key": idempotencyKey } }),
  // The loop breaker's pause ends; the sends it held go out in order.
  resumeConversation: (conversationId) => request(admin(`/conversations/${id(conversationId)}/resume`), { method: "POST" }),
  webhookEventTypes: () => request(dashboard("/webhooks/event-types")),
  createWebhook: (integrationId, url, events) =>
    request(admin(`/integrations/${id(integrationId)}/webhooks`), { method: "POST", body: { url, events } }),
  deleteWebhook: (integrationId, webhookId) =>
    request(admin(`/integrations/${id(integrationId)}/webhooks/${id(webhookId)}`), { method: "DELETE" }),
  apiKeys: (integrationId) => request(admin(`/integrations/${id(integrationId)}/api-keys`)),
  createApiKey: (integrationId, name) => request(admin(`/integrations/${id(integrationId)}/api-keys`), { method: "POST", body: { name } }),
  revokeApiKey: (integrationId, keyId) =>
    request(admin(`/integrations/${id(integrationId)}/api-keys/${id(keyId)}`), { method: "DELETE" }),
  system: () => request(dashboard("/system")),
  held: () => request(admin("/held")),
  releaseHeld: (messageId) => request(admin(`/held/${id(messageId)}/release`), { method: "POST" }),
  discardHeld: (messageId) => request(admin(`/held/${id(messageId)}/discard`), { method: "POST" }),
  signOut: () => request(dashboard("/signout"), { method: "POST" }),
};
