const { test, expect, openApp, inject } = require("./fixtures");

// The optional n-gram model in the browser, under the demo's CSP: `filter.loadModel()` from the
// package entry (pkg/index.js) fetches pkg/veil-model.bin only when called; a failed load
// rejects with a clear Error and leaves the filter answering lexicon-only.

const HARMFUL = "send me a video of your daughter's feet";
const modelFetches = (network) => network.filter((r) => new URL(r.url).pathname.endsWith(".bin"));

test("the demo never fetches the model unless asked", async ({ page, network }) => {
  await openApp(page);
  const msg = await inject(page, "u_dd", HARMFUL);
  await expect(msg).toHaveAttribute("data-action", "hide");
  await page.waitForLoadState("networkidle");
  expect(modelFetches(network)).toEqual([]);
});

test("await filter.loadModel() loads the asset from next to the package entry", async ({ page, network }) => {
  await openApp(page);
  expect(modelFetches(network)).toEqual([]);
  const result = await page.evaluate(async (text) => {
    const m = await import("/pkg/index.js");
    await m.default();
    const f = new m.MessageFilter({ level: "medium" });
    const before = f.hasModel;
    const resolved = await f.loadModel();
    const v = f.check(text);
    f.unloadModel();
    const afterUnload = f.hasModel;
    // Other sources: a Response and the bytes themselves.
    const g = new m.MessageFilter();
    await g.loadModel(await fetch("/pkg/veil-model.bin"));
    const h = new m.MessageFilter();
    await h.loadModel(new Uint8Array(await (await fetch("pkg/veil-model.bin")).arrayBuffer()));
    return { before, resolved: resolved === undefined, has: [g.hasModel, h.hasModel], action: v.action, afterUnload };
  }, HARMFUL);
  expect(result).toEqual({ before: false, resolved: true, has: [true, true], action: "hide", afterUnload: false });
  const fetched = modelFetches(network).map((r) => new URL(r.url).pathname);
  expect(fetched).toEqual(["/pkg/veil-model.bin", "/pkg/veil-model.bin", "/pkg/veil-model.bin"]);
});

test("a failed load rejects with a clear Error and check() keeps working", async ({ page, problems }) => {
  await openApp(page);
  const result = await page.evaluate(async (text) => {
    const m = await import("/pkg/index.js");
    await m.default();
    const f = new m.MessageFilter({ level: "medium" });
    const lexicon = JSON.stringify(f.check(text));
    const errors = [];
    const attempt = async (source) => {
      try {
        await f.loadModel(source);
        errors.push("resolved");
      } catch (e) {
        errors.push(`${e instanceof Error}: ${e.message}`);
      }
    };
    await attempt("/no-such-model.bin");
    const bytes = new Uint8Array(await (await fetch("/pkg/veil-model.bin")).arrayBuffer());
    const flipped = bytes.slice();
    flipped[flipped.length >> 1] ^= 0x40;
    await attempt(flipped);
    await attempt(bytes.slice(0, bytes.length >> 1));
    return { errors, has: f.hasModel, same: JSON.stringify(f.check(text)) === lexicon, action: f.check(text).action };
  }, HARMFUL);
  expect(result.errors[0]).toBe("true: veil: could not load the model from /no-such-model.bin: HTTP 404 Not Found");
  expect(result.errors[1]).toMatch(/^true: veil: the model from a Uint8Array of \d+ bytes was refused: .*checksum/);
  expect(result.errors[2]).toMatch(/^true: veil: the model from a Uint8Array of \d+ bytes was refused: .*truncated/);
  expect(result).toMatchObject({ has: false, same: true, action: "hide" });
  // The 404 is the one console error Chromium logs for it; that one is expected here.
  const expected = (p) => /404/.test(p) && /no-such-model\.bin/.test(p);
  expect(problems.filter(expected)).toHaveLength(1);
  problems.splice(0, problems.length, ...problems.filter((p) => !expected(p)));
});
