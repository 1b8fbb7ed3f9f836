import { ApiError, get, labelsFor, openSession, telegramLanguage } from "./client.js";
import { el, label } from "./dom.js";
import { renderHead } from "./head.js";
import { type Me, renderOfficer } from "./officer.js";

const root = document.getElementById("app") as HTMLElement;

async function start(): Promise<void> {
  let labels = await labelsFor(telegramLanguage());
  document.documentElement.lang = telegramLanguage();
  root.replaceChildren(el("p", { class: "muted" }, label(labels, "dashboard-loading")));
  try {
    await openSession();
    const me = await get<Me>("me");
    if (me.locale !== telegramLanguage()) {
      labels = await labelsFor(me.locale);
      document.documentElement.lang = me.locale;
    }
    document.title = label(labels, "dashboard-title");
    if (me.role === "head") await renderHead(root, labels);
    else await renderOfficer(root, labels, me);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    const key =
      status === 401
        ? "dashboard-error-unauthorized"
        : status === 403
          ? "dashboard-error-forbidden"
          : "dashboard-error-generic";
    root.replaceChildren(
      el("p", { class: "error", "data-test": "error", "data-status": String(status) }, label(labels, key)),
    );
  }
}

void start();
