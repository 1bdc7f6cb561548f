// Import to first verdict in headless Chromium: a page imports the package entry, fetches and
// instantiates the wasm (`await init()`), makes a filter and checks one message. Five fresh
// browser contexts (nothing cached); the median counts. Served from localhost by a small
// static server, so the fetch costs what a local or cached asset would.
// Usage: node bench/chromium-startup.mjs     (run `make pkg` first; make bench-peers runs it)
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../scripts/chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = join(root, "pkg");
if (!existsSync("/usr/bin/chromium") || !existsSync(join(pkg, "veil_bg.wasm"))) {
  console.log("chromium-startup: skipped: needs /usr/bin/chromium and pkg/ (make pkg)");
  process.exit(0);
}
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const page = `<!doctype html><script type="module">
  const t0 = performance.now();
  const m = await import(new URLSearchParams(location.search).get("entry") || "/pkg/index.js");
  const t1 = performance.now();
  await m.default();
  const t2 = performance.now();
  const f = new m.MessageFilter({ level: "medium" });
  const action = f.check("send me a video of your daughter's feet").action;
  const t3 = performance.now();
  window.result = { ms: t3 - t0, parts: [t1 - t0, t2 - t1, t3 - t2], action };
</script>`;
const server = createServer((req, res) => {
  const url = req.url.split("?")[0];
  if (url === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(page);
  }
  const path = join(root, url);
  if (!path.startsWith(pkg) || !existsSync(path)) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
  res.end(readFileSync(path));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await launchChromium();
const times = [];
try {
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}/${process.env.ENTRY ? `?entry=${process.env.ENTRY}` : ""}`);
    const r = await tab.waitForFunction(() => window.result).then((h) => h.jsonValue());
    if (r.action !== "hide") throw new Error(`unexpected verdict ${r.action}`);
    times.push(r);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
times.sort((a, b) => a.ms - b.ms);
const [imp, init, first] = times[2].parts.map((t) => t.toFixed(1));
console.log(`Chromium ${browser.version()}: import to first verdict ${times[2].ms.toFixed(1)} ms, median of 5 fresh contexts (${times.map((t) => t.ms.toFixed(1)).join(", ")}); the median run: import ${imp} ms, fetch and instantiate the wasm ${init} ms, new filter and first check ${first} ms`);
