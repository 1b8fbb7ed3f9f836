import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Zalo's two endpoints the ZNS channel uses, following their documented shapes:
 * POST /v4/oa/access_token (form: app_id, grant_type=refresh_token, refresh_token; header secret_key)
 * answers { access_token, refresh_token, expires_in }; each refresh token works once. POST
 * /message/template (header access_token; JSON phone, template_id, template_data, tracking_id)
 * answers { error: 0, message, data: { msg_id, sent_time, quota } } or { error: <code>, message }.
 */

export interface ZnsMessage {
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
  msgId: string;
}

export interface ZnsStandInOptions {
  appId: string;
  secretKey: string;
  refreshToken: string;
  /** Seconds an access token lives (Zalo: 25 hours). */
  tokenLifetimeSeconds?: number;
  /** Phones (84…) answered -118: no Zalo account. */
  notOnZalo?: Iterable<string>;
}

/**
 * What the token endpoint does instead of its job: no answer (the connection dropped), a page that is
 * not JSON, Zalo's error -118, or good tokens with an unreadable lifetime.
 */
export type TokenFault = "down" | "garbage" | "error-118" | "bad-expiry" | null;

export class ZnsStandIn {
  readonly messages: ZnsMessage[] = [];
  refreshes = 0;
  /** Refresh requests answered with a fault. */
  faultyRefreshes = 0;
  /** Refresh requests with a refresh token that is spent or was never given. */
  refusedRefreshes = 0;
  tokenFault: TokenFault = null;
  expiredTokenAnswers = 0;
  private server: Server | null = null;
  private validRefresh: string;
  private readonly accessTokens = new Map<string, number>();
  private readonly notOnZalo: Set<string>;

  constructor(private readonly options: ZnsStandInOptions) {
    this.validRefresh = options.refreshToken;
    this.notOnZalo = new Set(options.notOnZalo ?? []);
  }

  get root(): string {
    if (!this.server) throw new Error("the ZNS stand-in is not started");
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", () => resolve()));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The refresh token that works now (Zalo's are single-use): a test checks the bot kept it. */
  get currentRefreshToken(): string {
    return this.validRefresh;
  }

  /** Every access token handed out so far expires now (as after 25 hours). */
  expireTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    res.setHeader("content-type", "application/json");
    if (req.method === "POST" && req.url === "/v4/oa/access_token") return this.token(req, raw, res);
    if (req.method === "POST" && req.url === "/message/template") return this.template(req, raw, res);
    res.statusCode = 404;
    res.end(JSON.stringify({ error: 404, message: "not found" }));
  }

  private token(req: IncomingMessage, raw: string, res: ServerResponse): void {
    if (this.tokenFault && this.tokenFault !== "bad-expiry") {
      this.faultyRefreshes++;
      if (this.tokenFault === "down") return void res.destroy();
      if (this.tokenFault === "garbage") return void res.end("<html>502 Bad Gateway</html>");
      return void res.end(JSON.stringify({ error: -118, error_name: "Zalo account does not exist or is inactive" }));
    }
    const form = new URLSearchParams(raw);
    const ok =
      req.headers.secret_key === this.options.secretKey &&
      form.get("app_id") === this.options.appId &&
      form.get("grant_type") === "refresh_token" &&
      form.get("refresh_token") === this.validRefresh;
    if (!ok) {
      this.refusedRefreshes++;
      res.end(JSON.stringify({ error: -14014, error_name: "Invalid refresh token", error_description: "" }));
      return;
    }
    this.refreshes++;
    const lifetime = this.options.tokenLifetimeSeconds ?? 90_000;
    const access = `at-${randomUUID()}`;
    this.accessTokens.set(access, Date.now() + lifetime * 1000);
    this.validRefresh = `rt-${randomUUID()}`;
    const expiresIn = this.tokenFault === "bad-expiry" ? "soon" : String(lifetime);
    res.end(JSON.stringify({ access_token: access, refresh_token: this.validRefresh, expires_in: expiresIn }));
  }

  private template(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const token = String(req.headers.access_token ?? "");
    const expires = this.accessTokens.get(token);
    if (expires === undefined || expires < Date.now()) {
      this.expiredTokenAnswers++;
      res.end(JSON.stringify({ error: -124, message: "Access token is invalid" }));
      return;
    }
    const body = JSON.parse(raw) as {
      phone?: string;
      template_id?: string;
      template_data?: object;
      tracking_id?: string;
    };
    if (!body.phone || !/^84\d{9,10}$/.test(body.phone)) {
      res.end(JSON.stringify({ error: -108, message: "Phone number is invalid" }));
      return;
    }
    if (this.notOnZalo.has(body.phone)) {
      res.end(JSON.stringify({ error: -118, message: "Zalo account does not exist or is inactive" }));
      return;
    }
    const msgId = `zns-${this.messages.length + 1}`;
    this.messages.push({
      phone: body.phone,
      templateId: String(body.template_id),
      templateData: (body.template_data ?? {}) as Record<string, string>,
      trackingId: String(body.tracking_id),
      msgId,
    });
    res.end(
      JSON.stringify({
        error: 0,
        message: "Success",
        data: { msg_id: msgId, sent_time: String(Date.now()), quota: { dailyQuota: "500", remainingQuota: "499" } },
      }),
    );
  }
}
