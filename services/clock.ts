// The one source of time for the domain: a real clock, a clock started at a chosen instant, and a settable one.

/** Everything in `services/` asks this for the time, so tests and demos can set and advance it. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** Wall-clock time. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that starts at a chosen instant and then runs at real speed. `CLOCK_START` uses it, so a demo can
 * begin "on 1 March" and still see time pass.
 */
export class OffsetClock implements Clock {
  private readonly offsetMs: number;

  constructor(
    start: Date,
    private readonly real: Clock = new SystemClock(),
  ) {
    this.offsetMs = start.getTime() - real.now().getTime();
  }

  now(): Date {
    return new Date(this.real.now().getTime() + this.offsetMs);
  }
}

/** A clock that only moves when told to; the tests' way to cross renewal dates and 7-day windows. */
export class SettableClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Jumps to an instant; time never runs backwards, so a move into the past is refused. */
  set(instant: Date | string): void {
    const next = new Date(instant).getTime();
    if (Number.isNaN(next)) throw new Error(`SettableClock.set: not a time: ${String(instant)}`);
    if (next < this.current) throw new Error('SettableClock.set: time cannot run backwards');
    this.current = next;
  }

  /** Moves forward by a number of milliseconds. */
  advance(ms: number): void {
    this.set(new Date(this.current + ms));
  }
}

export const MS_PER_HOUR = 60 * 60 * 1000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
