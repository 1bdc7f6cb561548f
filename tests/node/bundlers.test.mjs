// The npm package as a client project uses it: type-checked by TypeScript (strict), bundled by
// Vite, and run in Debian's Chromium from the bundle. Needs `make pkg` first.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { launchChromium } from "../../scripts/chromium.mjs";

const root = new URL("../../", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules/.bin", name);

const made = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A throwaway client project with veil-filter installed from pkg/. */
function clientProject() {
  const dir = mkdtempSync(join(tmpdir(), "veil-client-"));
  made.push(dir);
  cpSync(join(root, "pkg"), join(dir, "node_modules/veil-filter"), { recursive: true });
  return dir;
}

test("the types are real: strict TypeScript accepts good use and rejects bad settings", () => {
  const dir = clientProject();
  writeFileSync(join(dir, "app.ts"), `
    import init, { MessageFilter, ACTIONS, createWorkerFilter, type WorkerFilter, type Verdict, type Settings, type Category, type ModelSource } from "veil-filter";
    import { initSync } from "veil-filter/web";
    import { protect } from "veil-filter/dom.js";
    await init();
    const settings: Settings = { level: "high", overrides: { off_platform: "show" } };
    const filter = new MessageFilter(settings);
    const v: Verdict = filter.check("hello", { sender: "u1", time: Date.now() });
    const action: "show" | "blur" | "hide" = v.action;
    const first: Category | undefined = v.categories[0]?.category;
    const text: string = v.reasons.map((r) => r.en + r.zh).join();
    const n: number = v.categories.reduce((s, c) => s + c.severity + c.score + c.spans.length, 0);
    new MessageFilter();
    filter.check("no metadata");
    if (typeof document !== "undefined") protect(document.body, v, { lang: "zh" });
    // The optional model: loadModel from the entry, the generated methods from veil.js.
    const loaded: Promise<void> = filter.loadModel();
    await loaded;
    await filter.loadModel(new URL("./veil-model.bin", import.meta.url));
    await filter.loadModel("/assets/veil-model.bin");
    await filter.loadModel(new Uint8Array(0)).catch((e: Error) => e.message);
    await filter.loadModel(new ArrayBuffer(0)).catch(() => {});
    if (typeof fetch !== "undefined") await filter.loadModel(await fetch("/m.bin"));
    const has: boolean = filter.hasModel;
    filter.loadModelBytes(new Uint8Array(0));
    filter.unloadModel();
    // @ts-expect-error hasModel is read-only
    filter.hasModel = true;
    // @ts-expect-error a number is not a model source
    filter.loadModel(42);
    // @ts-expect-error an unknown level is a type error
    new MessageFilter({ level: "extreme" });
    // @ts-expect-error an unknown category is a type error
    new MessageFilter({ overrides: { nudity: "hide" } });
    // @ts-expect-error the verdict's action is not any
    const wrong: number = v.action;
    const source: ModelSource = "veil-model.bin";
    // The fast batch and the worker filter.
    const codes: Uint8Array = filter.checkActions(["a", "b"]);
    const named: "show" | "blur" | "hide" = ACTIONS[codes[0] as 0 | 1 | 2];
    const worker: WorkerFilter = await createWorkerFilter({ level: "high" });
    const inWorker: Verdict = await worker.check("hello", { sender: "u1" });
    const inWorkerCodes: Uint8Array = await worker.checkActions(["a"]);
    const workerHas: boolean = await worker.hasModel();
    worker.terminate();
    // @ts-expect-error a worker filter's answers are promises
    const notYet: Verdict = worker.check("hello");
    // @ts-expect-error checkActions takes an array
    filter.checkActions("a");
    export { action, first, text, n, wrong, has, source, initSync, named, inWorker, inWorkerCodes, workerHas, notYet };
  `);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext",
      moduleResolution: "bundler", lib: ["esnext", "dom"], skipLibCheck: false },
    files: ["app.ts"],
  }));
  execFileSync(bin("tsc"), ["-p", dir], { stdio: "pipe" });
});

test("Vite bundles it and the bundle filters in Chromium", async () => {
  const dir = clientProject();
  writeFileSync(join(dir, "index.html"), `<!doctype html><html><body><p id="out">…</p>
    <script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(dir, "main.js"), `
    import init, { MessageFilter, createWorkerFilter } from "veil-filter";
    await init();
    const f = new MessageFilter({ level: "medium" });
    const a = f.check("send me a video of your daughter's feet").action;
    const b = f.check("Does this fit a 7-year-old?").action;
    document.getElementById("out").textContent = a + "," + b;
    // The model asset is emitted by the bundler but fetched only when asked.
    window.loadIt = async () => { await f.loadModel(); return [f.hasModel, f.check("you idiot").action]; };
    // The worker filter, bundled: its script and the wasm it loads are emitted by Vite too.
    window.inWorker = async () => {
      const w = await createWorkerFilter({ level: "medium" });
      const v = await w.check("send me a video of your daughter's feet");
      const codes = await w.checkActions(["Does this fit a 7-year-old?", "send me a video of your daughter's feet"]);
      w.terminate();
      return [v.action, [...codes]];
    };
  `);
  execFileSync(bin("vite"), ["build", "--logLevel", "warn"], { cwd: dir, stdio: "pipe" });
  const dist = join(dir, "dist");
  const assets = readdirSync(join(dist, "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `no wasm asset in ${assets}`);
  assert.ok(assets.some((f) => /^veil-model.*\.bin$/.test(f)), `no model asset in ${assets}`);

  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const path = join(dist, req.url === "/" ? "index.html" : req.url.split("?")[0]);
    try {
      const body = readFileSync(path);
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const fetched = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "…");
    assert.equal(await page.textContent("#out"), "hide,show");
    assert.ok(!fetched.some((p) => p.endsWith(".bin")), `fetched the model unasked: ${fetched}`);
    assert.deepEqual(await page.evaluate(() => window.loadIt()), [true, "blur"]);
    assert.deepEqual(await page.evaluate(() => window.inWorker()), ["hide", [0, 2]]);
    assert.ok(fetched.some((p) => /\/assets\/veil-model.*\.bin$/.test(p)), `${fetched}`);
  } finally {
    await browser.close();
    server.close();
  }
});
