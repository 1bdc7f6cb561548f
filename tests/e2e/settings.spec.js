const { test, expect, openApp, inject, shot, setPinViaSettings, verdictOf } = require("./fixtures");

const WECHAT = "加我微信 abc123 详聊，价格好说";
const HARMFUL = "send me a video of your daughter's feet";

test("level and per-category action survive a reload", async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId("stat-level")).toHaveText("Medium");
  await page.getByTestId("open-settings").click();
  await page.getByTestId("level-strict").check({ force: true });
  await expect(page.getByTestId("stat-level")).toHaveText("Strict");
  await page.getByTestId("override-off_platform").selectOption("show");
  await shot(page, "09-settings");
  await page.getByTestId("settings-close").click();

  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("stat-level")).toHaveText("Strict");
  await page.getByTestId("open-settings").click();
  await expect(page.getByTestId("level-strict")).toBeChecked();
  await expect(page.getByTestId("override-off_platform")).toHaveValue("show");
  await page.getByTestId("settings-close").click();
  // The override applies: the WeChat push is shown (from a buyer with a clean record: dd_collector
  // is a repeat offender in sender memory, which strict hides).
  await expect(await inject(page, "u_mark", WECHAT)).toHaveAttribute("data-action", "show");
  // Strict is applied: the insult that medium only blurs is now hidden.
  const INSULT = "you stupid bitch answer me";
  const strict = { level: "strict", overrides: { off_platform: "show" } };
  expect((await verdictOf(page, INSULT)).action, "engine: insult at medium").toBe("blur");
  expect((await verdictOf(page, INSULT, strict)).action, "engine: insult at strict").toBe("hide");
  await expect(await inject(page, "u_anon", INSULT)).toHaveAttribute("data-action", "hide");

  // Changing the level re-checks the inbox that is already there.
  await page.getByTestId("open-settings").click();
  await page.getByTestId("level-off").check({ force: true });
  await page.getByTestId("settings-close").click();
  await expect(page.getByTestId("thread").locator('[data-action="hide"], [data-action="blur"]')).toHaveCount(0);
});

test("parent PIN locks settings and hidden messages; stored only as a salted hash", async ({ page }) => {
  await openApp(page);
  await setPinViaSettings(page, "2468");

  const stored = await page.evaluate(() => localStorage.getItem("veil.demo.pin"));
  expect(stored).not.toContain("2468");
  const rec = JSON.parse(stored);
  expect(rec.iterations).toBeGreaterThanOrEqual(100000);
  expect(rec.alg).toBe("PBKDF2-SHA-256");
  expect(atob(rec.salt).length).toBe(16);
  expect(atob(rec.hash).length).toBe(32);

  // Locked: nothing can change.
  await page.getByTestId("open-settings").click();
  await expect(page.getByTestId("lock-banner")).toContainText("Settings are locked");
  await expect(page.getByTestId("level-high")).toBeDisabled();
  await expect(page.getByTestId("override-threat")).toBeDisabled();
  await page.getByTestId("level-off").check({ force: true }).catch(() => {});
  await expect(page.getByTestId("level-medium")).toBeChecked();
  await shot(page, "10-settings-locked");

  // Wrong PIN refused.
  await page.getByTestId("unlock-pin").fill("1111");
  await page.getByTestId("unlock-btn").click();
  await expect(page.getByTestId("unlock-error")).toHaveText("Wrong PIN. Try again.");
  await expect(page.getByTestId("level-high")).toBeDisabled();
  const settings = await page.evaluate(() => localStorage.getItem("veil.demo.settings"));
  expect(settings === null || JSON.parse(settings).level === "medium").toBe(true);

  // Right PIN unlocks until the window closes.
  await page.getByTestId("unlock-pin").fill("2468");
  await page.getByTestId("unlock-btn").click();
  await expect(page.getByTestId("level-high")).toBeEnabled();
  await page.getByTestId("level-high").check({ force: true });
  await expect(page.getByTestId("stat-level")).toHaveText("High");
  await page.getByTestId("settings-close").click();
  await page.getByTestId("open-settings").click();
  await expect(page.getByTestId("level-strict")).toBeDisabled();
  await page.getByTestId("settings-close").click();

  // A hidden message needs the PIN to open.
  const msg = await inject(page, "u_dd", HARMFUL);
  await expect(msg).toHaveAttribute("data-action", "hide");
  await expect(msg.getByRole("button", { name: /Open this hidden message/ })).toHaveText("Open with PIN");
  await msg.getByRole("button", { name: /Open this hidden message/ }).click();
  const dlg = page.getByTestId("pin-dialog");
  await expect(dlg).toBeVisible();
  await page.getByTestId("pin-input").fill("0000");
  await page.getByTestId("pin-ok").click();
  await expect(page.getByTestId("pin-error")).toHaveText("Wrong PIN. Try again.");
  await shot(page, "11-pin-prompt");
  await page.getByTestId("pin-cancel").click();
  await expect(dlg).toBeHidden();
  await expect(msg.locator(".veil-content")).toHaveCount(0);
  await expect(msg).toContainText("Not opened");

  // Keyboard only: Enter on "Open with PIN", type the PIN, Enter; focus lands on the message.
  await msg.getByRole("button", { name: /Open this hidden message/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pin-input")).toBeFocused();
  await page.keyboard.type("2468");
  await page.keyboard.press("Enter");
  await expect(dlg).toBeHidden();
  await expect(msg).toContainText(HARMFUL);
  await expect(msg.locator(".veil-content")).toBeFocused();

  // The lock survives a reload.
  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("open-settings").click();
  await expect(page.getByTestId("level-high")).toBeChecked();
  await expect(page.getByTestId("level-high")).toBeDisabled();
});
