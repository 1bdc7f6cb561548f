const { test, expect, openApp, inject, shot } = require("./fixtures");

// Sender memory in the engine, end to end: uncle_xm (in the inbox from the start) pushes a WeChat
// id in a creepy message about the child; the user blocks him; a "new buyer" on another account
// then sends the same id, disguised ("薇信 x m _ 2 0 2 4"). The engine recognises the blocked
// sender (ban_evasion) and the page hides the message with the engine's reason. The block lives in
// the engine's snapshot (filter.exportState() in localStorage) and survives a reload.

const EVADED = "Looks like a sender you blocked: same contact details";
const EVADED_ZH = "疑似已屏蔽的用户换号：联系方式相同";
const conv = (page, id) => page.getByTestId("conversations").locator(`[data-sender="${id}"]`);

test("a blocked harasser writing from a new account is hidden, and the block survives a reload", async ({ page }) => {
  await openApp(page);
  // The harasser's message is flagged; nothing of it shows in the list.
  await conv(page, "u_xm").click();
  const creepy = page.getByTestId("thread").getByTestId("message").last();
  await expect(creepy).not.toHaveAttribute("data-action", "show");
  await expect(page.getByTestId("conversations")).not.toContainText("XM_2024");

  // Block him: the blocked list is the engine's (filter.blockedSenders()).
  await page.getByTestId("block-sender").click();
  await expect(page.getByTestId("blocked-count")).toHaveText("1");
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("veil.demo.memory")).format)).toBe("veil-memory");
  expect(await page.evaluate(() => localStorage.getItem("veil.demo.blocked"))).toBeNull();

  // The new buyer writes: hidden, with the reason naming the matched signal.
  await page.getByTestId("simulate-evasion").click();
  await expect(conv(page, "u_new")).toHaveAttribute("aria-current", "true");
  const evasion = page.getByTestId("thread").getByTestId("message").last();
  await expect(evasion).toHaveAttribute("data-sender", "u_new");
  await expect(evasion).toHaveAttribute("data-action", "hide");
  await expect(evasion).toContainText(EVADED);
  await expect(evasion).toContainText("Blocked sender on a new account");
  await expect(evasion.locator(".msg-body")).toHaveAttribute("aria-label", new RegExp(`^Hidden message\\. Reason: ${EVADED}`));
  await expect(evasion).not.toContainText("x m _ 2 0 2 4");
  await expect(page.getByTestId("conversations")).not.toContainText("2 0 2 4");
  await shot(page, "17-ban-evasion");

  // An ordinary buyer is not affected.
  const ok = await inject(page, "u_lily", "Does this fit a 7-year-old? She's about 122 cm.");
  await expect(ok).toHaveAttribute("data-action", "show");

  // Reload: the engine's memory comes back from localStorage.
  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("blocked-count")).toHaveText("1");
  await page.getByTestId("folder-blocked").click();
  await expect(page.getByTestId("blocked-item")).toHaveCount(1);
  await expect(page.getByTestId("blocked-item")).toHaveAttribute("data-sender", "u_xm");
  await expect(page.getByTestId("blocked-item")).toContainText("uncle_xm");

  // The new buyer's message is still hidden, with the same reason.
  await conv(page, "u_new").click();
  const again = page.getByTestId("thread").getByTestId("message").last();
  await expect(again).toHaveAttribute("data-action", "hide");
  await expect(again).toContainText(EVADED);

  // The memory works after the reload too: the other disguise is recognised as well...
  await page.getByTestId("simulate-evasion").click();
  const second = page.getByTestId("thread").getByTestId("message").last();
  await expect(page.getByTestId("thread").getByTestId("message")).toHaveCount(2);
  await expect(second).toHaveAttribute("data-action", "hide");
  await expect(second).toContainText(EVADED);
  // ...and a buyer who never wrote before, with an ordinary question, is shown.
  const fresh = await inject(page, "u_mark", "Is the cardigan still available? I can pick it up on Saturday.");
  await expect(fresh).toHaveAttribute("data-action", "show");
  await expect(page.getByTestId("conversations").locator('[data-sender="u_lily"]')).not.toContainText("Hidden message");

  // A settings change re-checks the texts without a sender; what memory said is kept.
  await page.getByTestId("open-settings").click();
  await page.getByTestId("level-high").check({ force: true });
  await page.getByTestId("settings-close").click();
  await conv(page, "u_new").click();
  await expect(page.getByTestId("thread").locator('[data-action="hide"]')).toHaveCount(2);
  await expect(page.getByTestId("thread").getByTestId("message").first()).toContainText(EVADED);

  // In Chinese, the reason is the engine's Chinese one.
  await page.getByTestId("lang-toggle").click();
  await conv(page, "u_new").click();
  await expect(page.getByTestId("thread").getByTestId("message").last()).toContainText(EVADED_ZH);
  await expect(page.getByTestId("thread").getByTestId("message").last()).toContainText("已屏蔽的用户换号");
  await shot(page, "18-ban-evasion-zh");
});

test("before the block the new buyer is not treated as the harasser; unblocking goes to the engine", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("simulate-evasion").click();
  const first = page.getByTestId("thread").getByTestId("message").last();
  await expect(first).toHaveAttribute("data-sender", "u_new");
  await expect(first).not.toContainText("Looks like a sender you blocked");

  await conv(page, "u_xm").click();
  await page.getByTestId("block-sender").click();
  await expect(page.getByTestId("blocked-count")).toHaveText("1");
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("veil.demo.memory")).state.blocked.map((b) => b.sender))).toEqual(["u_xm"]);
  // The blocked account's own later messages are hidden by the page's rule.
  const own = await inject(page, "u_xm", "hello?");
  await expect(own).toHaveAttribute("data-action", "hide");
  await expect(own).toContainText("From a buyer you blocked");

  await page.getByTestId("unblock-sender").click();
  await expect(page.getByTestId("blocked-count")).toHaveText("");
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("veil.demo.memory")).state.blocked)).toEqual([]);
  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("folder-blocked").click();
  await expect(page.getByTestId("blocked-item")).toHaveCount(0);
  await page.getByTestId("simulate-evasion").click();
  await expect(page.getByTestId("thread").getByTestId("message").last()).not.toContainText("Looks like a sender you blocked");
});

test("a corrupt memory snapshot: the page starts with empty memory and a warning", async ({ page }) => {
  await openApp(page);
  await conv(page, "u_xm").click();
  await page.getByTestId("block-sender").click();
  await expect(page.getByTestId("blocked-count")).toHaveText("1");
  // Tamper with the snapshot: its checksum no longer matches.
  await page.evaluate(() => {
    const s = localStorage.getItem("veil.demo.memory");
    localStorage.setItem("veil.demo.memory", s.replace("u_xm", "u_xx"));
  });
  const warnings = [];
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  expect(warnings.some((w) => /sender memory could not be restored/.test(w))).toBe(true);
  await expect(page.getByTestId("blocked-count")).toHaveText("");
  await conv(page, "u_lily").click();
  await expect(page.getByTestId("thread").getByTestId("message").first()).toHaveAttribute("data-action", "show");
  // The broken snapshot was replaced by a good (empty) one.
  const blocked = await page.evaluate(() => JSON.parse(localStorage.getItem("veil.demo.memory")).state.blocked);
  expect(blocked).toEqual([]);
});
