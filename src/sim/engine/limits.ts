// The engine's work budgets, in a module of their own so validation (src/manifests) and the CLI's
// argument check can import them without pulling in the engine.

/** The longest run anyone may ask for (spec.until, --until): one week of simulated time. */
export const MAX_UNTIL_MS = 7 * 24 * 3_600_000;

/**
 * Engine steps at one simulated instant before the run is stopped: a loop that never lets time
 * move (a retry with a zero delay) would otherwise spin forever without emitting an event.
 */
export const MAX_STEPS_PER_INSTANT = 100_000;
