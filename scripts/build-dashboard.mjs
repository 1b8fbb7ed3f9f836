// Builds the Mini App's page (web/dashboard) into dist/web: one bundled script (chart.js included,
// nothing loaded from elsewhere), the stylesheet and the HTML. Run by `npm run build`.
import { copyFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const out = new URL("../dist/web/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [new URL("../web/dashboard/main.ts", import.meta.url).pathname],
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  legalComments: "none",
  outfile: `${out}app.js`,
  logLevel: "warning",
});
copyFileSync(new URL("../web/dashboard/style.css", import.meta.url), `${out}app.css`);
copyFileSync(new URL("../web/dashboard/index.html", import.meta.url), `${out}index.html`);
