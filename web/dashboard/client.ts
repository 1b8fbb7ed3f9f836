/**
 * The API client. Telegram opens the Mini App with its signed initData in the URL's fragment
 * (#tgWebAppData=…), which never reaches a server log; every request sends it in a header, with the
 * session token the first request got (kept in this tab's sessionStorage, so a reload keeps it).
 */
export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const initData = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") ?? "";
const sessionKey = `dashboard-session:${new URLSearchParams(initData).get("hash") ?? ""}`;

/** The language Telegram says the user has (for the first words shown; the server decides the rest). */
export function telegramLanguage(): "vi" | "en" {
  try {
    const user = JSON.parse(new URLSearchParams(initData).get("user") ?? "{}") as { language_code?: string };
    return user.language_code === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `tma ${initData}` };
  const token = sessionStorage.getItem(sessionKey);
  if (token) headers["x-dashboard-session"] = token;
  if (method === "POST") headers["content-type"] = "application/json";
  const response = await fetch(`./api/${path}`, {
    method,
    headers,
    ...(method === "POST" ? { body: JSON.stringify(body ?? {}) } : {}),
    credentials: "omit",
  });
  if (!response.ok) throw new ApiError(response.status);
  return (await response.json()) as T;
}

export async function openSession(): Promise<void> {
  if (sessionStorage.getItem(sessionKey)) return;
  const { token } = await call<{ token: string }>("POST", "session");
  sessionStorage.setItem(sessionKey, token);
}

export const get = <T>(path: string) => call<T>("GET", path);
export const post = <T>(path: string, body: unknown) => call<T>("POST", path, body);

export async function labelsFor(locale: "vi" | "en"): Promise<Record<string, string>> {
  const response = await fetch(`./labels/${locale}`, { credentials: "omit" });
  return response.ok ? ((await response.json()) as Record<string, string>) : {};
}
