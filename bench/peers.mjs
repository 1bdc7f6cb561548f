// Veil beside the filters a web developer would otherwise pick, in one Node run, on the same
// messages: every 8th row of each labelled file (about 21,600 messages of English and Chinese
// chat and harm). Each filter gets a warm-up pass and then three timed passes; the best pass
// counts. "import + first verdict" is timed in a fresh Node process per filter, three times
// (the median counts), and "shipped" is the filter bundled and minified by esbuild, gzipped
// (for Veil: the wasm plus its JS glue).
// Usage: node bench/peers.mjs [DATA_DIR]   (run `make pkg` first; `make bench-peers` does both)
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = join(root, "pkg");

// How each filter is imported and asked one question. `setup` returns a function text => any.
const FILTERS = {
  "@2toad/profanity": {
    imports: `import { profanity } from "@2toad/profanity";`,
    setup: `(t) => profanity.exists(t)`,
  },
  "leo-profanity": {
    imports: `import leo from "leo-profanity";`,
    setup: `(t) => leo.check(t)`,
  },
  obscenity: {
    imports: `import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";`,
    setup: `((m) => (t) => m.hasMatch(t))(new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers }))`,
  },
  veil: {
    imports: `import { MessageFilter } from ${JSON.stringify(join(pkg, "node.js"))};`,
    setup: `((f) => (t) => f.check(t))(new MessageFilter({ level: "medium" }))`,
  },
};

// Each filter's one-question module, written under target/ so that bare imports resolve from
// the workspace's node_modules.
function moduleFile(name) {
  const dir = join(root, "target", "peers");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/\W/g, "_")}.mjs`);
  writeFileSync(file, `${FILTERS[name].imports}\nexport default ${FILTERS[name].setup};\n`);
  return file;
}

// --cold NAME: time this process's import and first verdict of one filter, print it, exit.
if (process.argv[2] === "--cold") {
  const t0 = performance.now();
  const check = (await import(process.argv[4])).default;
  check("is the blue coat still available?");
  console.log((performance.now() - t0).toFixed(2));
  process.exit(0);
}

const dir = process.argv[2] ?? join(root, "..", "shared", "data");
if (!existsSync(dir)) {
  console.log(`peers: skipped: no labelled data at ${dir}`);
  process.exit(0);
}
const texts = readdirSync(dir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .flatMap((f) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter(Boolean)
      .filter((_, i) => i % 8 === 0)
      .map((l) => JSON.parse(l).text),
  );
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

function best(run) {
  run(); // warm-up
  let fastest = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - t0);
  }
  return texts.length / (fastest / 1000);
}

function cold(name) {
  const runs = [0, 1, 2].map(() =>
    Number(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--cold", name, moduleFile(name)], { cwd: root, encoding: "utf8" })),
  );
  return runs.sort((a, b) => a - b)[1];
}

function shipped(name) {
  if (name === "veil") {
    const wasm = gzipSize(readFileSync(join(pkg, "veil_bg.wasm")));
    const glue = bundle(join(pkg, "index.js"));
    return { total: wasm + glue, note: `wasm ${Math.round(wasm / 1024)} + glue ${Math.round(glue / 1024)}` };
  }
  return { total: bundle(moduleFile(name)) };
}

// gzip -9, as scripts/build-pkg.sh measures the package (Node's zlib packs a few % larger).
const gzipSize = (bytes) => execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 28 }).length;

function bundle(file) {
  const out = execFileSync(join(root, "node_modules", ".bin", "esbuild"),
    [file, "--bundle", "--minify", "--format=esm", "--platform=browser", "--log-level=error"],
    { cwd: root, maxBuffer: 1 << 28 });
  return gzipSize(out);
}

const { MessageFilter } = await import(join(pkg, "node.js"));
const veil = new MessageFilter({ level: "medium" });
const rows = [];
for (const name of Object.keys(FILTERS)) {
  const check = (await import(moduleFile(name))).default;
  const size = shipped(name);
  rows.push({ name: name === "veil" ? "Veil `check()`" : `\`${name}\``, rate: best(() => texts.forEach(check)), cold: cold(name), size });
}
const batches = (n, f) => () => { for (let i = 0; i < texts.length; i += n) f(texts.slice(i, i + n)); };
rows.push({ name: "Veil `checkBatch()` (1,000 a call)", rate: best(batches(1000, (b) => veil.checkBatch(b))) });
rows.push({ name: "Veil `checkActions()` (1,000 a call)", rate: best(batches(1000, (b) => veil.checkActions(b))) });

const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`${texts.length} messages (${(bytes / 1e6).toFixed(1)} MB), Node ${process.version}, best of 3 passes after a warm-up`);
console.log("");
console.log("| filter | messages/s | import + first verdict | shipped, gzipped |");
console.log("|---|---:|---:|---:|");
for (const r of rows) {
  const size = r.size ? `${kb(r.size.total)}${r.size.note ? ` (${r.size.note})` : ""}` : "";
  const cold = r.cold === undefined ? "" : `${r.cold.toFixed(1)} ms`;
  console.log(`| ${r.name} | ${Math.round(r.rate).toLocaleString("en")} | ${cold} | ${size} |`);
}
