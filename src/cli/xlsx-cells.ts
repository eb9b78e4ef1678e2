/**
 * Reading the cells named FOCUS_<code> from an .xlsx file, and nothing else.
 *
 * The workbook is opened as the zip it is (yauzl: the central directory only; a part is inflated by
 * Node's zlib on the thread pool, as it is read, while this thread parses what came before) and
 * its parts are read with a streaming XML parser (saxes), in this order:
 * 1. xl/workbook.xml: the sheets, the defined names (with their scope) and the date system;
 * 2. xl/styles.xml: the number format of each cell style (to tell amounts from dates and percentages);
 * 3. the sheet XML of each sheet that holds a named cell, and only those: every other cell is
 *    passed over without being kept, and the sheet stops being read after the last named row
 *    (unless a name covers a merged area, whose list comes at the end of the sheet);
 * 4. xl/sharedStrings.xml, only when a named cell holds a shared string, up to the last one needed.
 * So the cost grows with the rows above the last named cell, not with the trial balance or the
 * position list that shares the workbook.
 *
 * Cell values follow ECMA-376 Part 1, 18.3.1.4 (c) and 18.18.11 (ST_CellType): t="s" shared
 * string, "str" a formula's text result (empty = the formula shows blank), "inlineStr", "b",
 * "e" error, "d" ISO 8601 date, "n" or absent a number. A formula's saved result is its <v>,
 * including 0 and FALSE (ExcelJS 4.4 drops those: exceljs issue 2943, the reason this reader exists).
 */
import { StringDecoder } from "string_decoder";
import type { Readable } from "stream";
import * as yauzl from "yauzl";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { codeFromName, type InputEntry, type RawCell } from "../focus";
import { builtInNumberFormat, numberFormatKind, serialToIsoDate, type NumberFormatKind } from "../focus/report/number-format";
import { columnLetters, columnNumber, joinAddress, parseReference } from "../excel/address";
import { UnusableInput } from "./errors";

/** A defined name as the workbook file stores it. */
export interface DefinedName {
  name: string;
  /** The reference text, e.g. "'FOCUS Part II'!$E$12" or "#REF!". */
  ref: string;
  /** The sheet a sheet-scoped name belongs to; undefined for a workbook-scoped name. */
  sheetScope?: string;
}

/** What workbook.xml says: sheets in order (name and part path), names, date system. */
interface WorkbookPart {
  sheets: { name: string; path: string | null }[];
  names: DefinedName[];
  date1904: boolean;
  sharedStrings: string;
  styles: string;
}

/** What the reader measured, for the benchmark and for tests of its cost. */
export interface ReadStats {
  /** Sheet parts opened. */
  sheetsRead: string[];
  /** <c> elements passed over or kept, over all sheets read. */
  cellsSeen: number;
  /** Whether sharedStrings.xml was read. */
  sharedStringsRead: boolean;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Refuse, with what to do, a file that is not an .xlsx zip: an encrypted (password to open)
 * workbook, which Office stores as an OLE compound file holding an "EncryptedPackage" stream
 * (MS-OFFCRYPTO 2.3.4.4), an Excel 97-2003 workbook renamed to .xlsx, or anything else.
 * Throws UnusableInput.
 */
export function sniffWorkbook(buffer: Buffer, file: string): void {
  if (buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04) return;
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buffer.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      throw new UnusableInput(
        `${file} is password-protected (encrypted), so its cells cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save a copy and check the copy.`,
      );
    }
    throw new UnusableInput(`${file} is an Excel 97-2003 workbook (.xls) named .xlsx. Open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then check that file.`);
  }
  if (buffer.length === 0) throw new UnusableInput(`${file} is empty (0 bytes).`);
  throw new UnusableInput(`${file} is not an .xlsx workbook (an .xlsx file is a zip archive; this one is not).`);
}

/** The parts of an .xlsx zip by path, read on demand. */
interface Zip {
  has(path: string): boolean;
  /** A part as a stream of inflated bytes; destroy it to stop inflating. */
  open(path: string): Promise<Readable>;
  /** A small part whole, as text; undefined when the part is missing. */
  text(path: string): Promise<string | undefined>;
}

/** Open a zip held in memory: read its central directory, keep its entries by path. */
async function openZip(buffer: Buffer): Promise<Zip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, z) => (err || !z ? reject(err ?? new Error("not a zip")) : resolve(z))),
  );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (e: yauzl.Entry) => {
      entries.set(e.fileName.replace(/^\//, ""), e);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  const open = (path: string) =>
    new Promise<Readable>((resolve, reject) => {
      const e = entries.get(path);
      if (!e) return reject(new Error(`${path} is missing`));
      zip.openReadStream(e, (err, stream) => (err || !stream ? reject(err ?? new Error(`${path} cannot be read`)) : resolve(stream)));
    });
  return {
    has: (path) => entries.has(path),
    open,
    async text(path) {
      if (!entries.has(path)) return undefined;
      const chunks: Buffer[] = [];
      for await (const c of await open(path)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

/** Read a small XML part whole, calling `open` for every element. */
function parseWhole(xml: string, open: (tag: SaxesTagPlain, stack: string[]) => void, text?: (t: string, stack: string[]) => void): void {
  const p = new SaxesParser();
  const stack: string[] = [];
  p.on("opentag", (tag) => {
    stack.push(tag.name);
    open(tag, stack);
    if (tag.isSelfClosing) stack.pop();
  });
  p.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  if (text) p.on("text", (t) => text(t, stack));
  p.write(xml).close();
}

/** Local name of a qualified XML name ("x:sheet" -> "sheet"). */
const local = (name: string) => name.slice(name.indexOf(":") + 1);

/** A part path from a relationship target: "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml". */
function partPath(target: string): string {
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

async function readWorkbookPart(zip: Zip): Promise<WorkbookPart> {
  const xml = await zip.text("xl/workbook.xml");
  if (!xml) throw new Error("xl/workbook.xml is missing");
  const relsXml = (await zip.text("xl/_rels/workbook.xml.rels")) ?? "";
  const rels = new Map<string, { type: string; target: string }>();
  if (relsXml) {
    parseWhole(relsXml, (tag) => {
      if (local(tag.name) === "Relationship") rels.set(String(tag.attributes.Id), { type: String(tag.attributes.Type ?? ""), target: String(tag.attributes.Target ?? "") });
    });
  }
  const byType = (suffix: string, fallback: string) => {
    for (const r of rels.values()) if (r.type.endsWith(suffix)) return partPath(r.target);
    return fallback;
  };
  const sheets: WorkbookPart["sheets"] = [];
  const names: DefinedName[] = [];
  let date1904 = false;
  // A name's text is gathered between its tags; its scope is an index into the sheets before it.
  let pending: { name: string; localSheetId?: string; text: string } | null = null;
  const p = new SaxesParser();
  p.on("opentag", (tag) => {
    const n = local(tag.name);
    const a = tag.attributes as Record<string, string>;
    if (n === "sheet") {
      const rid = a["r:id"] ?? Object.entries(a).find(([k]) => local(k) === "id")?.[1];
      const rel = rid ? rels.get(rid) : undefined;
      sheets.push({ name: a.name, path: rel ? partPath(rel.target) : null });
    } else if (n === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
    else if (n === "definedName") pending = { name: a.name, localSheetId: a.localSheetId, text: "" };
  });
  p.on("text", (t) => {
    if (pending) pending.text += t;
  });
  p.on("closetag", (tag) => {
    if (local(tag.name) !== "definedName" || !pending) return;
    const id = pending.localSheetId;
    const scope = id !== undefined ? (sheets[Number(id)]?.name ?? `sheet #${id}`) : undefined;
    names.push({ name: pending.name, ref: pending.text.trim(), ...(scope !== undefined ? { sheetScope: scope } : {}) });
    pending = null;
  });
  p.write(xml).close();
  return { sheets, names, date1904, sharedStrings: byType("/sharedStrings", "xl/sharedStrings.xml"), styles: byType("/styles", "xl/styles.xml") };
}

/** The number format kind of each cell style index (cellXfs order). */
async function readStyles(zip: Zip, path: string): Promise<NumberFormatKind[]> {
  const xml = await zip.text(path);
  if (!xml) return [];
  const custom = new Map<number, string>();
  const kinds: NumberFormatKind[] = [];
  parseWhole(xml, (tag, stack) => {
    const n = local(tag.name);
    const a = tag.attributes as Record<string, string>;
    if (n === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
    else if (n === "xf" && local(stack[stack.length - 2] ?? "") === "cellXfs") {
      const id = Number(a.numFmtId ?? 0);
      kinds.push(numberFormatKind(custom.get(id) ?? builtInNumberFormat(id)));
    }
  });
  return kinds;
}

/**
 * Stream one zip part through a SAX parser. `onParser` sets up the handlers and returns a function
 * the handlers may call to stop reading early (the rest of the part is never inflated).
 */
async function streamPart(zip: Zip, path: string, onParser: (p: SaxesParser, stop: () => void) => void): Promise<void> {
  const stream = await zip.open(path);
  const parser = new SaxesParser({ position: false });
  const decoder = new StringDecoder("utf8");
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      stream.removeAllListeners("data");
      stream.destroy();
      if (err) reject(err);
      else resolve();
    };
    onParser(parser, () => finish());
    parser.on("error", (e) => finish(e));
    stream.on("data", (chunk: Buffer) => {
      if (done) return;
      try {
        parser.write(decoder.write(chunk));
      } catch (e) {
        finish(e);
      }
    });
    stream.on("error", (e) => finish(e));
    stream.on("end", () => {
      if (done) return;
      try {
        parser.write(decoder.end()).close();
        finish();
      } catch (e) {
        finish(e);
      }
    });
  });
}

/** A wanted cell's XML content. */
interface CellXml {
  t: string;
  s: number;
  v: string | null;
  formula: boolean;
  inline: string;
}

/** The RawCell of a cell's XML. `sst` gives shared strings by index. */
function rawOf(x: CellXml | undefined, styles: NumberFormatKind[], date1904: boolean, sst: Map<number, string>): RawCell {
  if (!x) return { kind: "blank" };
  const v = x.v;
  switch (x.t) {
    case "s": {
      const s = sst.get(Number(v));
      if (s === undefined) return { kind: "error", value: `shared string ${v} is missing from the workbook` };
      return s === "" ? { kind: "blank" } : { kind: "text", value: s };
    }
    case "str":
    case "inlineStr": {
      const s = x.t === "inlineStr" ? x.inline : (v ?? "");
      return s === "" ? { kind: "blank" } : { kind: "text", value: s };
    }
    case "b":
      return { kind: "boolean", value: v === "1" || v === "true" };
    case "e":
      return { kind: "error", value: v ?? "#VALUE!" };
    case "d":
      return v ? { kind: "date", value: v.slice(0, 10) } : { kind: "blank" };
    default: {
      if (v === null || v === "") {
        if (x.formula) return { kind: "error", value: "a formula with no saved result (recalculate and save the workbook, then check it again)" };
        return { kind: "blank" };
      }
      const n = Number(v);
      if (!Number.isFinite(n)) return { kind: "text", value: v };
      const kind = styles[x.s] ?? "general";
      if (kind === "date") {
        const date = serialToIsoDate(n, date1904);
        return { kind: "number", value: n, dateFormat: true, ...(date ? { date } : {}) };
      }
      return kind === "percent" ? { kind: "number", value: n, percentFormat: true } : { kind: "number", value: n };
    }
  }
}

/** What a sheet scan keeps and where it stops. */
interface SheetScan {
  /** Whether to keep the cell at `ref` ("E12", row `row`). */
  want(ref: string, row: number): boolean;
  /** Stop reading after this row; undefined: read the whole sheet (the merge list comes last). */
  lastRow?: number;
  onCell(ref: string, x: CellXml, row: number): void;
  onMerge?(ref: string): void;
  stats?: ReadStats;
}

/**
 * Stream one sheet part, handing over the cells `scan.want`s with their XML content (value, type,
 * style, formula flag, inline text) and the merged areas; every other cell is passed over.
 */
async function scanSheet(zip: Zip, path: string, scan: SheetScan): Promise<void> {
  await streamPart(zip, path, (p, stopReading) => {
    // The parser finishes the chunk in hand after a stop: everything after it is ignored.
    let stopped = false;
    const stop = () => {
      stopped = true;
      stopReading();
    };
    let row = 0;
    let col = 0;
    let cur: CellXml | null = null;
    let curRef = "";
    let inV = false;
    let inIsT = 0;
    let inRph = false;
    p.on("opentag", (tag) => {
      if (stopped) return;
      const n = local(tag.name);
      const a = tag.attributes as Record<string, string>;
      if (n === "c") {
        if (scan.stats) scan.stats.cellsSeen++;
        // Fast path: writers give every cell its reference ("B12"). A cell without one follows
        // the cell before it (ECMA-376 18.3.1.4): only then is the column worked out.
        const r = a.r;
        if (r) {
          curRef = /^[A-Z]+\d+$/.test(r) ? r : r.replace(/\$/g, "").toUpperCase();
          col = -1;
        } else {
          if (col < 0) col = curRef ? rowCol(curRef).col : 0;
          col++;
          curRef = `${columnLetters(col)}${row}`;
        }
        if (scan.want(curRef, row)) cur = { t: a.t ?? "n", s: Number(a.s ?? 0), v: null, formula: false, inline: "" };
        if (cur && tag.isSelfClosing) {
          scan.onCell(curRef, cur, row);
          cur = null;
        }
      } else if (n === "row") {
        row = a.r ? Number(a.r) : row + 1;
        col = 0;
        curRef = "";
        if (scan.lastRow !== undefined && row > scan.lastRow) stop();
      } else if (cur) {
        if (n === "v") inV = true;
        else if (n === "f") cur.formula = true;
        else if (n === "rPh") inRph = true;
        else if (n === "t" && !inRph) inIsT++;
      } else if (n === "mergeCell" && a.ref) scan.onMerge?.(a.ref.replace(/\$/g, "").toUpperCase());
    });
    p.on("text", (t) => {
      if (!cur) return;
      if (inV) cur.v = (cur.v ?? "") + t;
      else if (inIsT > 0) cur.inline += t;
    });
    p.on("closetag", (tag) => {
      const n = local(tag.name);
      if (n === "v") {
        inV = false;
        if (cur && cur.v === null) cur.v = "";
      } else if (n === "t" && !inRph) inIsT = Math.max(0, inIsT - 1);
      else if (n === "rPh") inRph = false;
      else if (n === "c" && cur) {
        scan.onCell(curRef, cur, row);
        cur = null;
      }
    });
  });
}

/** The shared strings of the given indices (read up to the last of them; phonetic runs left out). */
async function readSharedStrings(zip: Zip, path: string, wanted: Set<number>, stats?: ReadStats): Promise<Map<number, string>> {
  const sst = new Map<number, string>();
  if (!wanted.size || !zip.has(path)) return sst;
  if (stats) stats.sharedStringsRead = true;
  let last = -1;
  for (const i of wanted) if (i > last) last = i;
  await streamPart(zip, path, (p, stop) => {
    let index = -1;
    let keep = false;
    let text = "";
    let inT = 0;
    let inRph = false;
    p.on("opentag", (tag) => {
      const n = local(tag.name);
      if (n === "si") {
        index++;
        if (index > last) return stop();
        keep = wanted.has(index);
        text = "";
      } else if (n === "rPh") inRph = true;
      else if (n === "t" && !inRph) inT++;
    });
    p.on("text", (t) => {
      if (keep && inT > 0) text += t;
    });
    p.on("closetag", (tag) => {
      const n = local(tag.name);
      if (n === "t" && !inRph) inT = Math.max(0, inT - 1);
      else if (n === "rPh") inRph = false;
      else if (n === "si" && keep) {
        sst.set(index, text);
        keep = false;
      }
    });
  });
  return sst;
}

/** One FOCUS name resolved to a cell to read (or a problem). */
interface Target {
  code: string;
  name: string;
  where: string;
  sheet?: string;
  /** "E12": the cell read (the top-left of a merged area). */
  cell?: string;
  /** "E12:F12" when the name covers a range that must be one merged area. */
  mergeArea?: string;
  problem?: string;
}

function resolveTarget(dn: DefinedName, code: string, sheetNames: Set<string>): Target {
  const base = { code, name: dn.name };
  if (dn.sheetScope !== undefined) {
    return {
      ...base,
      where: `${dn.name} (scoped to sheet "${dn.sheetScope}")`,
      problem: `the name is scoped to the sheet "${dn.sheetScope}"; FOCUS names must be workbook-scoped (Name Manager: Scope = Workbook)`,
    };
  }
  const parsed = parseReference(dn.ref);
  if (parsed.kind === "ref-error") return { ...base, where: dn.ref || dn.name, problem: "the name points at #REF! (its cells were deleted)" };
  if (parsed.kind === "other") {
    return { ...base, where: dn.name, problem: dn.ref === "" ? "the name refers to nothing" : `the name holds ${JSON.stringify(dn.ref)}, which is not one cell of this workbook` };
  }
  if (parsed.areas.length !== 1) return { ...base, where: dn.ref, problem: `the name refers to ${parsed.areas.length} areas (${dn.ref}); it must name one cell` };
  const a = parsed.areas[0];
  const cell = `${columnLetters(a.left)}${a.top}`;
  const where = joinAddress(a.sheet, a.cells);
  if (!sheetNames.has(a.sheet)) return { ...base, where, problem: `the name points at sheet "${a.sheet}", which is not in the workbook (deleted or renamed)` };
  return { ...base, where: joinAddress(a.sheet, cell), sheet: a.sheet, cell, ...(a.cells !== cell ? { mergeArea: a.cells } : {}) };
}

/** Row and column of "E12". */
function rowCol(cell: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(cell) as RegExpExecArray;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** Open an .xlsx held in `buffer` and read its workbook part. Throws UnusableInput naming the file. */
async function openWorkbook(buffer: Buffer, file: string): Promise<{ zip: Zip; wbPart: WorkbookPart }> {
  sniffWorkbook(buffer, file);
  try {
    const zip = await openZip(buffer);
    return { zip, wbPart: await readWorkbookPart(zip) };
  } catch (e) {
    throw new UnusableInput(`${file} is not a readable .xlsx workbook (${(e as Error).message}).`);
  }
}

/** The names of the cells that say how a workbook's report is read: its unit and its completeness. */
export const SETTING_NAMES = { units: "FOCUS_UNITS", partial: "FOCUS_PARTIAL" } as const;
/** The entry codes the reader gives those cells (not item codes: the caller takes them out). */
const SETTING_CODES: Record<string, true> = { units: true, partial: true };

/** "units" for FOCUS_UNITS, "partial" for FOCUS_PARTIAL (any letter case), else null. */
function settingOfName(name: string): string | null {
  const n = name.trim().toUpperCase();
  return n === SETTING_NAMES.units ? "units" : n === SETTING_NAMES.partial ? "partial" : null;
}

/**
 * Entries for every FOCUS_<code> name of an .xlsx file held in `buffer` (and, under the codes
 * "units" and "partial", the cells named FOCUS_UNITS and FOCUS_PARTIAL). A name that cannot be
 * read as one cell gets an entry with its `problem`; every other name is still read.
 * Throws UnusableInput when the file is not a readable workbook or no name maps a cell.
 * `stats`, when given, is filled with what was read.
 */
export async function readNamedCells(buffer: Buffer, file: string, stats?: ReadStats): Promise<InputEntry[]> {
  const { zip, wbPart } = await openWorkbook(buffer, file);
  const sheetNames = new Set(wbPart.sheets.map((s) => s.name));
  const targets = wbPart.names.flatMap((dn) => {
    const code = codeFromName(dn.name) ?? settingOfName(dn.name);
    return code === null ? [] : [resolveTarget(dn, code, sheetNames)];
  });
  if (!targets.some((t) => !(t.code in SETTING_CODES))) {
    throw new UnusableInput(`${file} has no cells named FOCUS_<code>: map the report's cells to item codes first (or start from "focus template").`, { notAReport: true });
  }
  const read = stats ?? { sheetsRead: [], cellsSeen: 0, sharedStringsRead: false };

  let styles: NumberFormatKind[] = [];
  const found = new Map<string, CellXml>(); // "sheet\u0000E12"
  const merges = new Map<string, Set<string>>();
  try {
    const wanted = targets.filter((t) => t.cell && !t.problem);
    if (wanted.length) styles = await readStyles(zip, wbPart.styles);
    for (const sheet of wbPart.sheets) {
      const mine = wanted.filter((t) => t.sheet === sheet.name);
      if (!mine.length) continue;
      if (!sheet.path || !zip.has(sheet.path)) {
        for (const t of mine) t.problem = `the sheet "${sheet.name}" has no cells in the file (a chart sheet or a damaged workbook)`;
        continue;
      }
      const cells = new Set(mine.map((t) => t.cell as string));
      const lastRow = Math.max(...mine.map((t) => rowCol(t.cell as string).row));
      const needMerges = mine.some((t) => t.mergeArea);
      const sheetMerges = new Set<string>();
      merges.set(sheet.name, sheetMerges);
      read.sheetsRead.push(sheet.path);
      await scanSheet(zip, sheet.path, {
        want: (ref) => cells.has(ref),
        lastRow: needMerges ? undefined : lastRow,
        onCell: (ref, x) => found.set(`${sheet.name}\u0000${ref}`, x),
        onMerge: (ref) => sheetMerges.add(ref),
        stats: read,
      });
    }
    // Shared strings last: only the indices the named cells hold, and only up to the last of them.
    const sstWanted = new Set<number>();
    for (const x of found.values()) if (x.t === "s" && x.v !== null) sstWanted.add(Number(x.v));
    const sst = await readSharedStrings(zip, wbPart.sharedStrings, sstWanted, read);
    return targets.map((t): InputEntry => {
      if (t.problem || !t.sheet || !t.cell) return { code: t.code, raw: { kind: "blank" }, where: t.where, problem: t.problem ?? "the name is not a cell" };
      if (t.mergeArea && !merges.get(t.sheet)?.has(t.mergeArea)) {
        return { code: t.code, raw: { kind: "blank" }, where: joinAddress(t.sheet, t.mergeArea), problem: `the name covers the range ${t.mergeArea}; it must name one cell (or one merged cell)` };
      }
      return { code: t.code, raw: rawOf(found.get(`${t.sheet}\u0000${t.cell}`), styles, wbPart.date1904, sst), where: t.where };
    });
  } catch (e) {
    if (e instanceof UnusableInput) throw e;
    throw new UnusableInput(`${file} is not a readable .xlsx workbook (${(e as Error).message}).`);
  }
}

/** One sheet of a workbook as read by `readSheetCells`. */
export interface SheetCells {
  /** The sheet's name. */
  sheet: string;
  /** The rows that hold at least one cell in the file, in order: row number and cells by column number (1 = A). */
  rows: { row: number; cells: Map<number, RawCell> }[];
}

/**
 * Every cell of one sheet of an .xlsx file held in `buffer` (the first worksheet, or `sheet` by
 * name), streamed as `readNamedCells` streams (shared strings only for the cells that hold one),
 * each as a RawCell with the same reading of types, dates (1900 or 1904 system) and formula
 * results (0 and FALSE kept). For the tables the commands take: a trial balance, a map, positions.
 * Throws UnusableInput when the file is not a readable workbook or has no such sheet.
 */
export async function readSheetCells(buffer: Buffer, file: string, sheet?: string): Promise<SheetCells> {
  const { zip, wbPart } = await openWorkbook(buffer, file);
  const worksheets = wbPart.sheets.filter((s) => s.path && /\/worksheets\//.test(s.path) && zip.has(s.path));
  const chosen = sheet === undefined ? worksheets[0] : worksheets.find((s) => s.name === sheet);
  if (!chosen || !chosen.path) {
    const names = worksheets.map((s) => s.name).join(", ") || "none";
    throw new UnusableInput(sheet === undefined ? `${file} has no worksheet (sheets: ${names}).` : `${file} has no sheet "${sheet}" (sheets: ${names}).`);
  }
  try {
    const styles = await readStyles(zip, wbPart.styles);
    const found: { row: number; cells: Map<number, CellXml> }[] = [];
    await scanSheet(zip, chosen.path, {
      want: () => true,
      onCell: (ref, x, row) => {
        let last = found[found.length - 1];
        if (!last || last.row !== row) found.push((last = { row, cells: new Map() }));
        last.cells.set(rowCol(ref).col, x);
      },
    });
    const sstWanted = new Set<number>();
    for (const r of found) for (const x of r.cells.values()) if (x.t === "s" && x.v !== null) sstWanted.add(Number(x.v));
    const sst = await readSharedStrings(zip, wbPart.sharedStrings, sstWanted);
    return {
      sheet: chosen.name,
      rows: found.map((r) => ({ row: r.row, cells: new Map([...r.cells].map(([c, x]) => [c, rawOf(x, styles, wbPart.date1904, sst)])) })),
    };
  } catch (e) {
    if (e instanceof UnusableInput) throw e;
    throw new UnusableInput(`${file} is not a readable .xlsx workbook (${(e as Error).message}).`);
  }
}
