import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '@causeway/testing';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: IncomingMessage['headers'];
  startedAt: number;
  endedAt?: number;
}

/** How the receiver answers each request: a status, or 'hang' (never answers). */
export type Behaviour = (
  req: Received,
  nth: number,
) => number | 'hang' | { status: number; location: string };

/**
 * A real HTTP receiver on loopback in the test process: records every POST (headers and raw body)
 * and answers as `behaviour` says. Tracks how many requests are open at once.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private server!: Server;
  private open = 0;
  peakOpen = 0;
  url = '';

  constructor(private behaviour: Behaviour = () => 204) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  setBehaviour(b: Behaviour): void {
    this.behaviour = b;
  }

  async waitFor(n: number, timeoutMs = 15_000): Promise<Received[]> {
    await eventually(
      () => this.received.length >= n,
      timeoutMs,
      `${n} webhook request(s) received`,
    );
    return this.received;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    const startedAt = Date.now();
    let record: Received | undefined;
    this.open++;
    this.peakOpen = Math.max(this.peakOpen, this.open);
    // Fires when the answer is sent, and when the client gives up on a hanging one.
    res.on('close', () => {
      this.open--;
      if (record) record.endedAt = Date.now();
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
        startedAt,
      };
      record = r;
      this.received.push(r);
      const nth = this.received.filter((x) => x.id === r.id).length;
      const answer = this.behaviour(r, nth);
      if (answer === 'hang') return;
      if (typeof answer === 'object') {
        res.writeHead(answer.status, { location: answer.location }).end();
        return;
      }
      // A big body on errors: the sender reads a few KiB and hangs up.
      res
        .writeHead(answer, { 'content-type': 'text/plain' })
        .end('x'.repeat(answer >= 500 ? 100_000 : 10));
    });
  }
}

/**
 * The Standard Webhooks verification, written here from the specification (not the app's code):
 * HMAC-SHA256 keyed with the base64-decoded secret after `whsec_`, over `id.timestamp.body`,
 * base64; the header lists `v1,<signature>` entries separated by spaces.
 */
export function signaturesIn(header: string): string[] {
  return header
    .split(' ')
    .filter((p) => p.startsWith('v1,'))
    .map((p) => p.slice(3));
}

export function expectedSignature(
  secret: string,
  r: Pick<Received, 'id' | 'timestamp' | 'body'>,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64');
}

export function verifies(secret: string, r: Received): boolean {
  return signaturesIn(r.signature).includes(expectedSignature(secret, r));
}
