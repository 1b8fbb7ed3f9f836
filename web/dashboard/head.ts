import { get } from "./client.js";
import { el, type Labels, label, table } from "./dom.js";

interface HeadPage {
  group: string;
  session: string | null;
  place: string | null;
  interestSuspended: boolean;
  total: string;
  texts: { title: string; session: string; total: string };
  members: {
    name: string;
    due: string;
    overdue: string | null;
    settled: boolean;
    link: string;
    reached: { channel: string; outcome: string } | null;
    openReport: boolean;
  }[];
}

/** The group head's page: their own group before the next session (the server decides which group). */
export async function renderHead(root: HTMLElement, labels: Labels): Promise<void> {
  const page = await get<HeadPage>("head");
  const l = (key: string) => label(labels, key);
  const reached = (m: HeadPage["members"][number]) =>
    m.reached
      ? `${l(`dashboard-channel-${m.reached.channel}`)}: ${l(`dashboard-outcome-${m.reached.outcome}`)}`
      : `${l("dashboard-not-reached")} (${l(`dashboard-link-${m.link}`)})`;
  const parts: (Node | string | null)[] = [
    el("h1", {}, page.texts.title),
    el("p", {}, page.texts.session),
    page.interestSuspended ? el("p", { class: "muted" }, l("dashboard-head-suspended")) : null,
    el("p", { class: "figure", "data-test": "head-total" }, page.texts.total),
    table(
      [
        l("dashboard-col-member"),
        l("dashboard-col-due"),
        l("dashboard-col-overdue"),
        l("dashboard-col-reached"),
        l("dashboard-col-report"),
      ],
      page.members.map((m) => [
        m.name,
        m.settled ? l("dashboard-settled") : m.due,
        m.overdue ? el("span", { class: "tag warn" }, m.overdue) : "",
        reached(m),
        m.openReport ? el("span", { class: "tag" }, l("dashboard-open-report")) : "",
      ]),
      [1, 2],
    ),
    el("p", { class: "muted" }, l("dashboard-as-of")),
  ];
  root.replaceChildren(...parts.filter((p): p is Node | string => p !== null));
}
