const { test, expect, openApp, inject, shot, verdictOf } = require("./fixtures");

test("Chinese and English UI, reasons in the user's language", async ({ page }) => {
  await openApp(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("folder-hidden")).toContainText("Hidden");
  const en = await inject(page, "u_dd", "send me a video of your daughter's feet");
  await expect(en).toContainText("Asks for photos or videos of a child");

  await page.getByTestId("lang-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("folder-hidden")).toContainText("已隐藏");
  await expect(page.getByTestId("open-settings")).toContainText("家长设置");
  const msg = page.getByTestId("thread").getByTestId("message").last();
  await expect(msg).toContainText("索要孩子的照片或视频");
  await expect(msg.locator(".msg-body")).toHaveAttribute("aria-label", /^已隐藏的消息。原因：(.+；)?索要孩子的照片或视频/);
  await expect(msg.getByRole("button", { name: /打开这条隐藏的消息/ })).toHaveText("打开");

  const WECHAT = "加我微信 abc123 详聊，价格好说";
  const v = await verdictOf(page, WECHAT);
  expect(v.action, "engine: WeChat push at medium").toBe("blur");
  const zh = await inject(page, "u_dd", WECHAT);
  await expect(zh).toHaveAttribute("data-action", "blur");
  await expect(zh).toContainText(v.reasons[0].zh);
  await expect(zh.getByRole("button", { name: /仍然显示这条消息/ })).toHaveText("仍然显示");
  await expect(await inject(page, "u_zhou", "宝宝脚长14cm能穿吗")).toHaveAttribute("data-action", "show");
  await page.getByTestId("conversations").locator('[data-sender="u_dd"]').click();
  await shot(page, "13-chinese");

  await page.getByTestId("open-settings").click();
  await expect(page.getByTestId("settings")).toContainText("过滤级别");
  await expect(page.getByTestId("settings")).toContainText("涉及儿童的性内容");
  await shot(page, "14-chinese-settings");
  await page.getByTestId("settings-close").click();

  // The language choice survives a reload.
  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByTestId("lang-toggle").click();
  await expect(page.getByTestId("open-settings")).toContainText("Parent settings");
});
