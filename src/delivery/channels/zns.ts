import { loadTokens, type StoredTokens, saveTokens } from "../../data/channels.js";
import type { Delivery } from "../../data/dispatch.js";
import type { Logger } from "../../logger.js";
import type { SendFailure } from "../classify.js";
import { ChannelUnavailableError } from "./channel.js";
import { PhoneSendChannel } from "./phone.js";
import type { ZnsSettings } from "./settings.js";

/** Zalo answered a request with an error code (its `error` field, never 0). */
export class ZnsError extends Error {
  constructor(
    readonly code: number,
    description: string,
  ) {
    super(`ZNS error ${code}: ${description}`);
  }
}

/** The request certainly did not reach Zalo (connection refused, DNS): it is sent again. */
export class ZnsNotSentError extends Error {}

/** Zalo answered with an HTTP error status instead of its JSON envelope. */
export class ZnsHttpError extends Error {
  constructor(readonly status: number) {
    super(`ZNS HTTP ${status}`);
  }
}

/** No template for this kind is configured: the bank has not registered one with Zalo. */
export class ZnsNoTemplateError extends Error {}

/**
 * Zalo would not refresh the OA's token (its answer, or no answer). About the OA, never about a
 * recipient: nothing is marked "not on Zalo" for it, and messages wait until a refresh works.
 */
export class ZnsTokenError extends Error {}

/**
 * Zalo's error codes, as its ZNS documentation lists them, by what they mean for the message.
 * Check them against Zalo's current table when the bank signs up (docs/channels.md).
 */
const TOKEN_EXPIRED = -124;
/** Invalid phone, no Zalo account, cannot receive ZNS, refused this OA's notifications. */
const UNREACHABLE_CODES = new Set([-108, -118, -119, -139]);
/** Too many requests now, or outside Zalo's sending hours: held back, then sent again. */
const PACE_CODES = new Map([
  [-32, 1_000],
  [-133, 15 * 60_000],
]);
/** The OA's daily quota is used up: nothing more goes today (an hour's pause, then a try). */
const QUOTA_CODES = new Set([-144]);
const QUOTA_PAUSE_MS = 60 * 60_000;
/** Refresh a token this long before it runs out, so that no message meets an expired one. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A token whose lifetime Zalo did not state readably is used for this long, then refreshed. */
const UNSTATED_LIFETIME_MS = 60 * 60_000;
/** After a failed refresh, the next try waits this long, doubling with each failure up to the cap. */
const REFRESH_BACKOFF_MS = 30_000;
const REFRESH_BACKOFF_CAP_MS = 15 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** Zalo Notification Service: the OA's registered templates, sent to a phone number over HTTPS. */
export class ZnsChannel extends PhoneSendChannel {
  readonly name = "zns" as const;
  private tokens: StoredTokens | null = null;
  private refreshing: Promise<StoredTokens> | null = null;
  /** Refreshes failed in a row; no new try before `nextRefreshAt` (ms). */
  private refreshFailures = 0;
  private nextRefreshAt = 0;

  private readonly backoffMs: number;

  constructor(
    private readonly settings: ZnsSettings,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /** The first pause after a failed refresh (tests shorten it). */
    timing: { refreshBackoffMs?: number } = {},
  ) {
    super(settings.perSecond);
    this.backoffMs = timing.refreshBackoffMs ?? REFRESH_BACKOFF_MS;
  }

  async open(): Promise<void> {
    this.tokens ??= await loadTokens(this.settings.appId);
  }

  /**
   * Before each attempt is written: a token that works, or the channel is unavailable (no attempt is
   * spent, the messages wait) until the back-off after the last failed refresh has passed.
   */
  async reserveRoom(): Promise<void> {
    try {
      await this.accessToken();
    } catch (error) {
      if (!(error instanceof ZnsTokenError)) throw error;
      throw new ChannelUnavailableError(`zns-token: ${error.message}`, this.refreshBackoffMs());
    }
  }

  private refreshBackoffMs(): number {
    return Math.max(1_000, this.nextRefreshAt - Date.now());
  }

  async send(delivery: Delivery): Promise<string> {
    const templateId = this.settings.templates[delivery.kind as keyof ZnsSettings["templates"]];
    if (!templateId) throw new ZnsNoTemplateError(`no ZNS template for ${delivery.kind}`);
    const body = {
      phone: this.internationalNumber(delivery),
      template_id: templateId,
      template_data: delivery.templateData ?? {},
      tracking_id: delivery._id,
    };
    let token = await this.accessToken();
    try {
      return await this.post(token, body);
    } catch (error) {
      // Zalo refused the token before looking at the message: refresh once and send again.
      if (!(error instanceof ZnsError) || error.code !== TOKEN_EXPIRED) throw error;
      // Another message may have refreshed it meanwhile: then its new token serves this one too.
      const current = this.tokens?.accessToken;
      token = current && current !== token ? current : await this.refresh();
      return this.post(token, body);
    }
  }

  classify(error: unknown): SendFailure {
    if (error instanceof ZnsNotSentError) return { outcome: "retry", reason: "zns-not-sent" };
    if (error instanceof ZnsTokenError)
      return { outcome: "retry", reason: "zns-token", retryAfterMs: this.refreshBackoffMs() };
    if (error instanceof ZnsNoTemplateError) return { outcome: "failed", reason: "zns-no-template" };
    if (error instanceof ZnsError) {
      const reason = `zns${error.code}`;
      if (UNREACHABLE_CODES.has(error.code)) return { outcome: "unreachable", reason };
      const pause = PACE_CODES.get(error.code);
      if (pause !== undefined) return { outcome: "retry", reason, retryAfterMs: pause };
      if (QUOTA_CODES.has(error.code)) return { outcome: "retry", reason, retryAfterMs: QUOTA_PAUSE_MS };
      if (error.code === TOKEN_EXPIRED) return { outcome: "retry", reason };
      return { outcome: "failed", reason };
    }
    if (error instanceof ZnsHttpError) {
      return error.status >= 500 || error.status === 429
        ? { outcome: "retry", reason: `http${error.status}`, ...(error.status === 429 ? { retryAfterMs: 1_000 } : {}) }
        : { outcome: "failed", reason: `http${error.status}` };
    }
    return { outcome: "uncertain", reason: "zns-no-answer" };
  }

  /** A token valid for a while yet: the stored one, or a fresh one. */
  private async accessToken(): Promise<string> {
    const tokens = this.tokens;
    if (tokens && tokens.expiresAt.getTime() - this.now().getTime() > REFRESH_MARGIN_MS) return tokens.accessToken;
    return this.refresh();
  }

  /**
   * Trades the refresh token for new tokens. Zalo's refresh token is single-use: the new pair is
   * stored before it is used, so a crash right after cannot leave only a spent token on record.
   */
  private refresh(): Promise<string> {
    if (Date.now() < this.nextRefreshAt) {
      return Promise.reject(new ZnsTokenError("waiting after a failed refresh"));
    }
    this.refreshing ??= this.exchangeUnlessShared()
      .then(async (tokens) => {
        await saveTokens(this.settings.appId, tokens);
        this.tokens = tokens;
        this.refreshFailures = 0;
        this.nextRefreshAt = 0;
        return tokens;
      })
      .catch((error: unknown) => {
        this.refreshFailures++;
        const backoff = Math.min(REFRESH_BACKOFF_CAP_MS, this.backoffMs * 2 ** (this.refreshFailures - 1));
        this.nextRefreshAt = Date.now() + backoff;
        this.log.error({ failures: this.refreshFailures, retryInMs: backoff }, "Zalo OA token refresh failed");
        throw error instanceof ZnsTokenError ? error : new ZnsTokenError(String((error as Error).message ?? error));
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing.then((t) => t.accessToken);
  }

  /**
   * Another branch on the same OA, or the process that held this channel's lease before, may have
   * refreshed since these tokens were read: its pair is on record, and our refresh token is spent.
   * Takes that pair when it is fresh; else refreshes, and if Zalo refuses a refresh token someone
   * replaced meanwhile, takes theirs.
   */
  private async exchangeUnlessShared(): Promise<StoredTokens> {
    const usable = (t: StoredTokens | null): boolean =>
      t !== null &&
      t.accessToken !== this.tokens?.accessToken &&
      t.expiresAt.getTime() - this.now().getTime() > REFRESH_MARGIN_MS;
    const stored = await loadTokens(this.settings.appId);
    if (stored && usable(stored)) return stored;
    try {
      return await this.exchange(stored?.refreshToken);
    } catch (error) {
      const now = await loadTokens(this.settings.appId);
      if (now && usable(now) && now.refreshToken !== stored?.refreshToken) return now;
      throw error;
    }
  }

  /**
   * One refresh. Any failure is a ZnsTokenError. The refresh token in use stays on record until a new
   * pair is stored; a pair Zalo gave is kept even when its lifetime is unreadable (it is then used
   * for an hour), since the refresh token Zalo answered with is the only one that works from now on.
   */
  private async exchange(storedRefreshToken: string | undefined): Promise<StoredTokens> {
    const refreshToken = storedRefreshToken ?? this.tokens?.refreshToken ?? this.settings.refreshToken;
    let response: Response;
    try {
      response = await fetch(`${this.settings.oauthRoot}/v4/oa/access_token`, {
        method: "POST",
        headers: { secret_key: this.settings.secretKey, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          app_id: this.settings.appId,
          grant_type: "refresh_token",
          refresh_token: refreshToken,
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ZnsTokenError(`no answer (${(error as { cause?: { code?: string } }).cause?.code ?? "timeout"})`);
    }
    const answer = (await response.json().catch(() => null)) as {
      access_token?: unknown;
      refresh_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
    } | null;
    if (!answer || typeof answer.access_token !== "string" || typeof answer.refresh_token !== "string") {
      const why = answer && typeof answer.error === "number" ? `error ${answer.error}` : `HTTP ${response.status}`;
      throw new ZnsTokenError(`refused (${why})`);
    }
    const seconds = Number(answer.expires_in);
    const lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : UNSTATED_LIFETIME_MS;
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresAt: new Date(this.now().getTime() + lifetimeMs),
    };
  }

  private async post(token: string, body: Record<string, unknown>): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiRoot}/message/template`, {
        method: "POST",
        headers: { access_token: token, "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code && NEVER_SENT.has(code)) throw new ZnsNotSentError(code);
      throw error;
    }
    if (!response.ok) throw new ZnsHttpError(response.status);
    const answer = (await response.json()) as { error?: number; message?: string; data?: { msg_id?: string } };
    if (answer.error !== 0) throw new ZnsError(answer.error ?? -1, answer.message ?? "");
    return String(answer.data?.msg_id ?? "");
  }
}
