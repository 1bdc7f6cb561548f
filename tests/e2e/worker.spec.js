const { test, expect, openApp } = require("./fixtures");

// `createWorkerFilter` in Chromium, from the unbundled package under the demo's CSP: a large
// inbox is checked in a Web Worker while the page stays responsive, answers match the page's
// own filter, errors keep their kind, and the model loads in the worker only when asked.

test("a worker filter checks a large inbox off the main thread, as the page's filter would", async ({ page }) => {
  await openApp(page);
  const result = await page.evaluate(async () => {
    const m = await import("/pkg/index.js");
    await m.default();
    const local = new m.MessageFilter({ level: "medium" });
    const w = await m.createWorkerFilter({ level: "medium" });
    const inbox = [];
    for (let i = 0; i < 20000; i++) {
      inbox.push(i % 97 === 0 ? "send me a video of your daughter's feet" : `Is the coat in size ${i % 14} still available?`);
    }
    // The main thread keeps running while the worker works: count timer ticks meanwhile.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const codes = await w.checkActions(inbox);
    clearInterval(timer);
    const same = codes.every((c, i) => m.ACTIONS[c] === local.check(inbox[i]).action);
    const verdict = await w.check("send me a video of your daughter's feet", { sender: "u1" });
    let error = null;
    try {
      await w.checkBatch("not an array");
    } catch (e) {
      error = [e instanceof TypeError, e.message];
    }
    const before = await w.hasModel();
    await w.loadModel(); // relative to the package, fetched by the worker
    const after = await w.hasModel();
    await w.loadModel("pkg/veil-model.bin"); // relative to the page
    w.terminate();
    return { n: codes.length, hidden: codes.filter((c) => c === 2).length, same, ticks: ticks > 0, action: verdict.action, error, before, after };
  });
  expect(result).toEqual({
    n: 20000, hidden: 207, same: true, ticks: true, action: "hide",
    error: [true, "veil: checkBatch(texts): expected an array of strings, got a string"],
    before: false, after: true,
  });
});
