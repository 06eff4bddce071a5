import { describe, expect, it } from "vitest";
import { providerKeyOf } from "@/server/services/calendar/provider-key";

describe("providerKeyOf", () => {
  it.each([
    ["https://www.airbnb.fr/calendar/ical/1.ics?s=x", "Airbnb"],
    ["https://www.AIRBNB.com/calendar/ical/1.ics", "Airbnb"],
    ["https://admin.booking.com/hotel/hoteladmin/ical.html?t=x", "Booking.com"],
    ["https://www.vrbo.com/icalendar/abc.ics", "Vrbo/Abritel"],
    ["https://www.homeaway.co.uk/icalendar/abc.ics", "Vrbo/Abritel"],
    ["https://www.abritel.fr/icalendar/abc.ics", "Vrbo/Abritel"],
    ["https://calendar.google.com/calendar/ical/x/basic.ics", "Google Agenda"],
    ["webcal://p01-calendars.icloud.com/published/2/x", "iCloud"],
    ["https://www.Example.org/cal.ics", "example.org"],
    ["http://127.0.0.2:4010/airbnb/x.ics", "127.0.0.2:4010"],
    ["http://127.0.0.2/airbnb/x.ics", "127.0.0.2"],
    ["https://cal.example.org:443/x.ics", "cal.example.org"],
    ["https://cal.example.org:8443/x.ics", "cal.example.org:8443"],
    ["http://[::1]:4010/x.ics", "[::1]:4010"],
    ["https://fr.airbnb.ca/calendar/ical/1.ics", "Airbnb"],
    ["https://www.airbnb.co.uk/calendar/ical/1.ics", "Airbnb"],
    ["not a url", "inconnu"],
  ])("%s → %s", (url, key) => {
    expect(providerKeyOf(url)).toBe(key);
  });

  it("does not take a look-alike host for a platform", () => {
    expect(providerKeyOf("https://airbnb.com.evil.example/x.ics")).toBe("airbnb.com.evil.example");
    expect(providerKeyOf("https://notbooking.com/x.ics")).toBe("notbooking.com");
    // Any two-letter TLD used to count as Airbnb's.
    expect(providerKeyOf("https://airbnb.zz/x.ics")).toBe("airbnb.zz");
    expect(providerKeyOf("https://www.airbnb.com.qq/x.ics")).toBe("airbnb.com.qq");
    expect(providerKeyOf("https://airbnb.github.io/x.ics")).toBe("airbnb.github.io");
    expect(providerKeyOf("https://booking.com.cn.example/x.ics")).toBe("booking.com.cn.example");
  });
});
