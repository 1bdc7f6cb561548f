const { test, expect, openApp, inject, ORIGIN } = require("./fixtures");

// The fixture checks every test's requests; this one drives the whole app and also pins down
// exactly which files are fetched: the page's own assets, nothing else, never with message text.
test("no request leaves the device or carries message text", async ({ page, network }) => {
  await openApp(page, "?stream=fast");
  await expect(page.locator("#app")).toHaveAttribute("data-script", "done", { timeout: 10000 });
  await inject(page, "u_dd", "send me a video of your daughter's feet");
  await inject(page, "u_lily", "Does this fit a 7-year-old?");
  await page.getByTestId("folder-hidden").click();
  await page.getByTestId("hidden-list").getByRole("button", { name: /Open this hidden message/ }).first().click();
  await page.getByTestId("lang-toggle").click();
  await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  await page.getByTestId("export-print").click();
  await page.getByTestId("report-back").click();

  const allowed = new Set([
    "/index.html", "/app.js", "/app.css", "/i18n.js", "/data.js", "/pin.js", "/favicon.svg",
    "/pkg/veil.js", "/pkg/veil_bg.wasm", "/pkg/dom.js", "/pkg/veil.css",
    "/img/logo.svg", "/img/shield.svg", "/img/dress.svg", "/img/sandals.svg", "/img/cardigan.svg",
  ]);
  expect(network.length).toBeGreaterThan(5);
  for (const r of network) {
    if (r.url.startsWith("blob:")) {
      expect(r.url.startsWith(`blob:${ORIGIN}/`)).toBe(true); // the evidence file, made in the page
      continue;
    }
    const u = new URL(r.url);
    expect(u.origin).toBe(ORIGIN);
    expect(allowed.has(u.pathname), `unexpected fetch ${u.pathname}`).toBe(true);
    expect(u.search === "" || u.search === "?stream=fast", `query on ${r.url}`).toBe(true);
  }
  const paths = new Set(network.filter((r) => !r.url.startsWith("blob:")).map((r) => new URL(r.url).pathname));
  expect(paths.has("/pkg/veil_bg.wasm")).toBe(true);
  // The CSP from the brief is in place.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:");
});
