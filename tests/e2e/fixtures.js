// Shared fixtures: every test records every network request of its browser context and fails if
// any goes anywhere but the local demo server, or carries message text; CSP violations, console
// errors (a missing asset, for one) and uncaught page errors fail the test too.
const base = require("@playwright/test");
const fs = require("node:fs");
const path = require("node:path");

const ORIGIN = "http://127.0.0.1:8181";
const SHOTS = path.join(__dirname, "..", "..", "artifacts", "screenshots");

// Texts that must never appear in a request (URL, headers or body).
const SECRETS = [
  "daughter",
  "feet",
  "微信",
  "原味",
  "abc123",
  "know where you live",
  "7-year-old",
  "宝宝脚长",
  "bitch",
];

const test = base.test.extend({
  network: [
    async ({ context }, use) => {
      const requests = [];
      context.on("request", (req) => {
        requests.push({ url: req.url(), method: req.method(), body: req.postData() || "", headers: req.headers() });
      });
      // Belt and braces: anything not local is refused outright (and still recorded above).
      await context.route((url) => !url.href.startsWith(ORIGIN), (route) => route.abort());
      await use(requests);
      for (const r of requests) {
        const local = r.url.startsWith(`${ORIGIN}/`) || r.url.startsWith(`blob:${ORIGIN}/`) || r.url.startsWith("data:");
        base.expect(local, `request left the device: ${r.method} ${r.url}`).toBe(true);
        base.expect(r.method, `unexpected ${r.method} ${r.url}`).toBe("GET");
        const blob = decodeURIComponent(r.url) + r.body + JSON.stringify(r.headers);
        for (const s of SECRETS) base.expect(blob.toLowerCase(), `request carries message text: ${r.url}`).not.toContain(s.toLowerCase());
      }
    },
    { auto: true },
  ],
  problems: [
    async ({ page }, use) => {
      const problems = [];
      page.on("console", (m) => {
        if (m.type() === "error" || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`${m.type()}: ${m.text()} ${m.location().url || ""}`);
      });
      page.on("pageerror", (e) => problems.push(String(e)));
      await use(problems);
      base.expect(problems, "CSP violations or page errors").toEqual([]);
    },
    { auto: true },
  ],
});

async function openApp(page, query = "?autoplay=0") {
  await page.goto(`/index.html${query}`);
  await base.expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
}

// Inject an incoming message through the demo's test hooks; returns the rendered message.
async function inject(page, sender, text) {
  await page.getByTestId("incoming-sender").selectOption(sender);
  await page.getByTestId("incoming-text").fill(text);
  await page.getByTestId("incoming-send").click();
  const msg = page.getByTestId("thread").getByTestId("message").last();
  await base.expect(msg).toBeVisible();
  return msg;
}

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.querySelector(".panel")?.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function setPinViaSettings(page, pin) {
  await page.getByTestId("open-settings").click();
  await page.getByTestId("new-pin").fill(pin);
  await page.getByTestId("confirm-pin").fill(pin);
  await page.getByTestId("set-pin").click();
  await base.expect(page.getByTestId("lock-banner")).toBeVisible();
  await page.getByTestId("settings-close").click();
  await base.expect(page.getByTestId("settings")).toBeHidden();
}

// The engine's own verdict for a text, computed in the page with the same package: the tests check
// that the web side shows what the engine decided, without hard-coding every engine decision.
async function verdictOf(page, text, settings = { level: "medium" }) {
  return page.evaluate(async ([t, s]) => {
    const m = await import("/pkg/veil.js");
    await m.default();
    const f = new m.MessageFilter(s);
    return f.check(t);
  }, [text, settings]);
}

module.exports = { verdictOf, test, expect: base.expect, openApp, inject, shot, setPinViaSettings, ORIGIN };
