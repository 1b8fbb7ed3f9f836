import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { get, post } from "./client.js";
import { el, type Labels, label, table } from "./dom.js";

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  CategoryScale,
  Tooltip,
  Legend,
);

export interface Me {
  role: string;
  locale: "vi" | "en";
  scope?: string;
  offices?: { code: string; name: string }[];
  points?: { code: string; name: string }[];
}

interface Overview {
  trend: { week: string; amount: number | null }[];
  week: { name: string; commune: string; place: string; date: string }[];
  points: {
    code: string;
    name: string;
    commune: string;
    sessionThisWeek: string | null;
    overdue: string;
    overdueCount: number;
  }[];
  reach: { channel: string; outcome: string; count: number }[];
  inDoubt: { household: string | null; kind: string; channel: string; date: string }[];
  hardship: Record<string, number>;
  texts: { overdue: string; broadcasts: string[]; fresh: string };
}

let chart: Chart | null = null;

function trendChart(overview: Overview, title: string): HTMLElement {
  const canvas = el("canvas", { "aria-label": title, role: "img" }) as HTMLCanvasElement;
  chart?.destroy();
  chart = new Chart(canvas, {
    type: "line",
    data: {
      labels: overview.trend.map((w) => w.week),
      datasets: [{ label: title, data: overview.trend.map((w) => w.amount), borderColor: "#b42318", spanGaps: true }],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
  return el("div", { class: "chart" }, canvas);
}

function overviewSections(overview: Overview, l: (key: string) => string): (HTMLElement | null)[] {
  const empty = (key: string) => el("p", { class: "muted" }, l(key));
  return [
    el("p", { class: "figure", "data-test": "overdue" }, overview.texts.overdue),
    el("h2", {}, l("dashboard-trend")),
    trendChart(overview, l("dashboard-trend")),
    el("h2", {}, l("dashboard-week")),
    overview.week.length
      ? table(
          [l("dashboard-col-date"), l("dashboard-col-point"), l("dashboard-col-commune"), l("dashboard-col-place")],
          overview.week.map((w) => [w.date, w.name, w.commune, w.place]),
        )
      : empty("dashboard-week-none"),
    el("h2", {}, l("dashboard-points")),
    table(
      [l("dashboard-col-point"), l("dashboard-col-commune"), l("dashboard-col-overdue"), l("dashboard-col-count")],
      overview.points.map((p) => [p.name, p.commune, p.overdue, String(p.overdueCount)]),
      [2, 3],
    ),
    el("h2", {}, l("dashboard-reach")),
    overview.texts.fresh ? el("p", { class: "muted" }, overview.texts.fresh) : null,
    overview.reach.length
      ? table(
          [l("dashboard-col-channel"), l("dashboard-col-outcome"), ""],
          overview.reach.map((r) => [
            l(`dashboard-channel-${r.channel}`),
            l(`dashboard-outcome-${r.outcome}`),
            String(r.count),
          ]),
          [2],
        )
      : empty("dashboard-reach-none"),
    el("h2", {}, l("dashboard-in-doubt")),
    overview.inDoubt.length
      ? table(
          [l("dashboard-col-date"), l("dashboard-col-household"), l("dashboard-col-kind"), l("dashboard-col-channel")],
          overview.inDoubt.map((d) => [
            d.date,
            d.household ?? "—",
            l(`delivery-kind-${d.kind}`),
            l(`dashboard-channel-${d.channel}`),
          ]),
        )
      : empty("dashboard-in-doubt-none"),
    el("h2", {}, l("dashboard-broadcasts")),
    overview.texts.broadcasts.length
      ? el("ul", {}, ...overview.texts.broadcasts.map((b) => el("li", {}, b)))
      : empty("dashboard-broadcasts-none"),
    el("h2", {}, l("dashboard-hardship")),
    Object.keys(overview.hardship).length
      ? el(
          "ul",
          {},
          ...Object.entries(overview.hardship).map(([s, n]) => el("li", {}, `${l(`hardship-status-${s}`)}: ${n}`)),
        )
      : empty("dashboard-hardship-none"),
  ];
}

function filterSelect(me: Me, l: (key: string) => string, onChange: (query: string) => void): HTMLElement {
  const options = [
    el("option", { value: "" }, me.scope ? `${l("dashboard-filter-all")}: ${me.scope}` : l("dashboard-filter-all")),
    ...(me.offices ?? []).map((o) => el("option", { value: `office=${encodeURIComponent(o.code)}` }, o.name)),
    ...(me.points ?? []).map((p) => el("option", { value: `point=${encodeURIComponent(p.code)}` }, p.name)),
  ];
  const select = el(
    "select",
    { "aria-label": l("dashboard-filter"), "data-test": "filter" },
    ...options,
  ) as HTMLSelectElement;
  select.addEventListener("change", () => onChange(select.value));
  return el("p", {}, `${l("dashboard-filter")}: `, select);
}

function searchForm(l: (key: string) => string): HTMLElement {
  const input = el("input", {
    name: "code",
    autocomplete: "off",
    "aria-label": l("dashboard-search"),
  }) as HTMLInputElement;
  const result = el("div", { "data-test": "search-result" });
  const form = el("form", {}, input, el("button", { type: "submit" }, l("dashboard-search-button")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    post<{ lines: string[]; deliveries?: { date: string; kind: string; channel: string; outcome: string }[] }>("find", {
      code: input.value,
    }).then(
      (found) =>
        result.replaceChildren(
          ...found.lines.map((line) => el("p", {}, line)),
          table(
            [l("dashboard-col-date"), l("dashboard-col-kind"), l("dashboard-col-channel"), l("dashboard-col-outcome")],
            (found.deliveries ?? []).map((d) => [d.date, d.kind, d.channel, d.outcome]),
          ),
        ),
      () => result.replaceChildren(el("p", { class: "error" }, l("dashboard-error-generic"))),
    );
  });
  return el("section", {}, el("h2", {}, l("dashboard-search")), form, result);
}

interface Experiments {
  experiments: {
    id: string;
    line: string;
    arms: string[];
    chart: {
      title: string;
      labels: string[];
      rates: (number | null)[];
      intervals: ([number, number] | null)[];
      rateLabel: string;
      intervalLabel: string;
    };
  }[];
}

const experimentCharts: Chart[] = [];

/** One experiment: its arms' on-time rates beside their 95 % intervals (floating bars). */
function experimentChart(chart: Experiments["experiments"][number]["chart"]): HTMLElement {
  const canvas = el("canvas", { "aria-label": chart.title, role: "img" }) as HTMLCanvasElement;
  experimentCharts.push(
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [
          { label: chart.rateLabel, data: chart.rates, backgroundColor: "#2c3e50" },
          { label: chart.intervalLabel, data: chart.intervals as never, backgroundColor: "#95a5a6" },
        ],
      },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, max: 100 } } },
    }),
  );
  return el("div", { class: "chart" }, canvas);
}

/** The wording experiments within the officer's scope, read once per page. */
async function experimentsSection(l: (key: string) => string): Promise<HTMLElement> {
  const { experiments } = await get<Experiments>("experiments");
  for (const c of experimentCharts.splice(0)) c.destroy();
  const items = experiments.map((e) =>
    el(
      "div",
      { "data-test": `experiment-${e.id}` },
      el("p", {}, e.line),
      el("ul", {}, ...e.arms.map((a) => el("li", {}, a))),
      experimentChart(e.chart),
    ),
  );
  return el(
    "section",
    { "data-test": "experiments" },
    el("h2", {}, l("dashboard-experiments")),
    ...(items.length ? items : [el("p", { class: "muted" }, l("dashboard-experiments-none"))]),
  );
}

/** The officer's overview of their scope, narrowed on request to one office or point (checked by the server). */
export async function renderOfficer(root: HTMLElement, labels: Labels, me: Me): Promise<void> {
  const l = (key: string) => label(labels, key);
  const body = el("div", { "data-test": "overview" });
  const load = async (query: string) => {
    body.replaceChildren(el("p", { class: "muted" }, l("dashboard-loading")));
    const overview = await get<Overview>(`overview${query ? `?${query}` : ""}`);
    body.replaceChildren(...overviewSections(overview, l).filter((n): n is HTMLElement => n !== null));
  };
  root.replaceChildren(
    el("h1", {}, l("dashboard-overview-title")),
    filterSelect(
      me,
      l,
      (query) =>
        void load(query).catch(() => body.replaceChildren(el("p", { class: "error" }, l("dashboard-error-generic")))),
    ),
    body,
    searchForm(l),
  );
  await load("");
  root.append(await experimentsSection(l));
}
