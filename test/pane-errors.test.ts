/**
 * What the pane says when Excel refuses a request: words for the errors Excel gives when another
 * workbook takes the focus, when a sheet is protected, when the host lacks a member, and when
 * Excel on the web refuses more than 5 MB.
 */
import { describeError } from "../src/taskpane/app";

const excel = (code: string, message = "raw Office.js message") => Object.assign(new Error(message), { code });

test.each([
  ["InvalidSelection", /another workbook or window has the focus\. Click a cell in this workbook/],
  ["GeneralException", /another workbook takes the focus while the add-in works/],
  ["AccessDenied", /the sheet or workbook is protected/],
  ["ApiNotFound", /This version of Excel lacks a feature/],
  ["ResponsePayloadSizeLimitExceeded", /Excel on the web will not pass more than 5 MB at once: select a smaller range/],
  ["RequestPayloadSizeLimitExceeded", /Excel on the web will not pass more than 5 MB at once/],
])("%s is said in words, not passed through", (code, words) => {
  const said = describeError(excel(code));
  expect(said).toMatch(words);
  expect(said).not.toContain("raw Office.js message");
});

test("anything else names Excel and keeps its message", () => {
  expect(describeError(excel("ItemNotFound", "The requested resource doesn't exist."))).toBe("Excel reported an error: The requested resource doesn't exist.");
});
