/**
 * The units a report's dollar amounts are printed in. A module of its own so that the pane's
 * settings read them without carrying the report's reading (report.ts) in the script at load (#25).
 */

/** The unit a report's dollar amounts are printed in. */
export type Units = "dollars" | "thousands" | "millions" | "billions";

/** Every unit, in order. */
export const UNITS: readonly Units[] = ["dollars", "thousands", "millions", "billions"];
