import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './drain';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  parsed: ParsedMail;
  raw: Buffer;
}

export interface TestMailbox {
  /** `smtp://127.0.0.1:<port>`: put it in SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** RCPT TO for these addresses is refused for good (SMTP 550). */
  refuse: Set<string>;
  /**
   * While true, a message's data is read but never answered (the sender waits for its 250) and
   * not counted as received: a sender killed meanwhile delivered nothing.
   */
  hold: boolean;
  /** Messages read while holding. */
  held: number;
  /** Each answer to a message's data waits this long (a slow server). */
  delayMs: number;
  /** The messages that arrived for `address`. */
  to(address: string): ReceivedMail[];
  /** Waits (bounded) until `count` messages arrived for `address`, and returns them. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) listening on loopback in the test process;
 * what arrives is parsed with `mailparser`. Nothing about sending is mocked.
 */
export async function startSmtpServer(): Promise<TestMailbox> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const state = { hold: false, held: 0, delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (state.hold) {
          state.held++;
          return;
        }
        simpleParser(raw)
          .then(async (parsed) => {
            if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
            if (state.hold) {
              state.held++;
              return;
            }
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              parsed,
              raw,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // A sender killed mid-message resets its connection: that is expected here, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    get hold() {
      return state.hold;
    },
    set hold(v: boolean) {
      state.hold = v;
    },
    get held() {
      return state.held;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    to,
    waitFor: async (address, count = 1, timeoutMs = 20_000) => {
      await eventually(
        () => to(address).length >= count,
        timeoutMs,
        `${count} email(s) to ${address}`,
      );
      return to(address);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Held connections would keep close() waiting: answer them now (their senders are gone).
        state.hold = false;
        server.close(() => resolve());
      }),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const text = mail.parsed.text ?? '';
  const at = text.indexOf(prefix);
  if (at < 0) throw new Error(`no link starting with ${prefix} in: ${text}`);
  return text.slice(at).split(/\s/)[0];
}
