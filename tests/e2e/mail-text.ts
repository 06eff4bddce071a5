/** The text of a MIME message as a mail client shows it: quoted-printable soft breaks joined, escapes decoded. */
export const decodedMail = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
