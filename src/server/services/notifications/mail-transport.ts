import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a receiver can recognise a resend after a crash between "accepted" and "recorded". */
  messageId: string;
  /** The Message-ID this e-mail answers: sent as In-Reply-To and References. */
  inReplyTo?: string;
  references?: string;
}

export interface MailTransport {
  /** Resolves only once the message is accepted (by the SMTP server, or written to disk). */
  send(message: MailMessage): Promise<void>;
  describe(): string;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const target = new URL(smtpUrl);
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
    describe: () => `SMTP ${target.hostname}:${target.port || (target.protocol === "smtps:" ? 465 : 587)}`,
    close: () => transporter.close(),
  };
}

/** Development without SMTP_URL: each e-mail becomes an .eml file that any mail client opens. */
export function createFileTransport(directory: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transporter.sendMail(message);
      await mkdir(directory, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${message.messageId.replace(/[^a-z0-9]/gi, "")}.eml`;
      const temporary = path.join(directory, `.${name}.tmp`);
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, path.join(directory, name));
    },
    describe: () => `fichiers .eml dans ${directory}`,
    close: () => transporter.close(),
  };
}

export function createMailTransport(mail: { smtpUrl: string | undefined; dir: string }): MailTransport {
  return mail.smtpUrl ? createSmtpTransport(mail.smtpUrl) : createFileTransport(mail.dir);
}
