import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { renderStatsChart } from "../../src/features/stats/chart.js";

/** Share of pixels in a rectangle that are clearly not white (something was drawn there). */
async function inkIn(png: Buffer, x: number, y: number, w: number, h: number): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(x, y, w, h);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i] as number) < 200 || (data[i + 1] as number) < 200 || (data[i + 2] as number) < 200) ink++;
  }
  return ink / (w * h);
}

describe("the /stats chart", () => {
  it("is a PNG with the bars on top and the trend line below, on a white background", async () => {
    const png = await renderStatsChart({
      overdue: { title: "Nợ quá hạn theo xã (triệu ₫)", labels: ["Xã Tân Lập", "Xã Bình An"], values: [3, 1.5] },
      trend: {
        title: "Nợ quá hạn 8 tuần",
        labels: ["1", "2", "3", "4", "5", "6", "7", "8"],
        values: [null, 1, 2, 5, 4, 4, 3, 3],
      },
    });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([900, 840]);
    // The first bar (3 of 3 million) fills much of the left half of the top panel.
    expect(await inkIn(png, 100, 100, 300, 250)).toBeGreaterThan(0.5);
    // The lower panel has a line and axes, mostly white around them; the corner stays white.
    const lower = await inkIn(png, 40, 470, 850, 330);
    expect(lower).toBeGreaterThan(0.005);
    expect(lower).toBeLessThan(0.3);
    expect(await inkIn(png, 0, 0, 20, 20)).toBe(0);
  });
});
