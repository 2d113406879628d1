// Sends a hostile load from its own process, so the event loop that the hostile suite measures is
// the API's alone. Reads a plan (JSON) from argv[2]; prints one JSON summary line.
//   { "kind": "graphql", "url": "...", "concurrency": 50, "requests": [{ "body": {...} | "raw", "token": "..." }] }
//   { "kind": "upgrades", "port": 1234, "count": 20000, "concurrency": 200 }
import { readFileSync } from 'node:fs';
import net from 'node:net';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const deadline = Date.now() + (plan.timeoutMs ?? 60_000);

async function pool(count, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < count && Date.now() < deadline) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return next;
}

async function graphql() {
  const statuses = {};
  const codes = {};
  const answers = [];
  await pool(plan.requests.length, plan.concurrency ?? 50, async (i) => {
    const { body, token } = plan.requests[i];
    const res = await fetch(`${plan.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    let json = {};
    try {
      json = await res.json();
    } catch {
      json = { errors: [{ extensions: { code: `NOT_JSON_${res.status}` } }] };
    }
    const c = (json.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
    for (const code of c.length ? c : ['OK']) codes[code] = (codes[code] ?? 0) + 1;
    answers[i] = c;
  });
  return { statuses, codes, answers };
}

function strayUpgrade(i) {
  return new Promise((resolve) => {
    const socket = net.connect(plan.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, 10_000);
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer.slice(0, 12));
    });
    socket.write(
      `GET /stray-${i} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
  });
}

async function upgrades() {
  const answers = {};
  const done = await pool(plan.count, plan.concurrency ?? 200, async (i) => {
    const a = await strayUpgrade(i);
    answers[a] = (answers[a] ?? 0) + 1;
  });
  return { done, answers };
}

const result = plan.kind === 'upgrades' ? await upgrades() : await graphql();
process.stdout.write(`${JSON.stringify(result)}\n`);
