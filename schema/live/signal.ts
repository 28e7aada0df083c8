/** A wake-up latch for a pull loop: `wait()` resolves at the next `notify()` (or at once if one is pending). */
export class Signal {
  private pending = false;
  private waiter: (() => void) | undefined;

  notify(): void {
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = undefined;
      wake();
    } else {
      this.pending = true;
    }
  }

  wait(timeoutMs?: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.notify(), timeoutMs);
      this.waiter = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }
}
