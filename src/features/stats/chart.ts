import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration, registerables } from "chart.js";

Chart.register(...registerables);

const WIDTH = 900;
const PANEL_HEIGHT = 420;

export interface StatsChartInput {
  overdue: { title: string; labels: string[]; values: number[] };
  trend: { title: string; labels: string[]; values: (number | null)[] };
}

/**
 * Draws one Chart.js chart on a canvas of its own. Chart.js clears its canvas (background included)
 * when it draws and again on destroy, so the caller copies it out first and destroys it afterwards.
 */
function panel(config: ChartConfiguration): { canvas: Canvas; chart: Chart } {
  const canvas = createCanvas(WIDTH, PANEL_HEIGHT);
  // biome-ignore lint/suspicious/noExplicitAny: Chart.js types its context as the DOM's, which Node lacks.
  const chart = new Chart(canvas.getContext("2d") as any, {
    ...config,
    options: { ...config.options, animation: false, responsive: false, devicePixelRatio: 1 },
  });
  return { canvas, chart };
}

/**
 * The /stats image, rendered on the server (no browser): overdue debt by commune as bars, and the
 * 8-week trend as a line. Returns a PNG.
 */
export async function renderStatsChart(input: StatsChartInput): Promise<Buffer> {
  const bars = panel({
    type: "bar",
    data: {
      labels: input.overdue.labels,
      datasets: [{ label: input.overdue.title, data: input.overdue.values, backgroundColor: "#c0392b" }],
    },
    options: {
      plugins: { legend: { display: false }, title: { display: true, text: input.overdue.title } },
      scales: { y: { beginAtZero: true } },
    },
  });
  const line = panel({
    type: "line",
    data: {
      labels: input.trend.labels,
      datasets: [
        { label: input.trend.title, data: input.trend.values, borderColor: "#2c3e50", spanGaps: true, tension: 0.2 },
      ],
    },
    options: {
      plugins: { legend: { display: false }, title: { display: true, text: input.trend.title } },
      scales: { y: { beginAtZero: true } },
    },
  });
  const image = createCanvas(WIDTH, PANEL_HEIGHT * 2);
  const context: SKRSContext2D = image.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, WIDTH, PANEL_HEIGHT * 2);
  context.drawImage(bars.canvas, 0, 0);
  context.drawImage(line.canvas, 0, PANEL_HEIGHT);
  bars.chart.destroy();
  line.chart.destroy();
  return image.encode("png");
}

export interface ExperimentChartInput {
  title: string;
  labels: string[];
  /** Paid on time, in %, per arm (null: not enough data yet). */
  rates: (number | null)[];
  /** The 95 % interval per arm, in %, drawn as a floating bar beside the rate. */
  intervals: ([number, number] | null)[];
  rateLabel: string;
  intervalLabel: string;
}

/** A wording experiment's arms: the on-time rate and its 95 % interval side by side. Returns a PNG. */
export async function renderExperimentChart(input: ExperimentChartInput): Promise<Buffer> {
  const { canvas, chart } = panel({
    type: "bar",
    data: {
      labels: input.labels,
      datasets: [
        { label: input.rateLabel, data: input.rates, backgroundColor: "#2c3e50" },
        { label: input.intervalLabel, data: input.intervals as never, backgroundColor: "#95a5a6" },
      ],
    },
    options: {
      plugins: { title: { display: true, text: input.title } },
      scales: { y: { beginAtZero: true, max: 100 } },
    },
  });
  const image = createCanvas(WIDTH, PANEL_HEIGHT);
  const context: SKRSContext2D = image.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, WIDTH, PANEL_HEIGHT);
  context.drawImage(canvas, 0, 0);
  chart.destroy();
  return image.encode("png");
}
