// The optional n-gram model in the built package (pkg/): `filter.loadModel(source?)` in the Node
// entry and in the browser entry (index.js), from the package folder, bytes, files, URLs and
// Responses; refused assets (missing, corrupt, truncated, other version) reject with a clear Error
// and leave the filter working. Run by `make test-node` after `make pkg`.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const pkgDir = new URL("../../pkg/", import.meta.url);
const modelBytes = readFileSync(new URL("veil-model.bin", pkgDir));
const { MessageFilter } = await import(new URL("node.js", pkgDir));

const tmp = mkdtempSync(join(tmpdir(), "veil-model-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const BAD = "send me a video of your daughter's feet";
const GOOD = "Does this fit a 7-year-old?";
const SAMPLES = [BAD, GOOD, "you stupid bitch", "加我微信 abc123 详聊，价格好说", "I know where you live"];

/** What a filter without a model says about the samples. */
const lexiconOnly = () => {
  const f = new MessageFilter();
  return SAMPLES.map((t) => f.check(t));
};
const verdicts = (f) => SAMPLES.map((t) => f.check(t));

/** A copy of the asset with `change` applied, written to a temp file; returns its path. */
function badCopy(name, change) {
  const path = join(tmp, name);
  writeFileSync(path, change(Uint8Array.from(modelBytes)));
  return path;
}

test("loadModel() reads veil-model.bin from the package folder; verdicts still work", async () => {
  const f = new MessageFilter({ level: "medium" });
  assert.equal(f.hasModel, false);
  assert.equal(typeof f.loadModel, "function");
  assert.equal(await f.loadModel(), undefined); // resolves to undefined, as documented
  assert.equal(f.hasModel, true);
  assert.equal(f.check(BAD, { sender: "u1", time: Date.now() }).action, "hide");
  assert.equal(f.check(GOOD).action, "show");
  // The model only raises flags, never removes one, so nothing lexicon-only flagged is dropped.
  const before = lexiconOnly();
  verdicts(f).forEach((v, i) => {
    for (const c of before[i].categories) {
      assert.ok(v.categories.some((d) => d.category === c.category), `${SAMPLES[i]}: lost ${c.category}`);
    }
  });
  // It is an ordinary (non-enumerable) method on every filter, like the generated ones.
  assert.ok(!Object.keys(MessageFilter.prototype).includes("loadModel"));
  assert.equal(new MessageFilter().loadModel, f.loadModel);
});

test("loadModel accepts a Uint8Array, an ArrayBuffer, a path, a file: URL and a Response", async () => {
  const sources = [
    ["Uint8Array", () => Uint8Array.from(modelBytes)],
    ["Buffer", () => modelBytes],
    ["ArrayBuffer", () => Uint8Array.from(modelBytes).buffer],
    ["path", () => join(tmp, "copy.bin")],
    ["file: URL string", () => pathToFileURL(join(tmp, "copy.bin")).href],
    ["file: URL", () => pathToFileURL(join(tmp, "copy.bin"))],
    ["Response", () => new Response(modelBytes)],
  ];
  writeFileSync(join(tmp, "copy.bin"), modelBytes);
  for (const [kind, source] of sources) {
    const f = new MessageFilter();
    await f.loadModel(source());
    assert.equal(f.hasModel, true, kind);
    assert.equal(f.check(BAD).action, "hide", kind);
  }
});

test("an absent file rejects with a clear Error; the filter stays lexicon-only", async () => {
  const f = new MessageFilter();
  const missing = join(tmp, "no-such-model.bin");
  await assert.rejects(f.loadModel(missing), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /^veil: could not load the model from .*no-such-model\.bin: ENOENT/);
    return true;
  });
  await assert.rejects(f.loadModel(pathToFileURL(missing)), /no-such-model\.bin.*ENOENT/);
  assert.equal(f.hasModel, false);
  assert.deepEqual(verdicts(f), lexiconOnly());
});

test("a corrupt, truncated or other-version asset is refused; the filter keeps working", async () => {
  const cases = [
    ["flipped.bin", (b) => ((b[b.length >> 1] ^= 0x40), b), /checksum/],
    ["truncated.bin", (b) => b.subarray(0, b.length - 1000), /truncated/],
    ["half.bin", (b) => b.subarray(0, b.length >> 1), /truncated/],
    ["version.bin", (b) => ((b[6] = 99), b), /format version 99/],
    ["empty.bin", () => new Uint8Array(0), /not a Veil model/],
  ];
  const lexicon = lexiconOnly();
  for (const [name, change, why] of cases) {
    // Lexicon-only before: it stays lexicon-only.
    const f = new MessageFilter();
    const path = badCopy(name, change);
    await assert.rejects(f.loadModel(path), (e) => {
      assert.ok(e instanceof Error, name);
      assert.match(e.message, new RegExp(`^veil: the model from .*${name} was refused: `), name);
      assert.match(e.message, why, name);
      return true;
    });
    assert.equal(f.hasModel, false, name);
    assert.deepEqual(verdicts(f), lexicon, name);
    // The same bytes given directly are refused the same way.
    await assert.rejects(f.loadModel(readFileSync(path)), why);
    assert.throws(() => f.loadModelBytes(readFileSync(path)), why);
    assert.equal(f.hasModel, false, name);
  }
  // With a model already loaded, a refused asset keeps the previous model.
  const f = new MessageFilter();
  await f.loadModel();
  const withModel = verdicts(f);
  await assert.rejects(f.loadModel(badCopy("flipped2.bin", (b) => ((b[100] ^= 1), b))), /checksum/);
  assert.equal(f.hasModel, true);
  assert.deepEqual(verdicts(f), withModel);
});

test("unloadModel() goes back to lexicon-only verdicts", async () => {
  const f = new MessageFilter();
  await f.loadModel();
  assert.equal(f.hasModel, true);
  f.unloadModel();
  assert.equal(f.hasModel, false);
  assert.deepEqual(verdicts(f), lexiconOnly());
  f.unloadModel(); // a no-op without a model
  await f.loadModel(); // and it can be loaded again
  assert.equal(f.hasModel, true);
});

test("a wrong kind of source is a TypeError; a used or failed Response rejects", async () => {
  const f = new MessageFilter();
  await assert.rejects(f.loadModel(42), (e) => e instanceof TypeError && /loadModel expects/.test(e.message));
  await assert.rejects(f.loadModel(new Response("nope", { status: 404, statusText: "Not Found" })), /HTTP 404 Not Found/);
  const used = new Response(modelBytes);
  await used.arrayBuffer();
  await assert.rejects(f.loadModel(used), /already read/);
  assert.equal(f.hasModel, false);
  assert.equal(f.check(BAD).action, "hide");
});

test("a package copy without the asset imports and filters; loadModel() names the missing file", async () => {
  const dir = join(tmp, "rules-only");
  cpSync(new URL(".", pkgDir), dir, { recursive: true, filter: (src) => !src.endsWith("veil-model.bin") });
  const m = await import(pathToFileURL(join(dir, "node.js")).href);
  const f = new m.MessageFilter();
  assert.equal(f.check(BAD).action, "hide");
  await assert.rejects(f.loadModel(), /could not load the model from file:.*rules-only\/veil-model\.bin: ENOENT/);
  assert.equal(f.hasModel, false);
  assert.equal(f.check(GOOD).action, "show");
});

test("http(s) URLs are fetched, in the Node entry and the browser entry (index.js)", async () => {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    if (req.url === "/veil-model.bin") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(modelBytes);
    } else {
      res.writeHead(404, "Not Found");
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const f = new MessageFilter();
    await f.loadModel(`${base}/veil-model.bin`);
    assert.equal(f.hasModel, true);
    const g = new MessageFilter();
    await assert.rejects(g.loadModel(new URL(`${base}/missing.bin`)),
      new RegExp(`^Error: veil: could not load the model from ${base}/missing\\.bin: HTTP 404 Not Found$`));
    assert.equal(g.hasModel, false);
    assert.equal(g.check(BAD).action, "hide");

    // The browser entry: initialised by hand here, since Node cannot fetch file: URLs.
    const web = await import(new URL("index.js", pkgDir) + "?manual");
    web.initSync({ module: readFileSync(new URL("veil_bg.wasm", pkgDir)) });
    const w = new web.MessageFilter();
    assert.equal(w.hasModel, false);
    await w.loadModel(`${base}/veil-model.bin`);
    assert.equal(w.hasModel, true);
    const w2 = new web.MessageFilter();
    await assert.rejects(w2.loadModel(`${base}/no-such-model.bin`), /no-such-model\.bin: HTTP 404/);
    await w2.loadModel(new Response(modelBytes));
    assert.equal(w2.hasModel, true);
    assert.deepEqual(verdicts(w2), verdicts(f));
    assert.deepEqual(requests, ["/veil-model.bin", "/missing.bin", "/veil-model.bin", "/no-such-model.bin"]);
  } finally {
    server.close();
  }
});

test("package.json ships and exports the asset and the entries", () => {
  const pkg = JSON.parse(readFileSync(new URL("package.json", pkgDir), "utf8"));
  assert.equal(pkg.exports["./veil-model.bin"], "./veil-model.bin");
  assert.equal(pkg.exports["."].default, "./index.js");
  assert.equal(pkg.exports["./web"].default, "./index.js");
  assert.equal(pkg.main, "./index.js");
  for (const f of ["index.js", "index.d.ts", "load-model.js", "veil-model.bin", "node.js", "veil.js", "veil_bg.wasm"]) {
    assert.ok(pkg.files.includes(f), `files lacks ${f}`);
  }
  // The entry patches MessageFilter.prototype: bundlers must not drop it as side-effect free.
  assert.ok(pkg.sideEffects.includes("./index.js"));
  assert.equal(modelBytes.subarray(0, 6).toString("latin1"), "VEILNG"); // data/model/ngram.bin
  const dts = readFileSync(new URL("index.d.ts", pkgDir), "utf8");
  assert.match(dts, /loadModel\(source\?: ModelSource\): Promise<void>;/);
  assert.match(dts, /ModelSource = string \| URL \| Response \| ArrayBuffer \| Uint8Array;/);
});
