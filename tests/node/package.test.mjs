// The built npm package (pkg/) in Node 20: the package entry, the manual initSync path, the
// declared exports and types. Run by `make test-node` after `make pkg`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";

const pkgDir = new URL("../../pkg/", import.meta.url);

test("the Node entry initialises itself and filters", async () => {
  const { default: init, MessageFilter, categories, levels } = await import(new URL("node.js", pkgDir));
  await init(); // a no-op in Node, so browser code runs unchanged
  const filter = new MessageFilter({ level: "medium" });
  const bad = filter.check("send me a video of your daughter's feet", { sender: "u1", time: Date.now() });
  assert.equal(bad.action, "hide");
  assert.ok(bad.reasons[0].en.length > 0 && bad.reasons[0].zh.length > 0);
  const good = filter.check("Does this fit a 7-year-old?");
  assert.equal(good.action, "show");
  assert.deepEqual(good.categories, []);
  assert.equal(categories().length, 12);
  assert.deepEqual(levels(), ["off", "low", "medium", "high", "strict"]);
});

test("spans are UTF-16 offsets into the original text", async () => {
  const { MessageFilter } = await import(new URL("node.js", pkgDir));
  const text = "😀😀 you stupid bitch";
  const v = new MessageFilter().check(text);
  const spans = v.categories.flatMap((c) => c.spans.map((s) => text.slice(s.start, s.end)));
  assert.ok(spans.includes("bitch"), JSON.stringify(spans));
});

test("bad settings throw a clear Error, not a panic", async () => {
  const { MessageFilter } = await import(new URL("node.js", pkgDir));
  assert.throws(() => new MessageFilter({ level: "extreme" }), (e) => e instanceof Error && /extreme/.test(e.message));
  assert.throws(() => new MessageFilter({ overrides: { nudity: "hide" } }), /nudity/);
  assert.throws(() => new MessageFilter({ overrides: { sexual: "delete" } }), /delete/);
  assert.throws(() => new MessageFilter({ levle: "low" }), /levle/);
  assert.throws(() => new MessageFilter("medium"), /object/);
  // The filter still works after a refused update, with its old settings.
  const f = new MessageFilter({ level: "low" });
  assert.throws(() => f.setSettings({ level: "max" }), /max/);
  assert.equal(f.settings().level, "low");
});

test("initSync with the wasm bytes works from the web entry", async () => {
  const web = await import(new URL("veil.js", pkgDir) + "?manual");
  web.initSync({ module: readFileSync(new URL("veil_bg.wasm", pkgDir)) });
  const f = new web.MessageFilter({ level: "strict" });
  assert.notEqual(f.check("you idiot").action, "show");
});

test("package.json exports name files that exist, with real types", () => {
  const pkg = JSON.parse(readFileSync(new URL("package.json", pkgDir), "utf8"));
  assert.equal(pkg.name, "veil-filter");
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of targets) assert.ok(existsSync(new URL(t, pkgDir)), `missing ${t}`);
  const dts = readFileSync(new URL("veil.d.ts", pkgDir), "utf8");
  assert.match(dts, /check\(text: string, meta\?: MessageMeta\): Verdict;/);
  assert.match(dts, /constructor\(settings\?: Settings\);/);
  assert.doesNotMatch(dts.replace(/module_or_path[^;]*;/g, ""), /settings: any|: any\b.*Verdict/);
});
