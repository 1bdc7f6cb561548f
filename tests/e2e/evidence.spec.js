const fs = require("node:fs");
const { test, expect, openApp, inject, shot } = require("./fixtures");

const HARMFUL = "send me a video of your daughter's feet";

test("evidence export: JSON download and printable report, with the on-device notice", async ({ page }) => {
  await openApp(page);
  await inject(page, "u_dd", HARMFUL);
  await inject(page, "u_dd", "加我微信 abc123 详聊，价格好说");
  await inject(page, "u_lily", "Does this fit a 7-year-old?");
  await expect(page.getByTestId("export-notice")).toContainText("stays here until you choose to share it");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  expect(download.suggestedFilename()).toMatch(/^veil-evidence-.*\.json$/);
  const data = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(data.format).toBe("veil-evidence/1");
  expect(data.notice).toContain("stays here until you choose to share it");
  expect(data.count).toBe(data.messages.length);
  const texts = data.messages.map((m) => m.text);
  expect(texts).toContain(HARMFUL);
  expect(texts).toContain("加我微信 abc123 详聊，价格好说");
  expect(texts).not.toContain("Does this fit a 7-year-old?");
  const m = data.messages.find((x) => x.text === HARMFUL);
  expect(m.sender).toMatchObject({ id: "u_dd", name: "dd_collector" });
  expect(new Date(m.time).getTime()).toBeGreaterThan(Date.now() - 120000);
  expect(m.action).toBe("hide");
  expect(m.categories[0].category).toBe("sexual_minors");
  // dd_collector already sent two harmful messages, so sender memory adds "Sent several harmful messages" first.
  expect(m.reasons).toContainEqual(expect.objectContaining({ en: "Asks for photos or videos of a child", zh: "索要孩子的照片或视频" }));
  for (const x of data.messages) {
    expect(x.sender.id).toBeTruthy();
    expect(x.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(x.reasons.length).toBeGreaterThan(0);
  }

  await page.getByTestId("export-print").click();
  const report = page.getByTestId("report");
  await expect(report).toBeVisible();
  await expect(page.getByTestId("report-notice")).toContainText("stays here until you choose to share it");
  await expect(page.getByTestId("report-row")).toHaveCount(data.count);
  await expect(report).toContainText(HARMFUL);
  await expect(report).toContainText("Asks for photos or videos of a child");
  // The printed report and the JSON file carry the same fingerprint of the messages.
  const sha = require("node:crypto").createHash("sha256").update(JSON.stringify(data.messages)).digest("hex");
  expect(data.messagesSha256).toBe(sha);
  await expect(page.getByTestId("report-fingerprint")).toContainText(sha);
  await shot(page, "12-evidence-report");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("report-back")).toBeHidden();
  await shot(page, "12b-evidence-print");
  await page.emulateMedia({ media: "screen" });
  await page.getByTestId("report-back").click();
  await expect(report).toBeHidden();
});
