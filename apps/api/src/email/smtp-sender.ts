import nodemailer from 'nodemailer';
import type { EmailContent } from './email-content.js';
import type { EmailSettingsRow } from './email-settings-repository.js';

/** Milliseconds to wait for the SMTP server at each stage; well below a job's lease. */
export const DEFAULT_SMTP_TIMEOUT_MS = 30_000;

/** One message to hand to the vendor's SMTP server. */
export interface OutgoingEmail extends EmailContent {
  to: string;
}

/** Raised when the SMTP server could not be reached or did not accept the message. */
export class SmtpDeliveryError extends Error {
  override name = 'SmtpDeliveryError';
  /** The SMTP reply code, such as 451 or 550, when the server sent one. */
  readonly responseCode: number | undefined;

  constructor(message: string, responseCode: number | undefined) {
    super(message);
    this.responseCode = responseCode;
  }
}

/**
 * Sends one message through the vendor's SMTP server, on a connection of its own that is
 * closed afterwards. Returns the Message-ID once the server accepted the message, and
 * throws `SmtpDeliveryError` when it did not.
 */
export async function sendThroughSmtp(
  settings: EmailSettingsRow & { smtp_host: string; from_address: string },
  email: OutgoingEmail,
  timeoutMs: number = DEFAULT_SMTP_TIMEOUT_MS,
): Promise<string> {
  const transport = nodemailer.createTransport({
    host: settings.smtp_host,
    port: settings.smtp_port ?? (settings.smtp_secure ? 465 : 587),
    secure: settings.smtp_secure,
    ...(settings.smtp_username === null
      ? {}
      : { auth: { user: settings.smtp_username, pass: settings.smtp_password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from:
        settings.from_name === null
          ? settings.from_address
          : { name: settings.from_name, address: settings.from_address },
      ...(settings.reply_to === null ? {} : { replyTo: settings.reply_to }),
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    return info.messageId;
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SmtpDeliveryError(
      `The SMTP server ${settings.smtp_host} did not accept the message: ${reason}`,
      code,
    );
  } finally {
    transport.close();
  }
}
