/**
 * CustomFunctions exists only inside Excel. This stub gives jest the same shape: an Error class
 * carrying `code` and `message` (a message only on #VALUE! and #N/A, as Excel shows it), and the
 * ErrorCode values of @types/custom-functions-runtime.
 */
class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    // As Excel: a custom message shows only on #VALUE! and #N/A; on any other error it is dropped.
    super(code === "#VALUE!" || code === "#N/A" ? message : undefined);
    this.name = "CustomFunctions.Error";
  }
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
};
