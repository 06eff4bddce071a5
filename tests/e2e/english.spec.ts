import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { openBrowserSession, press, screenshot, signIn, typeInto } from "./browser";
import { wcagViolations } from "./axe";
import { openMailbox } from "./mailbox";
import { systemContext } from "@/server/service-context";
import { createUser } from "@/server/services/users/create-user";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { listings, users } from "@/server/db/schema";
import { firstFrenchWord } from "../helpers/french-words";

const baseUrl = inject("baseUrl");
// The pages as an English reader gets them: the browser asks for English (the sign-in page), the accounts say "en".
const session = openBrowserSession({ viewport: { width: 1600, height: 900 }, locale: "en-GB" }, (page) =>
  page.on("dialog", (dialog) => void dialog.accept()),
);
const mailbox = openMailbox("english-spec");

const PASSWORD = "english-pass-2026";
const AGENT = { email: "olivia.english@example.com", name: "Olivia Bennett" };
const ADMIN = { email: "noah.english@example.com", name: "Noah Clarke" };
const LISTINGS = [
  { id: "english-listing-1", title: "Harbour loft" },
  { id: "english-listing-2", title: "Seaside cottage" },
  { id: "english-listing-3", title: "Garden studio" },
];

/** The page's text as a reader sees it, but what is marked translate="no"; and its first French word, if any. */
async function frenchOn(page: Page): Promise<string | null> {
  const text = await page.evaluate(() => {
    // The data the page marks (a listing's title…) is data wherever it appears, in a label or a page title too.
    const data = [...document.querySelectorAll('[translate="no"]')]
      .map((element) => element.textContent?.trim() ?? "")
      .filter((value) => value.length > 0)
      .sort((a, b) => b.length - a.length);
    const withoutData = (value: string) => data.reduce((rest, datum) => rest.split(datum).join(" "), value);
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const kept of body.querySelectorAll('[translate="no"], script, style, code')) kept.remove();
    const titles = [...document.querySelectorAll("[aria-label], [title], [placeholder]")]
      .flatMap((element) => ["aria-label", "title", "placeholder"].map((name) => element.getAttribute(name) ?? ""))
      .join("\n");
    return withoutData(`${document.title}\n${body.innerText}\n${titles}`);
  });
  return firstFrenchWord(text);
}

async function expectEnglish(page: Page, name: string): Promise<void> {
  expect(await page.locator("html").getAttribute("lang"), name).toBe("en");
  expect(await frenchOn(page), name).toBeNull();
  expect(await wcagViolations(page), name).toEqual([]);
}

beforeAll(async () => {
  const system = systemContext(mailbox.database.db, "cli");
  const host = await createUser(system, {
    email: "ava.english@example.com",
    name: "Ava Wilson",
    role: "host",
    password: PASSWORD,
  });
  await createUser(system, { ...AGENT, role: "support", password: PASSWORD });
  await createUser(system, { ...ADMIN, role: "admin", password: PASSWORD });
  await mailbox.database.db
    .update(users)
    .set({ locale: "en" })
    .where(inArray(users.email, ["ava.english@example.com", ADMIN.email]));
  await mailbox.database.db
    .insert(listings)
    .values(LISTINGS.map((listing) => ({ ...listing, city: "Brighton", ownerId: host.id })));
  for (const listing of LISTINGS)
    await createCalendarSyncAlert(system, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404",
    });
});

afterAll(async () => {
  await mailbox.database.db.update(users).set({ locale: "fr" }).where(eq(users.email, AGENT.email));
});

describe("the app in English, keyboard only", () => {
  it("greets an English browser at sign-in, and a French agent switches to English from the header", async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await expectEnglish(page, "/login");
    await page.goto(`${baseUrl}/mot-de-passe-oublie`);
    await expectEnglish(page, "/mot-de-passe-oublie");
    await page.goto(`${baseUrl}/connexion-refusee?raison=domain`);
    await expectEnglish(page, "/connexion-refusee");

    await page.goto(`${baseUrl}/login`);
    await typeInto(page, page.getByLabel("E-mail address"), AGENT.email);
    await typeInto(page, page.getByLabel("Password"), PASSWORD);
    await press(page, page.getByRole("button", { name: "Sign in", exact: true }));
    await page.waitForURL(`${baseUrl}/admin`);
    // Her account is French: the back-office speaks French until she switches.
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await press(page, page.getByRole("button", { name: "English", exact: true }));
    await page.getByRole("heading", { name: "Support dashboard" }).waitFor();
    await expectEnglish(page, "/admin");
    // The language is the account's: a new page, and the next sign-in, stay English.
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    await page.getByRole("heading", { name: "Calendar alerts" }).waitFor();
  });

  it("takes an alert, notes, snoozes, resumes and resolves it, then bulk-resolves two, in English", async () => {
    const { page } = session;
    await mailbox.database.db.update(users).set({ locale: "en" }).where(eq(users.email, AGENT.email));
    await signIn(page, baseUrl, AGENT.email, PASSWORD);
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?q=${encodeURIComponent("Harbour")}`);
    await expectEnglish(page, "alert list");
    await press(page, page.getByRole("link", { name: "Harbour loft" }));
    await page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    await expectEnglish(page, "alert detail");

    await press(page, page.getByRole("button", { name: "I'll handle it" }));
    await page.getByTestId("assignee").filter({ hasText: "Handled by you (Olivia Bennett)" }).waitFor();
    await typeInto(page, page.getByLabel("Add a note"), "Called the host: new Airbnb link tomorrow.");
    await press(page, page.getByRole("button", { name: "Save the note" }));
    const timeline = page.getByTestId("timeline");
    await timeline.getByText("Note by Olivia Bennett").waitFor();
    expect(await timeline.textContent()).toContain("Olivia Bennett is handling it");

    await press(page, page.getByRole("button", { name: "4 h", exact: true }));
    await page.getByTestId("snoozed").filter({ hasText: "Snoozed until" }).waitFor();
    expect(await timeline.textContent()).toContain("Olivia Bennett snoozed the alert until");
    await expectEnglish(page, "alert detail, snoozed");
    await press(page, page.getByRole("button", { name: "Resume" }));
    await page.getByRole("button", { name: "4 h", exact: true }).waitFor();

    await press(page, page.getByRole("button", { name: "Resolve", exact: true }));
    const dialog = page.getByRole("dialog", { name: "Resolve the alert" });
    await typeInto(page, dialog.getByLabel("Resolution note (optional)"), "Link replaced.");
    await expectEnglish(page, "resolve dialog");
    await press(page, dialog.getByRole("button", { name: "Confirm the resolution" }));
    await page.getByTestId("resolution").filter({ hasText: "Resolved by Olivia Bennett" }).waitFor();
    await screenshot(page, "english-alert-resolved");

    await page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    for (const title of ["Seaside cottage", "Garden studio"])
      await press(page, page.getByRole("checkbox", { name: `Select ${title}` }), "Space");
    await typeInto(page, page.getByLabel("Resolution note", { exact: true }), "Checked with the host.");
    await press(page, page.getByRole("button", { name: "Resolve the selection" }));
    await page.getByRole("status").filter({ hasText: "2 alerts handled." }).waitFor();
    await expectEnglish(page, "bulk resolved");
  });

  it("walks every admin page in English", async () => {
    const { page } = session;
    await signIn(page, baseUrl, ADMIN.email, PASSWORD);
    await page.waitForURL(`${baseUrl}/admin`);
    await expectEnglish(page, "/admin (admin)");
    for (const [path, heading] of [
      ["/admin/conflits", "Double bookings"],
      ["/admin/incidents", "Provider incidents"],
      ["/admin/notifications", "Notification channels"],
      ["/admin/integrations", "Integrations"],
      ["/admin/equipe", "Team"],
      ["/admin/compte", "My account"],
      ["/admin/journal", "Journal"],
      ["/admin/alerts/calendar-sync?status=resolved", "Calendar alerts"],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await expectEnglish(page, path);
    }
    // One of each detail page: a double booking and a provider incident, reached by keyboard from their lists.
    await page.goto(`${baseUrl}/admin/conflits?status=all`);
    await press(page, page.getByTestId("conflict-row").first().getByRole("link"));
    await page.waitForURL(/\/admin\/conflits\/.+/);
    await expectEnglish(page, "conflict detail");
    await page.goto(`${baseUrl}/admin/incidents`);
    await press(page, page.getByTestId("incident-row").first().getByRole("link"));
    await page.waitForURL(/\/admin\/incidents\/.+/);
    await expectEnglish(page, "incident detail");
    await page.goto(`${baseUrl}/admin/page-that-does-not-exist`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await expectEnglish(page, "404");
    await screenshot(page, "english-admin");
  });

  it("shows the host their calendars in English", async () => {
    const { page } = session;
    await signIn(page, baseUrl, "host3@example.com");
    await page.waitForURL(`${baseUrl}/hote/calendriers`);
    await page.getByRole("heading", { name: "My calendars", level: 1 }).waitFor();
    await expectEnglish(page, "/hote/calendriers");
    const listing = page.getByTestId("host-listing").first();
    await press(page, listing.locator("summary").filter({ hasText: "Add a calendar" }));
    await listing.getByLabel("iCal export link", { exact: true }).waitFor();
    await expectEnglish(page, "/hote/calendriers, adding a calendar");
    await screenshot(page, "english-host");
  });
});
