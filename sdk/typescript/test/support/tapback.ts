import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { exchange, type Pairing } from "../../src/index.js";

/** The repository root: the folder above this file that holds Tapback.slnx. */
export const repository = (() => {
  for (let folder = dirname(fileURLToPath(import.meta.url)); folder !== dirname(folder); folder = dirname(folder)) {
    if (existsSync(join(folder, "Tapback.slnx"))) return folder;
  }
  throw new Error("No Tapback.slnx above the tests.");
})();

/** One event of a simulated phone's log (docs/simulator.md). */
export interface PhoneEvent {
  id: number;
  type: string;
  messageId?: string;
  text?: string;
  fromMe?: boolean;
  reaction?: string;
  attachments?: unknown[];
}

/**
 * A real Tapback: the built Tapback.dll as a child process on a free loopback port, with its own data
 * directory (SQLite) and the simulator transport, so a test can kill it and start it again on the same
 * data. Built once, when the build is missing (scripts/test.sh builds it before).
 */
export class Tapback {
  private process: ChildProcess | undefined;
  private log = "";

  private constructor(
    readonly url: string,
    readonly dataDirectory: string,
    private readonly settings: Record<string, string>,
  ) {}

  static async start(settings: Record<string, string> = {}): Promise<Tapback> {
    const port = await freePort();
    const tapback = new Tapback(`http://127.0.0.1:${port}`, mkdtempSync(join(tmpdir(), "tapback-sdk-ts-")), settings);
    await tapback.run();
    return tapback;
  }

  /** SIGKILL, as a crash or an OOM kill: no shutdown code runs. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /** Starts it again where its clients expect it, on the same data directory. */
  async restart(): Promise<void> {
    await this.kill();
    await this.run();
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDirectory, { recursive: true, force: true });
  }

  /** The phone texts the gateway; answers the stored message's id. */
  async text(from: string, text: string): Promise<string> {
    const response = await fetch(`${this.url}/api/simulator/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ from, text }),
    });
    if (!response.ok) throw new Error(`The simulator refused the message: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { messageId: string }).messageId;
  }

  async phoneEvents(handle: string): Promise<PhoneEvent[]> {
    const response = await fetch(`${this.url}/api/simulator/conversations/${encodeURIComponent(handle)}/events`);
    if (!response.ok) throw new Error(`The simulator's events answered ${response.status}.`);
    return (await response.json()) as PhoneEvent[];
  }

  /** The agent's bubbles on the phone, by text. */
  async bubbles(handle: string): Promise<string[]> {
    return (await this.phoneEvents(handle)).filter((event) => event.type === "message.received").map((event) => event.text ?? "");
  }

  /** Pairs `phone` as a person does: texts `/setup`, reads the code off the phone, exchanges it. */
  async pair(phone: string): Promise<Pairing> {
    // A phone paired before holds its earlier code in its log: read only what comes after the ask.
    const seen = Math.max(0, ...(await this.phoneEvents(phone)).map((event) => event.id));
    await this.text(phone, "/setup");
    const code = await waitFor(async () => {
      for (const event of (await this.phoneEvents(phone)).filter((event) => event.id > seen).reverse()) {
        const match = /code is (\d{6})/.exec(event.text ?? "");
        if (match) return match[1];
      }
      return undefined;
    }, "the setup code");
    return exchange(phone, code!, { url: this.url });
  }

  /** What the process printed, for a failing test's message. */
  get output(): string {
    return this.log.slice(-4000);
  }

  private async run(): Promise<void> {
    const dll = tapbackDll();
    const args = [
      dll,
      `--urls=${this.url}`,
      `--Tapback:DataDirectory=${this.dataDirectory}`,
      "--Tapback:Storage:Provider=sqlite",
      `--Tapback:Admin:Token=${adminToken}`,
      // The model is never asked: every phone here is paired with the SDK's agent.
      "--Tapback:Agent:Provider=offline",
      // The webhook receiver is on loopback.
      "--Tapback:Webhooks:AllowPrivateUrls=true",
      "--Logging:LogLevel:Default=Warning",
      ...Object.entries(this.settings).map(([key, value]) => `--${key}=${value}`),
    ];
    const child = spawn("dotnet", args, { cwd: this.dataDirectory, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } });
    this.process = child;
    child.stdout!.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`Tapback exited with ${child.exitCode} before it was healthy:\n${this.output}`);
      try {
        return (await fetch(`${this.url}/healthz`)).ok || undefined;
      } catch {
        return undefined;
      }
    }, "Tapback to be healthy", 90_000);
  }
}

const adminToken = randomBytes(32).toString("hex");

function tapbackDll(): string {
  if (process.env.TAPBACK_DLL) return process.env.TAPBACK_DLL;
  const dll = join(repository, "src/Tapback/bin/Debug/net10.0/Tapback.dll");
  if (!existsSync(dll)) {
    const build = spawnSync("dotnet", ["build", join(repository, "src/Tapback"), "--nologo", "-v", "quiet"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("dotnet build src/Tapback failed.");
  }
  return dll;
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Polls `probe` until it answers something other than undefined. The deadline is generous (a loaded
 * two-core machine); a passing test returns as soon as the condition holds.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string | (() => string), timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${typeof what === "string" ? what : what()}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A promise with its resolve outside, for gates in tests. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The compiled example `file` (under build-test/examples/), able to import "tapback" as its users do:
 * build-test/node_modules/tapback links to this package (its dist/, built before the tests).
 */
export function example(file: string): string {
  const buildTest = join(repository, "sdk/typescript/build-test");
  const link = join(buildTest, "node_modules/tapback");
  if (!existsSync(link)) {
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repository, "sdk/typescript"), link, "dir");
  }
  return join(buildTest, "examples", file);
}
