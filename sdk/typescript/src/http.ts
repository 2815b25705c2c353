import { TapbackApiError, type ProblemDetails } from "./errors.js";

/** What every HTTP call of the SDK may carry. */
export interface RequestOptions {
  /** Cancels the call (and any wait between retries). */
  signal?: AbortSignal;
}

export interface HttpOptions {
  /** Tapback's base URL, e.g. `http://localhost:5000`. */
  url: string | URL;
  /** `Authorization: Bearer` credential: the integration token (`tbk_…`) or an API key (`tbk_key_…`). */
  token?: string;
  /** Retries of a call that may be repeated safely (network error, 429, 503), honouring `Retry-After`. Default 2. */
  maxRetries?: number;
  /** The longest wait between two tries, in milliseconds. Default 30 000. */
  maxRetryDelayMs?: number;
  /** A `fetch` of your own (a proxy, a test double); default the global one. */
  fetch?: typeof fetch;
}

interface Call {
  method: string;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether repeating the call is harmless (a GET, or a write with its idempotency key). */
  retry: boolean;
  signal?: AbortSignal | undefined;
}

/** The one place the SDK talks HTTP: base URL, credential, JSON both ways, problem+json, safe retries. */
export class Http {
  private readonly base: URL;
  private readonly fetch: typeof fetch;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;

  constructor(private readonly options: HttpOptions) {
    this.base = new URL(options.url);
    // A relative path joined to a base without a trailing slash would drop the base's last segment.
    if (!this.base.pathname.endsWith("/")) this.base.pathname += "/";
    this.fetch = options.fetch ?? globalThis.fetch;
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  }

  url(path: string): URL {
    return new URL(path.replace(/^\//, ""), this.base);
  }

  async json<T>(call: Call): Promise<T> {
    const response = await this.send(call);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async send(call: Call): Promise<Response> {
    const url = this.url(call.path);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    let body: string | undefined;
    if (call.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(call.body);
    }

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, { method: call.method, headers, body, signal: call.signal });
      } catch (error) {
        if (call.signal?.aborted || !call.retry || attempt >= this.maxRetries) throw error;
        await delay(this.backoff(attempt), call.signal);
        continue;
      }
      if (response.ok) return response;

      const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
      if (call.retry && attempt < this.maxRetries && (response.status === 429 || response.status === 503)) {
        await response.body?.cancel();
        await delay(Math.min(this.maxRetryDelayMs, retryAfter !== undefined ? retryAfter * 1000 : this.backoff(attempt)), call.signal);
        continue;
      }
      throw new TapbackApiError(response.status, await problemOf(response), retryAfter);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxRetryDelayMs, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
  }
}

async function problemOf(response: Response): Promise<ProblemDetails> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object") return parsed as ProblemDetails;
  } catch {
    // Not JSON (a proxy's page): keep its text as the detail.
  }
  return { status: response.status, title: response.statusText, detail: text.slice(0, 1000) || undefined };
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Waits, or rejects with the signal's reason once it aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
