import { CommandGroup } from "@grammyjs/commands";
import { hears, type I18n } from "@grammyjs/i18n";
import { type CommandContext, Composer, type Filter, type Middleware } from "grammy";
import { type AccessCheck, Refusal } from "./access.js";
import type { CallbackData, CallbackFields, CallbackKind } from "./callbackData.js";
import type { BotContext } from "./context.js";
import { endFlow, type FlowName } from "./flows.js";
import type { MenuSource } from "./menus.js";

/** What the app needs of a feature to install it: its composer, its flows' steps, its menu entries. */
export interface InstallableFeature extends MenuSource {
  readonly name: string;
  readonly composer: Composer<BotContext>;
  readonly flowSteps: ReadonlyMap<FlowName, Composer<BotContext>>;
}

/** Whose command menu a feature's commands appear in (borrowers, group heads, officers, admins). */
export type MenuAudience = "everyone" | "group-head" | "staff" | "admin";

/**
 * One thing a person does with the bot, behind one access check. Its entry points are declared here:
 * commands (menu entry in both languages and handler in one @grammyjs/commands definition), menu
 * buttons, typed callbacks, and the text steps of a flow. An update reaches the feature's handlers
 * only if it is one of those entries and the access check passes; no handler repeats the check.
 * Entries of different features never overlap, so the order features are installed in does not
 * decide which one answers.
 */
export class Feature<Extra extends object> implements InstallableFeature {
  readonly commands = new CommandGroup<BotContext & Extra>();
  /** The feature's commands, buttons and callbacks; install this in the bot. */
  readonly composer = new Composer<BotContext>();
  /** The text steps of the feature's flows, by flow; the free-input router installs these. */
  readonly flowSteps = new Map<FlowName, Composer<BotContext>>();
  private readonly handlers = new Composer<BotContext & Extra>();
  private readonly claims: ((ctx: BotContext) => boolean)[] = [];

  constructor(
    readonly name: string,
    readonly audience: MenuAudience,
    private readonly access: AccessCheck<Extra>,
    private readonly i18n: I18n,
  ) {
    this.handlers.use(this.commands);
    this.composer.filter(
      (ctx) => this.claims.some((claim) => claim(ctx)),
      (ctx, next) => this.checked(ctx, this.handlers, next),
    );
  }

  /** A command with its menu entry; the description is the `cmd-<name>` text in each language. */
  command(name: string, handler: Middleware<CommandContext<BotContext & Extra>>): void {
    this.commands
      .command(name, this.i18n.t("vi", `cmd-${name}`), handler)
      .localize("en", name, this.i18n.t("en", `cmd-${name}`));
    this.claims.push((ctx) => ctx.hasCommand(name));
  }

  /** A reply-keyboard button, matched in every language by its text key. */
  button(key: string, handler: Middleware<BotContext & Extra>): void {
    const pressed = hears(key);
    this.claims.push((ctx) => pressed(ctx));
    this.handlers.filter(pressed, handler);
  }

  /** An inline button of one kind; the handler gets its data decoded and validated. */
  callback<F extends CallbackFields>(
    kind: CallbackKind<F>,
    handler: (ctx: Filter<BotContext & Extra, "callback_query:data">, data: CallbackData<F>) => unknown,
  ): void {
    this.claims.push((ctx) => {
      const raw = ctx.callbackQuery?.data;
      return raw !== undefined && kind.decode(raw) !== null;
    });
    this.handlers.on("callback_query:data", async (ctx, next) => {
      const data = kind.decode(ctx.callbackQuery.data);
      await (data ? handler(ctx, data) : next());
    });
  }

  /** The text steps of a flow this feature owns (what the user types while the flow is under way). */
  flowStep(flow: FlowName, handler: Middleware<BotContext & Extra>): void {
    const steps = new Composer<BotContext & Extra>(handler);
    const entry = new Composer<BotContext>();
    // Someone who lost the right mid-flow (an officer revoked while composing) leaves the flow.
    entry.use((ctx, next) => this.checked(ctx, steps, next, () => endFlow(ctx.session, flow)));
    this.flowSteps.set(flow, entry);
  }

  /**
   * Input no flow is waiting for that this feature may take (an officer's import file): for those who
   * pass the check; anyone else's input goes on, unanswered here, to the next reader of free input.
   * The check runs only for input `takes` (it reads the database; most free input is a question).
   */
  quietInput(takes: (ctx: BotContext) => boolean, handler: Middleware<BotContext & Extra>): Composer<BotContext> {
    const handlers = new Composer<BotContext & Extra>(handler);
    const entry = new Composer<BotContext>();
    entry.use((ctx, next) => (takes(ctx) ? this.checked(ctx, handlers, next, undefined, true) : next()));
    return entry;
  }

  private async checked(
    ctx: BotContext,
    handlers: Composer<BotContext & Extra>,
    next: () => Promise<void>,
    onRefused?: () => void,
    quiet = false,
  ): Promise<void> {
    const log = ctx.log;
    ctx.log = log.child({ feature: this.name });
    const extra = await this.access(ctx);
    if (extra instanceof Refusal) {
      if (quiet) {
        ctx.log = log;
        return next();
      }
      onRefused?.();
      await ctx.reply(ctx.t(extra.key, extra.variables));
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    // What the check established (the customer code, the staff role) joins this update's context.
    await handlers.middleware()(Object.assign(ctx, extra), next);
  }
}
