-- Provider keys of the feeds stored before #9, from the host kept in the masked URL (the URL itself is
-- encrypted). The same rules as src/server/services/calendar/provider-key.ts at the time of this migration.
WITH hosts AS (
  SELECT "id", regexp_replace(regexp_replace(regexp_replace(lower(coalesce(substring("url_masked" from '^[a-z]+://(\[[^\]]+\]|[^/?:]+)'), '')), '^\[|\]$', '', 'g'), '^www\.', ''), '\.$', '') AS host
  FROM "calendar_feeds"
  WHERE "provider_key" = ''
)
UPDATE "calendar_feeds" AS f
SET "provider_key" = CASE
  WHEN h.host ~ '(^|\.)airbnb\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$' THEN 'Airbnb'
  WHEN h.host ~ '(^|\.)booking\.com$' THEN 'Booking.com'
  WHEN h.host ~ '(^|\.)(vrbo\.com|homeaway\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})|abritel\.fr|fewo-direkt\.de|stayz\.com\.au|bookabach\.co\.nz)$' THEN 'Vrbo/Abritel'
  WHEN h.host ~ '(^|\.)google\.com$' THEN 'Google Agenda'
  WHEN h.host ~ '(^|\.)icloud\.com$' THEN 'iCloud'
  WHEN h.host ~ '(^|\.)(outlook\.com|outlook\.live\.com|office365\.com|live\.com)$' THEN 'Outlook'
  WHEN h.host ~ '(^|\.)tripadvisor\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$' THEN 'Tripadvisor'
  WHEN h.host ~ '(^|\.)expedia\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$' THEN 'Expedia'
  WHEN h.host ~ '(^|\.)leboncoin\.fr$' THEN 'Leboncoin'
  WHEN h.host ~ '(^|\.)gites-de-france\.com$' THEN 'Gîtes de France'
  WHEN h.host ~ '(^|\.)clevacances\.com$' THEN 'Clévacances'
  WHEN h.host ~ '(^|\.)holidu\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$' THEN 'Holidu'
  WHEN h.host ~ '(^|\.)smoobu\.com$' THEN 'Smoobu'
  WHEN h.host ~ '(^|\.)lodgify\.com$' THEN 'Lodgify'
  WHEN h.host ~ '(^|\.)beds24\.com$' THEN 'Beds24'
  WHEN h.host ~ '(^|\.)hostaway\.com$' THEN 'Hostaway'
  WHEN h.host = '' THEN 'inconnu'
  ELSE h.host
END
FROM hosts AS h
WHERE f."id" = h."id";
