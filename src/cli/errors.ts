/** The input cannot be used at all (exit code 2); `message` says why and where. Shared with the engine's text readers. */
export { UnusableInput } from "../focus/errors";
