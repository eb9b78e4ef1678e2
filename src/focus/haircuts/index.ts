/**
 * Haircuts (Rule 15c3-1(c)(2)(vi)): the schedules by category and band (haircuts.ts), the schedule over a book (haircut-schedule.ts) and undue concentration (haircut-concentration.ts).
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./haircuts";
export * from "./haircut-schedule";
