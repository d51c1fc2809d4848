import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests, which parses every message it accepts with
 * mailparser. It can demand a login and reject the next messages with a temporary error.
 * Test-only code; nothing in the API imports it.
 */
export class SmtpTestServer {
  readonly received: ParsedMail[] = [];
  /** Messages to reject with 451 before accepting again. */
  rejectNext = 0;
  readonly #server: SMTPServer;

  private constructor(
    readonly port: number,
    credentials: { username: string; password: string } | undefined,
  ) {
    this.#server = new SMTPServer({
      // Plain SMTP on loopback: no certificate to trust, and the login still travels.
      disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: credentials === undefined,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === credentials?.username && auth.password === credentials?.password) {
          callback(null, { user: auth.username });
        } else {
          callback(new Error('Invalid username or password'));
        }
      },
      onData: (stream, _session, callback) => {
        if (this.rejectNext > 0) {
          this.rejectNext -= 1;
          stream.resume();
          stream.on('end', () => {
            const error = new Error('Mailbox busy, try again later') as Error & {
              responseCode: number;
            };
            error.responseCode = 451;
            callback(error);
          });
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  /** Starts a server on `port` of 127.0.0.1; with `credentials`, only that login may send. */
  static async start(
    port: number,
    credentials?: { username: string; password: string },
  ): Promise<SmtpTestServer> {
    const server = new SmtpTestServer(port, credentials);
    await new Promise<void>((resolve, reject) => {
      server.#server.on('error', reject);
      server.#server.listen(port, '127.0.0.1', () => resolve());
    });
    return server;
  }

  /** Returns the messages received for `address` so far. */
  mailTo(address: string): ParsedMail[] {
    return this.received.filter((mail) =>
      [mail.to ?? []].flat().some((to) => to.value.some((entry) => entry.address === address)),
    );
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
