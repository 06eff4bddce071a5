import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1440, height: 900 } });
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver("127.0.0.20");
});
afterAll(() => receiver.close());

describe("notification channels, as an admin", () => {
  it("adds a webhook channel, sees its secret once, sends a test and reads it in the delivery log", async () => {
    const page = session.page;
    await signIn(page, baseUrl, "admin@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.getByRole("link", { name: "Notifications" }).click();
    await page.waitForURL(`${baseUrl}/admin/notifications`);
    const name = `Ticketing ${Date.now().toString(36)}`;
    await page.getByLabel("Nom").fill(name);
    await page.getByLabel(/URL HTTPS du destinataire/).fill(receiver.url);
    await page.getByRole("button", { name: "Ajouter le canal" }).click();
    const secret = (await page.getByTestId("channel-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const channel = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
    await channel.waitFor();
    // The URL's token never shows; the secret is not on the page once it is loaded again.
    expect(await channel.textContent()).not.toContain("secret-token-123");
    expect(await wcagViolations(page)).toEqual([]);

    await channel.getByRole("button", { name: "Envoyer un test" }).click();
    await channel.getByRole("status").filter({ hasText: "Test envoyé : HTTP 200" }).waitFor();
    await channel.getByRole("table").getByText("HTTP 200").waitFor();
    expect(await channel.getByRole("table").textContent()).toContain("Test");
    expect(receiver.requests).toHaveLength(1);
    expect(
      new Webhook(secret).verify(receiver.requests[0]!.body, receiver.requests[0]!.headers as Record<string, string>),
    ).toMatchObject({ type: "test" });
    await screenshot(page, "notification-channels");

    await page.reload();
    expect(await page.content()).not.toContain(secret);
    expect(await wcagViolations(page)).toEqual([]);

    // « Modifier »: a new name and one more event; the URL stays.
    const renamed = `${name} (astreinte)`;
    const stored = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });
    await stored.getByText("Modifier").click();
    await stored.getByLabel("Nom", { exact: true }).fill(renamed);
    await stored.getByLabel("Double réservation détectée").check();
    await stored.getByRole("button", { name: "Enregistrer" }).click();
    const edited = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: renamed }) });
    await edited.waitFor();
    expect(await edited.textContent()).toContain("Double réservation détectée");
  });

  it("is the admins' only: support gets the 403 page and no menu entry", async () => {
    const page = session.page;
    await page.context().clearCookies();
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    expect(await page.getByRole("link", { name: "Notifications" }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/notifications`);
    await page.waitForURL(`${baseUrl}/acces-refuse`);
  });
});
