import type { guidance as fr } from "../fr/guidance";

export const guidance: Record<keyof typeof fr, string> = {
  "whatWeSaw.FEED_NOT_FOUND":
    "the platform answers that this calendar link no longer exists. It was probably regenerated or deleted.",
  "whatWeSaw.FEED_GONE": "the platform answers that this calendar was deleted.",
  "whatWeSaw.ACCESS_DENIED":
    "the platform refuses to give us this calendar: the link is private, has expired, or the listing is deactivated there.",
  "whatWeSaw.INVALID_ICAL":
    "the link leads to a web page, not to the calendar file (iCal): often the listing page's link was copied instead of the export link.",
  "whatWeSaw.INVALID_URL": "the saved link is not a valid web address.",
  "whatWeSaw.TOO_MANY_REDIRECTS":
    "the link keeps sending us from one address to another, and never gives the calendar.",
  "whatWeSaw.BLOCKED_ADDRESS":
    "the link leads to an address we cannot reach (a private network or a forbidden address).",
  "whatWeSaw.FEED_TOO_COMPLEX":
    "the calendar holds events repeated endlessly (often for decades) that take too much computing to read. A platform's export holds none: it is most often a personal calendar.",
  "whatWeSaw.FEED_SUDDENLY_EMPTY":
    "the calendar, which held bookings, is now empty, which happens when the export was reset.",
  "whatWeSaw.EXPORT_NOT_READ":
    "the platform no longer reads the calendar we export for it: the link was probably removed from its settings, or pasted wrongly.",
  "whatWeSaw.other": "we cannot read this calendar.",
  risk: "As long as this link does not work, the bookings taken on this platform no longer arrive here: your home can be booked twice for the same dates.",
  yourPlatform: "your platform",
  "steps.airbnb.1": "Sign in to Airbnb and open the listing, “Availability” tab.",
  "steps.airbnb.2": "Under “Connect calendars”, choose “Export calendar” and copy the link ending in .ics.",
  "steps.booking.1": "Sign in to the Booking.com extranet, menu “Rates & availability”, then “Sync calendars”.",
  "steps.booking.2": "Choose “Export calendar” and copy the link offered.",
  "steps.vrbo.1": "Sign in to your Vrbo owner account and open the listing's calendar.",
  "steps.vrbo.2": "Under “Import/Export”, choose “Export calendar” and copy the iCal link.",
  "steps.google.1": "Open Google Calendar on a computer, then the settings of the calendar concerned.",
  "steps.google.2": "Under “Integrate calendar”, copy the “Secret address in iCal format”.",
  "steps.other.1":
    "Sign in to the platform that manages this calendar and look for the “Export” or “Sync” option (iCal format, a link ending in .ics).",
  "steps.other.2": "Copy this export link (not the link of the listing's page).",
  "steps.paste": "Paste this link into “My calendars” in place of the old one.",
  "exportSteps.airbnb.1": "On Airbnb, open Calendar › Availability › Connect calendars.",
  "exportSteps.airbnb.2": "Check that this link is still there; if it is not, add it (“Import calendar”).",
  "exportSteps.airbnb.3":
    "Airbnb reads it again every two to three hours: the alert closes by itself at its next read.",
  "exportSteps.booking.1": "On the Booking.com extranet, open Rates & availability › Sync calendars.",
  "exportSteps.booking.2": "Check that this link is among the imported calendars; if not, import it again.",
  "exportSteps.booking.3": "Booking.com reads it several times a day: the alert closes by itself at its next read.",
  "exportSteps.vrbo.1": "On Vrbo, open Calendar › Import and export › Import a calendar.",
  "exportSteps.vrbo.2": "Check that this link is still there; if not, import it again.",
  "exportSteps.vrbo.3": "The platform reads it regularly: the alert closes by itself at its next read.",
  "exportSteps.other.1": "Open the calendar settings of the platform or calendar app that imports this link.",
  "exportSteps.other.2": "Check that this link is still there; if not, add it again.",
  "destination.other": "Other",
  "reader.unknown": "an unknown reader",
  "reader.apple": "Apple Calendar",
  "check.transient":
    "The platform is not answering properly at the moment: the link is saved and we will retry automatically.",
  "check.refused": "This link cannot be used: {reason}",
};
