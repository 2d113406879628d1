/**
 * The session of this tab. The access token lives in memory only; the refresh token is an HttpOnly
 * cookie that only /auth/* sees. Refreshes are serialised across tabs (Web Locks) and their result
 * is shared (BroadcastChannel), so tabs refresh once together; the server's grace window covers
 * browsers without either.
 */
export interface SessionUser {
  id: string;
  handle: string;
  displayName: string;
}

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut';

export interface AuthAnswer {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

export interface ApiErrorBody {
  message: string;
  extensions?: { code?: string; fields?: Record<string, string>; retryAfterSeconds?: number };
}

/** A refusal of /auth/*: the API's code, message and field errors. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

type Message = { type: 'session'; answer: AuthAnswer; at: number } | { type: 'signedOut' };

const LOCK = 'causeway-session-refresh';
/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

export class Session {
  private token: string | null = null;
  private expiresAt = 0;
  private current: SessionUser | null = null;
  private state: SessionStatus = 'loading';
  private version = 0;
  private inFlight: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel | null;

  constructor(private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {
    this.channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel('causeway-session') : null;
    this.channel?.addEventListener('message', (e: MessageEvent<Message>) => this.onMessage(e.data));
  }

  get status(): SessionStatus {
    return this.state;
  }
  get user(): SessionUser | null {
    return this.current;
  }
  get accessToken(): string | null {
    return this.token;
  }
  /** True when the token is missing or about to expire (a refresh should come first). */
  get expiresSoon(): boolean {
    return this.token !== null && Date.now() > this.expiresAt - EARLY_MS;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** At start: a reload keeps the person signed in through the refresh cookie. */
  async restore(): Promise<void> {
    if (this.state !== 'loading') return;
    try {
      await this.refresh();
    } finally {
      // Signed out, or the API is unreachable (the caller shows that): the app renders either way.
      if (this.state === 'loading') this.set(null);
    }
  }

  async signUp(input: {
    email: string;
    password: string;
    handle: string;
    displayName: string;
    locale?: string;
    timeZone?: string;
  }): Promise<SessionUser> {
    return this.adopt(await this.post('/auth/signup', input));
  }

  async logIn(input: { email: string; password: string }): Promise<SessionUser> {
    return this.adopt(await this.post('/auth/login', input));
  }

  async logOut(): Promise<void> {
    try {
      await this.post('/auth/logout', {});
    } finally {
      this.set(null);
      this.channel?.postMessage({ type: 'signedOut' } satisfies Message);
    }
  }

  /**
   * A new access token from the refresh cookie; one at a time in this tab, and across tabs under a
   * Web Lock: a tab that waited for another's refresh takes its result instead of refreshing again.
   */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.refreshSerialised().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async refreshSerialised(): Promise<boolean> {
    const seen = this.version;
    const run = async () => {
      if (this.version !== seen && this.token && !this.expiresSoon) return true; // another tab refreshed meanwhile
      try {
        const answer = await this.post('/auth/refresh', {});
        this.adopt(answer);
        return true;
      } catch (err) {
        if (err instanceof AuthError && err.code === 'UNAUTHENTICATED') {
          this.set(null);
          return false;
        }
        throw err;
      }
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request(LOCK, run) : run();
  }

  private adopt(answer: AuthAnswer): SessionUser {
    this.apply(answer, Date.now());
    this.channel?.postMessage({ type: 'session', answer, at: Date.now() } satisfies Message);
    return answer.user;
  }

  private apply(answer: AuthAnswer, at: number): void {
    this.token = answer.accessToken;
    this.expiresAt = at + answer.expiresIn * 1000;
    this.version++;
    this.set(answer.user);
  }

  private onMessage(m: Message): void {
    if (m.type === 'session') this.apply(m.answer, m.at);
    else this.set(null);
  }

  private set(user: SessionUser | null): void {
    if (!user) {
      this.token = null;
      this.expiresAt = 0;
    }
    this.current = user;
    this.state = user ? 'signedIn' : 'signedOut';
    for (const l of this.listeners) l();
  }

  private async post(path: string, body: unknown): Promise<AuthAnswer> {
    const res = await this.fetchImpl(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
    if (res.status === 204) return undefined as unknown as AuthAnswer;
    const json = (await res.json().catch(() => ({}))) as {
      errors?: ApiErrorBody[];
    } & Partial<AuthAnswer>;
    if (!res.ok) {
      const e = json.errors?.[0];
      throw new AuthError(
        e?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
        e?.message ?? res.statusText,
        e?.extensions?.fields,
        e?.extensions?.retryAfterSeconds,
      );
    }
    return json as AuthAnswer;
  }
}
