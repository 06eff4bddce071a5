// Outlook and Exchange exports name zones the Windows way; these are the ones seen on European rentals and
// their main markets (CLDR windowsZones, territory 001).
const WINDOWS_TO_IANA: Record<string, string> = {
  "romance standard time": "Europe/Paris",
  "w. europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "central european standard time": "Europe/Warsaw",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "gtb standard time": "Europe/Bucharest",
  "fle standard time": "Europe/Kiev",
  "e. europe standard time": "Europe/Chisinau",
  "turkey standard time": "Europe/Istanbul",
  "russian standard time": "Europe/Moscow",
  "morocco standard time": "Africa/Casablanca",
  "w. central africa standard time": "Africa/Lagos",
  "eastern standard time": "America/New_York",
  "central standard time": "America/Chicago",
  "mountain standard time": "America/Denver",
  "pacific standard time": "America/Los_Angeles",
  "atlantic standard time": "America/Halifax",
  "e. south america standard time": "America/Sao_Paulo",
  "reunion standard time": "Indian/Reunion",
  "mauritius standard time": "Indian/Mauritius",
  "tokyo standard time": "Asia/Tokyo",
  "china standard time": "Asia/Shanghai",
  "india standard time": "Asia/Kolkata",
  "arabian standard time": "Asia/Dubai",
  "aus eastern standard time": "Australia/Sydney",
  utc: "Etc/UTC",
  "coordinated universal time": "Etc/UTC",
};

/** The IANA zone for a Windows zone name (case-insensitive), or undefined. */
export function ianaZoneForWindowsName(name: string): string | undefined {
  return WINDOWS_TO_IANA[name.trim().toLowerCase()];
}
