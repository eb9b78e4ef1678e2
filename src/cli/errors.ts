/** The input cannot be used at all (exit code 2); `message` says why and where. */
export class UnusableInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnusableInput";
  }
}
