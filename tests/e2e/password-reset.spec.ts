import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";
import { decodedMail } from "./mail-text";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";
import { connectPostgres } from "@/server/db/connect";
import { systemContext } from "@/server/service-context";
import { createUser } from "@/server/services/users/users.service";
import { drainOutbox } from "@/server/services/notifications/outbox-sender";
import { createSmtpTransport } from "@/server/services/notifications/mail-transport";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 390, height: 844 } });
let smtp: TestSmtpServer;
let database: ReturnType<typeof connectPostgres>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  database = connectPostgres(inject("databaseUrl"), 2);
});
afterAll(async () => {
  await database.close();
  await smtp.stop();
});

describe("« Mot de passe oublié »", () => {
  it("from the sign-in page, keyboard only: the e-mail's link sets a new password and signs in; the link is then used", async () => {
    const ctx = systemContext(database.db, "cli");
    await createUser(ctx, {
      email: "oubli@example.com",
      name: "Nadia Oubli",
      role: "support",
      password: "ancien mot de passe 2026",
    });
    const { page } = session;
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/mot-de-passe-oublie`);
    await page.getByLabel("Adresse e-mail").focus();
    await page.keyboard.type("oubli@example.com");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Si un compte existe pour cette adresse" }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await drainOutbox(ctx, {
      transport: createSmtpTransport(smtp.url),
      senderId: "e2e-reset",
      from: "support@example.com",
      batchSize: 500,
    });
    const mail = smtp.received.find((received) => received.to.includes("oubli@example.com"));
    expect(mail?.subject).toContain("R=C3=A9initialiser_votre_mot_de_passe");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reinitialiser#[A-Za-z0-9_-]{43})/.exec(decodedMail(mail!.raw))?.[1];
    expect(link).toBeTruthy();

    await page.goto(link!);
    await page.getByText("oubli@example.com").waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel("Nouveau mot de passe").focus();
    await page.keyboard.type("Nouveau départ à Lyon 2027");
    await page.getByLabel("Confirmer le mot de passe").focus();
    await page.keyboard.type("Nouveau départ à Lyon 2027");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/admin`);
    await screenshot(page, "password-reset-landed");

    await page.goto(link!);
    await page.getByRole("alert").filter({ hasText: "Ce lien a déjà servi" }).waitFor();
    await session.context.clearCookies();
    await signIn(page, baseUrl, "oubli@example.com", "Nouveau départ à Lyon 2027");
    await page.waitForURL(`${baseUrl}/admin`);
  });
});
