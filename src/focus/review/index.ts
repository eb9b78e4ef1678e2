/**
 * The review pack: one self-contained workpaper per report (capital at a glance, the notices of
 * Rule 17a-11, the findings by page, the prior periods, the ledger's accounts, the reserve and a
 * sign-off), as data (`reviewPack`) and as HTML (`reviewHtml`). Pure: the CLI and the task pane
 * give it checked reports, the files' SHA-256 and the time.
 */
export { reviewPack, type ReviewPack, type ReviewInput, type PackFile, type PackPeriod, type PackBridge, type TrendPoint } from "./pack";
export { reviewHtml, esc } from "./html";
export { capitalMeasures, coverText, noticesFor, smallestMargin, NOTICE_RULES, type Measure, type Notice, type NoticeRule, type Threshold } from "./notices";
