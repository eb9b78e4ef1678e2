/**
 * The workbook names that map a cell to an item, FOCUS_<code>. A module of its own so that the
 * pane reads and writes names without carrying the form's layout in its script at load (#25).
 */

/** The workbook name that maps a cell to an item: FOCUS_<code>. */
export function nameForCode(code: string): string {
  return `FOCUS_${code}`;
}

/** The item code of a FOCUS_<code> name (any letter case), or null for other names. */
export function codeFromName(name: string): string | null {
  const m = /^FOCUS_(\d{1,6})$/i.exec(name.trim());
  return m ? m[1] : null;
}
