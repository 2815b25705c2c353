import { createHmac, timingSafeEqual } from "node:crypto";
import { TapbackError } from "./errors.js";
import { webhookEventTypes, type UnknownWebhookEvent, type WebhookEvent } from "./webhook-events.js";

/** A delivery that is not Tapback's: a wrong signature, a stale timestamp, missing headers. Answer it 401. */
export class WebhookVerificationError extends TapbackError {
  override name = "WebhookVerificationError";
}

/** Request headers as Node (`req.headers`) or fetch (`Headers`) give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, in seconds (either way). Default 300. */
  toleranceSeconds?: number;
  /** The clock (tests). */
  now?: () => Date;
}

const Prefix = "whsec_";

/**
 * The key bytes of a `whsec_…` secret. Forgiving of how secrets get pasted: surrounding whitespace or
 * quotes, a JSON-escaped `\u002B` or `\/`, a URL-encoded `%2B`, or a `+` that a form or a shell turned
 * into a space. A secret that is still not base64 throws, saying so (and never echoing the secret).
 */
export function webhookSecretKey(secret: string): Buffer {
  let text = secret.trim().replace(/^["']|["']$/g, "").trim();
  if (text.startsWith(Prefix)) text = text.slice(Prefix.length);
  text = text
    .replace(/\\u002[bB]/g, "+")
    .replace(/\\u002[fF]/g, "/")
    .replace(/\\u003[dD]/g, "=")
    .replace(/\\\//g, "/")
    .replace(/%2[bB]/g, "+")
    .replace(/%2[fF]/g, "/")
    .replace(/%3[dD]/g, "=")
    .replace(/ /g, "+");
  if (text.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new TypeError(
      "The webhook secret is not 'whsec_' followed by base64. Copy the secret exactly as POST /v2/webhooks (or its rotation) printed it.",
    );
  }
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/**
 * Verifies Tapback's deliveries (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` with `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`).
 */
export class WebhookVerifier {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly options: VerifyOptions = {},
  ) {
    this.key = webhookSecretKey(secret);
  }

  /**
   * Checks the raw body (exactly as received, before any parsing) against the headers, and returns
   * the parsed event. Throws `WebhookVerificationError` for a delivery to refuse.
   */
  verify(body: string | Uint8Array, headers: WebhookHeaders): WebhookEvent | UnknownWebhookEvent {
    const id = header(headers, "webhook-id");
    const timestamp = header(headers, "webhook-timestamp");
    const signatures = header(headers, "webhook-signature");
    if (!id || !timestamp || !signatures) {
      throw new WebhookVerificationError("The request lacks the webhook-id, webhook-timestamp or webhook-signature header.");
    }
    if (!/^\d{1,15}$/.test(timestamp)) throw new WebhookVerificationError("webhook-timestamp is not Unix seconds.");
    const now = (this.options.now?.() ?? new Date()).getTime() / 1000;
    const tolerance = this.options.toleranceSeconds ?? 300;
    // A timestamp far off is a replay of a captured request (or a clock to fix).
    if (Math.abs(now - Number(timestamp)) > tolerance) {
      throw new WebhookVerificationError(`webhook-timestamp is more than ${tolerance} s from this machine's clock.`);
    }

    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const expected = Buffer.from(
      createHmac("sha256", this.key).update(`${id}.${timestamp}.`).update(bytes).digest("base64"),
      "ascii",
    );
    // During a secret rotation there are two, separated by a space: any one matching is enough.
    const matches = signatures.split(" ").some((signature) => {
      if (!signature.startsWith("v1,")) return false;
      const given = Buffer.from(signature.slice(3), "ascii");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) throw new WebhookVerificationError("No v1 signature in webhook-signature matches this secret and body.");
    return parseWebhookEvent(bytes.toString("utf8"));
  }

  /** True when `verify` would accept the delivery. */
  isValid(body: string | Uint8Array, headers: WebhookHeaders): boolean {
    try {
      this.verify(body, headers);
      return true;
    } catch (error) {
      if (error instanceof WebhookVerificationError) return false;
      throw error;
    }
  }
}

/** Verifies one delivery with `secret`; see `WebhookVerifier`. */
export function verifyWebhook(secret: string, body: string | Uint8Array, headers: WebhookHeaders, options?: VerifyOptions): WebhookEvent | UnknownWebhookEvent {
  return new WebhookVerifier(secret, options).verify(body, headers);
}

/** Parses a delivery's body into a typed event (narrow on `type`); an unknown type comes as `type: "unknown"`. */
export function parseWebhookEvent(body: string | Uint8Array | Record<string, unknown>): WebhookEvent | UnknownWebhookEvent {
  const parsed = (typeof body === "string" || body instanceof Uint8Array ? JSON.parse(Buffer.from(body).toString("utf8")) : body) as Record<string, unknown>;
  if (!parsed || typeof parsed !== "object" || typeof parsed.type !== "string" || typeof parsed.id !== "string") {
    throw new WebhookVerificationError("The body is not a Tapback webhook event: {id, type, created_at, data}.");
  }
  const event = { id: parsed.id, type: parsed.type, created_at: String(parsed.created_at ?? ""), data: parsed.data ?? {} };
  if ((webhookEventTypes as readonly string[]).includes(event.type)) return event as WebhookEvent;
  return { id: event.id, type: "unknown", eventType: event.type, created_at: event.created_at, data: event.data };
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value.join(" ") : value;
}
