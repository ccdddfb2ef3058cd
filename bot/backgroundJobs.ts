// Timers for the lifecycle job and notification delivery; each never overlaps itself and never throws.

import type { Logger } from './logger.js';

/** A periodic task; a run still going when the next tick comes is not started twice. */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** Runs once now, unless a run is already going (then waits for that one). */
  async runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const result = await this.task();
        this.logger.debug(`job.${this.name}`, { result });
      } catch (error) {
        this.logger.error(`job.${this.name}.failed`, { error });
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Stops the timer and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
