/** Builds an element; text goes in as text (never as HTML), so nothing from the API can become markup. */
export function el(
  tag: string,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** A table with a header row; `num` columns are right-aligned. */
export function table(headers: string[], rows: (string | Node)[][], num: number[] = []): HTMLElement {
  const cls = (i: number): Record<string, string> => (num.includes(i) ? { class: "num" } : {});
  return el(
    "div",
    { class: "scroll" },
    el(
      "table",
      {},
      el("thead", {}, el("tr", {}, ...headers.map((h, i) => el("th", cls(i), h)))),
      el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c, i) => el("td", cls(i), c))))),
    ),
  );
}

export type Labels = Record<string, string>;
/** A label by key; the key itself if the locale file has none (visible, so a missing text is noticed). */
export const label = (labels: Labels, key: string) => labels[key] ?? key;
