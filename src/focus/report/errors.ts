/**
 * Domain errors of the engine's computations (haircuts, requirements, ratios). They are values a
 * caller can map: the custom functions turn `kind` into an Excel error (#VALUE!, #N/A, #DIV/0!,
 * #NUM!) and show `message`.
 */

/**
 * invalid-argument: an argument of the wrong kind or out of the rule's domain (#VALUE!);
 * unknown-choice: a category, method or firm type that does not exist (#N/A, listing the valid ones);
 * division-by-zero: a ratio whose denominator is zero (#DIV/0!);
 * out-of-range: a result too large to hand back as a number (#NUM!).
 */
export type DomainErrorKind = "invalid-argument" | "unknown-choice" | "division-by-zero" | "out-of-range";

/** A failure the user can fix: `message` names the argument and why. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A report file cannot be used at all (the CLI's exit code 2; an alert in the pane): `message` says why and where. */
export class UnusableInput extends Error {
  /**
   * The file is readable but is not a FOCUS report at all (a CSV without the item,value header, a
   * JSON array, a workbook with no FOCUS_ names): a folder check skips such files instead of failing.
   */
  readonly notAReport: boolean;
  constructor(message: string, opts: { notAReport?: boolean } = {}) {
    super(message);
    this.name = "UnusableInput";
    this.notAReport = Boolean(opts.notAReport);
  }
}
