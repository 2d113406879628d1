/** Whether the API answers: network failures set it down, any answer sets it up. */
type Listener = (online: boolean) => void;

class Connectivity {
  private up = true;
  private readonly listeners = new Set<Listener>();
  get online(): boolean {
    return this.up;
  }
  report(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    for (const l of this.listeners) l(up);
  }
  private readonly reconnectListeners = new Set<() => void>();
  /** The live connection came back after a drop: what it carried meanwhile was missed, so re-read. */
  reconnected(): void {
    for (const l of this.reconnectListeners) l();
  }
  onReconnect(l: () => void): () => void {
    this.reconnectListeners.add(l);
    return () => this.reconnectListeners.delete(l);
  }
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export const connectivity = new Connectivity();
