/*
 * A small fake of the Excel JavaScript API, for tests (jest and the headless task-pane test).
 *
 * It models what office-addin-mock does not: collections (names, worksheets, conditional formats,
 * settings), null objects, and the batch: properties can be read only after load() and sync(),
 * like Office.js, and every sync is counted. Operations are queued and run at sync(), in order; an
 * operation Excel would refuse (a conditional format changed on a protected sheet, a duplicate
 * name, a member above the host's API level, navigation from a null object) fails the sync. It is
 * not Excel: it checks our call pattern and our bookkeeping, as strictly as Excel where Excel is
 * strict (docs/excel-fidelity-review.md, F1-F19).
 *
 * Plain JavaScript so that the browser test can load it as is (window.FakeExcel).
 */
(function (root) {
  "use strict";

  function colToNum(col) {
    let n = 0;
    for (const ch of col.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n;
  }
  function numToCol(n) {
    let s = "";
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  }
  /** "B2" or "B2:C4" or "B:B" -> { c1, r1, c2, r2 } (whole columns span rows 1..1048576). */
  function parseA1(a1) {
    const clean = a1.replace(/\$/g, "").toUpperCase();
    const [a, b] = clean.split(":");
    const one = (s) => {
      const m = /^([A-Z]+)?(\d+)?$/.exec(s);
      if (!m) throw new Error(`InvalidArgument: bad address ${a1}`);
      return { c: m[1] ? colToNum(m[1]) : null, r: m[2] ? Number(m[2]) : null };
    };
    const p = one(a);
    const q = b ? one(b) : p;
    return { c1: p.c ?? 1, r1: p.r ?? 1, c2: q.c ?? 16384, r2: q.r ?? 1048576 };
  }
  function a1Of(box) {
    const tl = `${numToCol(box.c1)}${box.r1}`;
    const br = `${numToCol(box.c2)}${box.r2}`;
    return tl === br ? tl : `${tl}:${br}`;
  }
  /**
   * A sheet name as Excel writes it in an address: quoted unless it is letters, digits, "_" and "."
   * starting with a letter or "_", and does not read as a cell (A1 or R1C1 style: "Q4", "R2C3").
   */
  function quoteSheet(name) {
    const cellLike = /^[A-Z]{1,3}[0-9]+$/i.test(name) || /^R[0-9]*(C[0-9]*)?$/i.test(name);
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !cellLike ? name : `'${name.replace(/'/g, "''")}'`;
  }
  function splitRef(ref) {
    const s = ref.replace(/^=/, "");
    const i = s.lastIndexOf("!");
    let sheet = s.slice(0, i);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    return { sheet, a1: s.slice(i + 1).replace(/\$/g, "") };
  }
  /** Split a number format into its sections at ";" outside quotes and brackets. */
  function formatSections(fmt) {
    const out = [];
    let cur = "", quote = false, bracket = false;
    for (const ch of fmt) {
      if (quote) quote = ch !== '"';
      else if (ch === '"') quote = true;
      else if (ch === "[") bracket = true;
      else if (ch === "]") bracket = false;
      else if (ch === ";" && !bracket) {
        out.push(cur);
        cur = "";
        continue;
      }
      cur += ch;
    }
    out.push(cur);
    return out;
  }
  /**
   * A number as Excel shows it in a wide enough column, for the formats the tests use: General,
   * 0 / 0.00 / #,##0 / #,##0.00 with literal text ("USD", $, parentheses, _) padding), up to four
   * sections (positive; negative without its sign; zero; text), colours and conditions ignored,
   * percent, and the date formats m/d/yy(yy), mm/dd/yyyy and yyyy-mm-dd (1900 date system).
   */
  function formatNumber(v, fmt) {
    if (!fmt || fmt === "General") return String(v);
    const sections = formatSections(fmt);
    let sec = sections[0];
    let x = v;
    if (v < 0 && sections.length > 1) {
      sec = sections[1];
      x = -v;
    } else if (v === 0 && sections.length > 2) sec = sections[2];
    sec = sec.replace(/\[[^\]]*\]/g, "");
    const bare = sec.replace(/"[^"]*"/g, "").replace(/\\./g, "");
    if (/[ymd]/i.test(bare)) {
      const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000);
      const [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
      const two = (n) => String(n).padStart(2, "0");
      return sec.replace(/yyyy|yy|mm|m|dd|d/gi, (tok) => ({ yyyy: String(y), yy: two(y % 100), mm: two(m), m: String(m), dd: two(d), d: String(d) })[tok.toLowerCase()]);
    }
    if (bare.includes("%")) x *= 100;
    const decimals = ((/\.(0+)/.exec(bare) || [])[1] || "").length;
    let num = Math.abs(x).toFixed(decimals);
    if (/#,##0|0,0/.test(bare)) num = num.replace(/^(\d+)/, (i) => i.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
    if (x < 0) num = `-${num}`;
    let placed = false;
    let out = "";
    for (let i = 0; i < sec.length; i++) {
      const ch = sec[i];
      if (ch === '"') {
        const j = sec.indexOf('"', i + 1);
        out += sec.slice(i + 1, j);
        i = j;
      } else if (ch === "\\") out += sec[++i];
      else if (ch === "_") {
        out += " ";
        i++;
      } else if (ch === "*") i++;
      else if ("#0,.".includes(ch)) {
        if (!placed) out += num;
        placed = true;
      } else out += ch;
    }
    return out;
  }

  /** An error Excel returns for a read it refuses: it fails the batch (RequestContext.sync). */
  function refused(code, message) {
    return Object.assign(new Error(`${code}: ${message}`), { excelCode: code });
  }
  function clone(x) {
    return JSON.parse(JSON.stringify(x));
  }

  /** The workbook's state: what a test seeds and inspects. */
  /** "1.18" > "1.9" as requirement-set versions. */
  function newer(a, b) {
    const [x, y] = [String(a).split(".").map(Number), String(b).split(".").map(Number)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0);
    return false;
  }

  /**
   * The parts of a name's reference text: one entry per area of a union ("S!$A$1,S!$B$2"), or null
   * when the text is not cells (a formula such as OFFSET(...), a constant, #REF!).
   */
  function referenceAreas(ref) {
    const text = String(ref).replace(/^=/, "");
    const parts = [];
    let cur = "", quote = false, depth = 0;
    for (const ch of text) {
      if (quote) quote = ch !== "'";
      else if (ch === "'") quote = true;
      else if (ch === "(") depth++;
      else if (ch === ")") depth--;
      else if (ch === "," && depth === 0) {
        parts.push(cur);
        cur = "";
        continue;
      }
      cur += ch;
    }
    parts.push(cur);
    const area = /^(?:'(?:[^']|'')+'|[^'!,()]+)!\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$/i;
    return parts.every((p) => area.test(p.trim())) ? parts.map((p) => p.trim()) : null;
  }

  class FakeWorkbook {
    /**
     * opts.excelApi: the ExcelApi level the host supports (default 1.18). A member above it fails
     * the sync with ApiNotFound, as Excel does; isSetSupported in fake-office.js answers from it.
     */
    constructor(opts = {}) {
      this.excelApi = opts.excelApi || "1.18";
      // Excel on the web refuses a request or a response above 5 MB (F16): set payloadLimit to
      // 5 * 1024 * 1024 to play the web; null (desktop) has no such limit.
      this.payloadLimit = opts.payloadLimit || null;
      this.cellEditMode = false;
      this.editWaiters = [];
      this.sheets = new Map();
      this.names = new Map(); // upper-case name -> { name, ref (e.g. "Sheet1!$B$2" or "#REF!"), comment }
      this.sheetNames = new Map(); // sheet -> Map(upper-case name -> { name, ref, comment }): sheet-scoped names
      this.settings = new Map();
      this.selection = null; // "Sheet1!B2"
      this.activeSheet = null;
      this.nextCfId = 1;
      this.syncs = 0;
      this.tables = new Map(); // upper-case name -> { name, sheet, a1 } (a1 includes the header row)
      this.validations = []; // { sheet, a1, rule }
      this.functions = null; // custom functions by id, when formulas are evaluated (enableFormulas)
      // Change events (F20): handlers registered through Worksheet(Collection).onChanged, the
      // add-in runtime's switch (context.runtime.enableEvents), and the deliveries in flight.
      this.eventsEnabled = true;
      this.changeHandlers = []; // { sheet (null: every sheet), handler }
      this.deliveries = [];
      this.eventErrors = [];
    }
    /**
     * A change of data raises onChanged as Excel documents it (WorksheetChangedEventArgs, ExcelApi
     * 1.7): `address` on the sheet ("B5", or "A1:J1000" for a paste: one event for the range),
     * `changeType` "RangeEdited", `source` "Local" or, for a co-author's edit, "Remote", `type`
     * "WorksheetChanged", `worksheetId`; from ExcelApi 1.14 `triggerSource`, "ThisLocalAddin" when the
     * add-in's own API call made the change, else "Unknown". The handlers run later, never inside
     * the sync or the edit. None is raised while the add-in's runtime has events off
     * (`context.runtime.enableEvents = false`, ExcelApi 1.8: "Toggle JavaScript events in the
     * current task pane or content add-in"): the switch is read when the change is made.
     */
    _changed(sheet, a1, by) {
      if (!this.eventsEnabled) return;
      const args = { type: "WorksheetChanged", address: a1, changeType: "RangeEdited", source: by === "coauthor" ? "Remote" : "Local", worksheetId: `{${sheet}}` };
      if (this.supports("ExcelApi", "1.14")) args.triggerSource = by === "addin" ? "ThisLocalAddin" : "Unknown";
      for (const h of this.changeHandlers) {
        if (h.sheet !== null && h.sheet !== sheet) continue;
        this.deliveries.push(
          new Promise((r) => setTimeout(r, 0))
            .then(() => h.handler({ ...args }))
            .catch((e) => this.eventErrors.push(e)),
        );
      }
    }
    /** The user types into a cell (a value, or { formula: "=..." }), then presses Enter: one event. */
    userEdit(address, value) {
      const { sheet, a1 } = splitRef(address);
      if (value && typeof value === "object" && "formula" in value) this.setCell(address, null, { formula: value.formula });
      else this.setCell(address, value, { formula: undefined });
      this._changed(sheet, a1.toUpperCase(), "user");
    }
    /** The user pastes a matrix at `address` (its top-left cell): every cell changes, one event for the range. */
    userPaste(address, matrix) {
      const { sheet, a1 } = splitRef(address);
      const tl = parseA1(a1);
      matrix.forEach((row, i) => row.forEach((v, j) => this.setCell(`${quoteSheet(sheet)}!${numToCol(tl.c1 + j)}${tl.r1 + i}`, v, { formula: undefined })));
      this._changed(sheet, a1Of({ c1: tl.c1, r1: tl.r1, c2: tl.c1 + matrix[0].length - 1, r2: tl.r1 + matrix.length - 1 }), "user");
    }
    /** A co-author's edit arrives (Excel on the web, co-authoring): source "Remote". */
    coauthorEdit(address, value) {
      const { sheet, a1 } = splitRef(address);
      this.setCell(address, value, { formula: undefined });
      this._changed(sheet, a1.toUpperCase(), "coauthor");
    }
    /** Wait until every change event raised so far has been handled. */
    async settled() {
      while (this.deliveries.length) await Promise.all(this.deliveries.splice(0));
    }
    /**
     * Evaluate formulas when values are read, as Excel would after recalculating: cell and name
     * references, SUM over a range, +N("text") (zero), and FOCUS.* custom functions called with
     * strings, numbers, cell references and table columns (Table[column]) as Excel passes them
     * (a blank cell as null, as on the web). Anything else is #NAME?.
     */
    enableFormulas(functions) {
      this.functions = functions;
    }
    valueAt(sheet, key, depth = 0) {
      const c = this.cell(sheet, key);
      if (!c.formula || !this.functions) return c.value;
      if (depth > 20) return { error: "#REF!" };
      try {
        return evalFormula(this, sheet, c.formula.slice(1), depth + 1);
      } catch (e) {
        return { error: e && e.excel ? e.excel : "#NAME?" };
      }
    }
    /** The user starts editing a cell (F16): batches wait (delayForCellEdit) or fail. */
    startCellEdit() {
      this.cellEditMode = true;
    }
    /** The user presses Enter: waiting batches run. */
    endCellEdit() {
      this.cellEditMode = false;
      for (const resolve of this.editWaiters.splice(0)) resolve();
    }
    /** The host supports ExcelApi `version` (isSetSupported). */
    supports(set, version) {
      // DialogApi: 1.2 unless a test plays an older host (dialogApi: "1.1").
      if (set === "DialogApi") return !newer(version, this.dialogApi || "1.2");
      return set !== "ExcelApi" || !newer(version, this.excelApi);
    }
    addSheet(name) {
      if (!this.sheets.has(name)) this.sheets.set(name, { name, cells: new Map(), cfs: [], merged: [], protected: false });
      if (!this.activeSheet) this.activeSheet = name;
      return this.sheets.get(name);
    }
    /** The user makes a column `chars` characters wide: numbers longer than that show as #### (F12). */
    setColumnWidth(sheet, column, chars) {
      const s = this.addSheet(sheet);
      s.widths = { ...(s.widths || {}), [column.toUpperCase()]: chars };
    }
    /**
     * Seed a cell: value is a number, string, boolean, null, { error: "#REF!" } or { entity: "Microsoft
     * Corp" } (a linked data type); opts: numberFormat, fill, formula, valueType (to play "Integer",
     * "RichValue" or "Unknown").
     */
    setCell(address, value, opts = {}) {
      const { sheet, a1 } = splitRef(address);
      const s = this.addSheet(sheet);
      const key = a1.toUpperCase();
      const prev = s.cells.get(key) || { numberFormat: "General" };
      s.cells.set(key, { ...prev, value, ...opts });
    }
    cell(sheet, key) {
      const s = this.sheets.get(sheet);
      return (s && s.cells.get(key)) || { value: null, numberFormat: "General" };
    }
    addName(name, ref, comment = "") {
      this.names.set(name.toUpperCase(), { name, ref, comment });
    }
    addSheetName(sheet, name, ref, comment = "") {
      this.addSheet(sheet);
      if (!this.sheetNames.has(sheet)) this.sheetNames.set(sheet, new Map());
      this.sheetNames.get(sheet).set(name.toUpperCase(), { name, ref, comment });
    }
    /**
     * The user renames a sheet: cells, conditional formats and merged areas go with it, and every
     * name that pointed at the sheet now names the new one (Excel rewrites references).
     */
    renameSheet(from, to) {
      const s = this.sheets.get(from);
      s.name = to;
      this.sheets = new Map([...this.sheets].map(([k, v]) => (k === from ? [to, v] : [k, v])));
      const rewrite = (ref) => String(ref).replace(new RegExp(`(^|[=,(])${quoteSheet(from).replace(/[.*+?^${}()|[\]\\']/g, "\\$&")}!`, "g"), `$1${quoteSheet(to)}!`);
      for (const rec of this.names.values()) rec.ref = rewrite(rec.ref);
      if (this.activeSheet === from) this.activeSheet = to;
    }
    /**
     * The user inserts `count` rows above row `at`: cells, conditional formats, merged areas and
     * names at or below it move down, as Excel moves them.
     */
    insertRows(sheet, at, count = 1) {
      this._shift(sheet, (b) => {
        if (b.r1 >= at) b.r1 += count;
        if (b.r2 >= at) b.r2 += count;
      });
    }
    /** The user inserts `count` columns left of column `at` (a letter): what is at or right of it moves right. */
    insertColumns(sheet, at, count = 1) {
      const c = colToNum(at);
      this._shift(sheet, (b) => {
        if (b.c1 >= c) b.c1 += count;
        if (b.c2 >= c) b.c2 += count;
      });
    }
    /** Move cells, conditional formats, merged areas and names of a sheet as Excel does on an insert. */
    _shift(sheet, move) {
      const s = this.sheets.get(sheet);
      const shift = (a1) => {
        const b = parseA1(a1);
        move(b);
        return a1Of(b);
      };
      s.cells = new Map([...s.cells].map(([k, v]) => [shift(k), v]));
      for (const cf of s.cfs) cf.range = shift(cf.range);
      s.merged = s.merged.map(shift);
      for (const rec of this.names.values()) {
        const areas = referenceAreas(rec.ref);
        if (!areas || areas.length !== 1) continue;
        const { sheet: ns, a1 } = splitRef(areas[0]);
        if (ns === sheet) rec.ref = `${quoteSheet(ns)}!${shift(a1).split(":").map((x) => x.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")).join(":")}`;
      }
    }
    /**
     * The user cuts a cell and pastes it elsewhere on the same sheet: its value, formats, its own
     * conditional formats and the names that pointed at it go with it (Excel rewrites references).
     */
    moveCell(sheet, from, to) {
      const s = this.sheets.get(sheet);
      const [f, t] = [from.toUpperCase(), to.toUpperCase()];
      const c = s.cells.get(f);
      s.cells.delete(f);
      if (c) s.cells.set(t, c);
      for (const cf of s.cfs) if (cf.range === f) cf.range = t;
      const abs = (a1) => a1.replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
      for (const rec of this.names.values()) if (rec.ref === `${quoteSheet(sheet)}!${abs(f)}`) rec.ref = `${quoteSheet(sheet)}!${abs(t)}`;
    }
    /** The user copies a cell (value, formats and conditional formats) to another cell of the same sheet. */
    copyCell(sheet, from, to) {
      const s = this.sheets.get(sheet);
      const c = s.cells.get(from.toUpperCase());
      if (c) s.cells.set(to.toUpperCase(), { ...c });
      for (const cf of s.cfs.filter((x) => x.range === from.toUpperCase())) s.cfs.push({ ...cf, id: `{CF-${this.nextCfId++}}`, range: to.toUpperCase() });
    }
    /** Select a cell as the user clicks it: a cell inside a merged area selects the whole area. */
    select(address) {
      const { sheet, a1 } = splitRef(address);
      const s = this.sheets.get(sheet);
      const b = parseA1(a1);
      const area = s && b.c1 === b.c2 && b.r1 === b.r2 && s.merged.find((m) => {
        const x = parseA1(m);
        return b.c1 >= x.c1 && b.c1 <= x.c2 && b.r1 >= x.r1 && b.r1 <= x.r2;
      });
      this.selection = area ? `${quoteSheet(sheet)}!${area.toUpperCase()}` : address;
      // One range selected: no longer several areas (RangeAreas.select sets them after this).
      this.selectionAreas = null;
      this.activeSheet = sheet;
    }
    /**
     * The fill a cell shows: its conditional formats in priority order (a record's `applies: false`
     * says its condition is false for the cell; ours, =N("…")=0, always applies). The first that
     * applies with a fill wins; one with stopIfTrue stops the rest (F8). Else the cell's own fill.
     */
    shownFill(address) {
      const { sheet, a1 } = splitRef(address);
      const p = parseA1(a1);
      for (const cf of this.sheets.get(sheet).cfs) {
        const b = parseA1(cf.range);
        if (p.c1 < b.c1 || p.c1 > b.c2 || p.r1 < b.r1 || p.r1 > b.r2 || cf.applies === false) continue;
        if (cf.fill) return cf.fill;
        if (cf.stopIfTrue) break;
      }
      return this.cell(sheet, a1.toUpperCase()).fill || null;
    }
    /** Everything a user could lose: cell values, formulas, formats, fills, conditional formats, names, settings. */
    snapshot() {
      const sheets = {};
      for (const [n, s] of this.sheets) {
        sheets[n] = { cells: Object.fromEntries([...s.cells].sort()), cfs: clone(s.cfs), merged: clone(s.merged), protected: s.protected, names: Object.fromEntries([...(this.sheetNames.get(n) || new Map())].sort()) };
      }
      return clone({ sheets, names: Object.fromEntries([...this.names].sort()), settings: Object.fromEntries([...this.settings].sort()) });
    }
  }

  class ProxyBase {
    constructor(ctx) {
      this._ctx = ctx;
      this._pending = new Set();
      this._loaded = new Map();
      this._nullable = false;
      this._synced = false;
      ctx._objects.push(this);
    }
    load(spec) {
      const props = typeof spec === "string" ? spec.split(",").map((s) => s.trim()).filter(Boolean) : Array.isArray(spec) ? spec : Object.keys(spec || {});
      props.forEach((p) => this._pending.add(p));
      // A load joins the next batch, whichever batch made the proxy (one made before a failed sync too).
      if (!this._ctx._objects.includes(this)) this._ctx._objects.push(this);
      return this;
    }
    _sync() {
      this._synced = true;
      if (this._nullable) this._isNull = !this._exists();
      if (this._nullable && this._isNull) {
        this._pending.clear();
        return;
      }
      for (const p of this._pending) this._loaded.set(p, this._read(p));
      this._pending.clear();
    }
    _exists() {
      return true;
    }
    _get(p) {
      if (this._nullable && this._isNull) throw new Error(`InvalidObjectPath: ${p} read on a null object`);
      if (!this._loaded.has(p)) throw new Error(`PropertyNotLoaded: ${this.constructor.name}.${p} was read before load("${p}") and sync()`);
      return this._loaded.get(p);
    }
    get isNullObject() {
      if (!this._synced) throw new Error("PropertyNotLoaded: isNullObject read before sync()");
      return Boolean(this._isNull);
    }
    toJSON() {
      return Object.fromEntries(this._loaded);
    }
  }

  class Setting extends ProxyBase {
    constructor(ctx, key, nullable) {
      super(ctx);
      this._key = key;
      this._nullable = nullable;
    }
    _exists() {
      return this._ctx._wb.settings.has(this._key);
    }
    _read(p) {
      if (p === "value") return this._ctx._wb.settings.get(this._key);
      if (p === "key") return this._key;
      throw new Error(`fake: Setting.${p} not modelled`);
    }
    get value() {
      return this._get("value");
    }
    delete() {
      this._ctx._op(() => this._ctx._wb.settings.delete(this._key));
    }
  }
  class SettingCollection extends ProxyBase {
    add(key, value) {
      // Office serialises setting values: what comes back is a JSON round trip of what went in (F17).
      this._ctx._op(() => this._ctx._wb.settings.set(key, value === undefined ? null : JSON.parse(JSON.stringify(value))));
      return new Setting(this._ctx, key, false);
    }
    getItemOrNullObject(key) {
      return new Setting(this._ctx, key, true);
    }
  }

  class ConditionalFormat extends ProxyBase {
    constructor(ctx, sheet, record) {
      super(ctx);
      this._sheet = sheet;
      this._rec = record;
      const self = this;
      this.custom = {
        rule: Object.assign(new RuleProxy(ctx, record, this), {}),
        format: {
          fill: {
            set color(c) {
              self._stale("the fill");
              ctx._op(() => (self._rec.fill = c));
            },
          },
        },
      };
    }
    _read(p) {
      if (p === "id") return this._rec.id;
      if (p === "type") return this._rec.type;
      if (p === "priority") return this._ctx._wb.sheets.get(this._sheet).cfs.findIndex((c) => c.id === this._rec.id);
      if (p === "stopIfTrue") return Boolean(this._rec.stopIfTrue);
      // Loading a custom rule's properties through a format of another type is refused
      // ("This operation is not permitted for the current object", OfficeDev/office-js #2180).
      if (p.startsWith("custom/") && this._rec.type !== "Custom") throw refused("InvalidOperation", "This operation is not permitted for the current object");
      throw new Error(`fake: ConditionalFormat.${p} not modelled`);
    }
    get priority() {
      return this._get("priority");
    }
    /**
     * Move the format to this priority on its sheet (0 = the top), as Excel renumbers the others
     * (ExcelApi 1.6). "If you change the priority, you have to re-fetch a new copy of the object at
     * that new priority location if you want to make further changes to it" (d.ts): a later change
     * through this proxy fails the batch here.
     */
    set priority(n) {
      this._ctx._api("1.6", "ConditionalFormat.priority");
      this._moved = true;
      this._ctx._op(() => {
        const s = this._ctx._wb.sheets.get(this._sheet);
        if (s.protected) return this._ctx._fail(`AccessDenied: the sheet "${s.name}" is protected`);
        const rest = s.cfs.filter((c) => c !== this._rec);
        rest.splice(Math.max(0, Math.min(n, rest.length)), 0, this._rec);
        s.cfs = rest;
      });
    }
    get stopIfTrue() {
      return this._get("stopIfTrue");
    }
    /** When true and the format applies, no format of lower priority is applied to the cell (ExcelApi 1.6). */
    set stopIfTrue(b) {
      this._ctx._api("1.6", "ConditionalFormat.stopIfTrue");
      this._stale("stopIfTrue");
      this._ctx._op(() => (this._rec.stopIfTrue = Boolean(b)));
    }
    _stale(what) {
      if (this._moved) this._ctx._fail(`InvalidOperation: ${what} changed through a conditional format whose priority was changed; fetch it again first (d.ts ConditionalFormat.priority)`);
    }
    get id() {
      return this._get("id");
    }
    get type() {
      return this._get("type");
    }
    /**
     * The range the format applies to (ExcelApi 1.6). "Throws an error if the conditional format is
     * applied to multiple ranges" (d.ts ConditionalFormat.getRange): a format over several ranges
     * (a user's, or one of ours Excel spread after an insert) fails the batch here.
     */
    getRange() {
      if (this._rec.range.includes(",")) this._ctx._fail("InvalidOperation: the conditional format is applied to multiple ranges (d.ts ConditionalFormat.getRange; use getRanges)");
      return new Range(this._ctx, this._sheet, this._rec.range);
    }
    /** The ranges the format applies to, one or several (ExcelApi 1.9): address "Sheet1!A1:B4, Sheet1!D1:D4" (d.ts RangeAreas.address). */
    getRanges() {
      this._ctx._api("1.9", "ConditionalFormat.getRanges");
      const rec = this._rec;
      const sheet = this._sheet;
      return new AreasProxy(this._ctx, () => rec.range.split(",").map((a) => `${quoteSheet(sheet)}!${a.trim()}`));
    }
    delete() {
      this._ctx._op(() => {
        const s = this._ctx._wb.sheets.get(this._sheet);
        // Strict, as Excel: a protected sheet refuses conditional-format changes (the batch fails there).
        if (s.protected) return this._ctx._fail(`AccessDenied: the sheet "${s.name}" is protected; its conditional formats cannot be changed`);
        s.cfs = s.cfs.filter((c) => c.id !== this._rec.id);
      });
    }
  }
  /** A RangeAreas as the add-in reads it: its areas' count and address ("Sheet1!A1:B4, Sheet1!D1:D4"), from `areas()` at sync. */
  class AreasProxy extends ProxyBase {
    constructor(ctx, areas) {
      super(ctx);
      this._areas = areas;
    }
    _read(p) {
      if (p === "areaCount") return this._areas().length;
      if (p === "address") return this._areas().join(", ");
      throw new Error(`fake: RangeAreas.${p} not modelled`);
    }
    get areaCount() {
      return this._get("areaCount");
    }
    get address() {
      return this._get("address");
    }
  }
  class RuleProxy extends ProxyBase {
    constructor(ctx, record, format) {
      super(ctx);
      this._rec = record;
      this._format = format;
    }
    _read(p) {
      // Some formats the user made cannot be read through the API: a rule duplicated in the Rules
      // Manager, or a second "Highlight Cell Rules" rule on the same range (OfficeDev/office-js
      // #6835, #6827, both open): reading the rule fails the whole batch (F9).
      if (this._rec.readError) throw refused(this._rec.readError, "the conditional format's rule cannot be read");
      // `custom` is for a custom format only: through a format of another type the read is refused
      // ("This operation is not permitted for the current object", OfficeDev/office-js #2180).
      if (this._rec.type && this._rec.type !== "Custom") throw refused("InvalidOperation", "This operation is not permitted for the current object");
      if (p === "formula") return this._rec.formula;
      throw new Error(`fake: rule.${p} not modelled`);
    }
    get formula() {
      return this._get("formula");
    }
    set formula(f) {
      if (this._format) this._format._stale("the rule");
      this._ctx._op(() => (this._rec.formula = f));
    }
  }
  class ConditionalFormatCollection extends ProxyBase {
    constructor(ctx, range) {
      super(ctx);
      this._range = range;
    }
    _read(p) {
      if (p.startsWith("items/")) return null;
      throw new Error(`fake: ConditionalFormatCollection.${p} not modelled`);
    }
    _sync() {
      const wantsItems = [...this._pending].some((p) => p.startsWith("items"));
      const props = [...this._pending].filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
      super._sync();
      if (wantsItems) {
        // A format may apply to several ranges ("B2:B10,D2:D10"): it intersects when one of them does.
        const mine = this._intersecting();
        this._items = mine.map((rec) => {
          const cf = new ConditionalFormat(this._ctx, this._range._sheet, rec);
          cf._synced = true;
          props.forEach((p) => {
            if (p.startsWith("custom/rule/") && rec.type === "Custom") {
              cf.custom.rule._synced = true;
              cf.custom.rule._loaded.set(p.slice(12), cf.custom.rule._read(p.slice(12)));
            } else cf._loaded.set(p, cf._read(p));
          });
          return cf;
        });
        this._loaded.set("items", true);
      }
    }
    get items() {
      this._get("items");
      return this._items;
    }
    /**
     * The format at `index` among those that apply to the range, in priority order (ExcelApi 1.6),
     * resolved at sync: with fewer formats than that, the batch fails (ItemNotFound).
     */
    getItemAt(index) {
      this._ctx._api("1.6", "ConditionalFormatCollection.getItemAt");
      const rec = { id: null, type: null, range: "", formula: null };
      this._ctx._op(() => {
        const found = this._intersecting()[index];
        if (!found) return this._ctx._fail(`ItemNotFound: no conditional format at index ${index} of ${this._range._a1}`);
        Object.assign(rec, found);
      });
      return new ConditionalFormat(this._ctx, this._range._sheet, rec);
    }
    _intersecting() {
      const s = this._ctx._wb.sheets.get(this._range._sheet);
      const box = this._range._box();
      // The areas of a format's range, parsed once per range text (a re-check asks for hundreds).
      const boxes = (c) => {
        if (!c._boxes || c._boxesOf !== c.range) Object.defineProperties(c, { _boxes: { value: c.range.split(",").map((area) => parseA1(area.trim())), writable: true, configurable: true }, _boxesOf: { value: c.range, writable: true, configurable: true } });
        return c._boxes;
      };
      return (s ? s.cfs : []).filter((c) => boxes(c).some((b) => b.c1 <= box.c2 && b.c2 >= box.c1 && b.r1 <= box.r2 && b.r2 >= box.r1));
    }
    add(type) {
      const rec = { id: `{CF-${this._ctx._wb.nextCfId++}}`, type, range: this._range._a1, formula: null, fill: null, owner: "add-in" };
      this._ctx._op(() => {
        const s = this._ctx._wb.sheets.get(this._range._sheet);
        if (s.protected) return this._ctx._fail(`AccessDenied: the sheet "${s.name}" is protected`);
        s.cfs.unshift(rec); // "added at the top priority" (d.ts ConditionalFormatCollection.add) (F8)
      });
      return new ConditionalFormat(this._ctx, this._range._sheet, rec);
    }
  }

  class Range extends ProxyBase {
    constructor(ctx, sheet, a1, nullable = false, exists = () => true) {
      super(ctx);
      this._sheet = sheet;
      this._a1 = a1.replace(/\$/g, "").toUpperCase();
      this._nullable = nullable;
      this._existsFn = exists;
      this.format = {
        font: {
          set bold(v) {
            ctx._writes.push({ kind: "format", sheet, a1, bold: v });
          },
        },
        set columnWidth(v) {
          ctx._writes.push({ kind: "columnWidth", sheet, a1, width: v });
        },
      };
    }
    _exists() {
      return this._existsFn();
    }
    _box() {
      return parseA1(this._a1);
    }
    _cells() {
      const b = this._box();
      const out = [];
      for (let r = b.r1; r <= b.r2; r++) {
        const row = [];
        for (let c = b.c1; c <= b.c2; c++) row.push(`${numToCol(c)}${r}`);
        out.push(row);
      }
      return out;
    }
    _read(p) {
      const wb = this._ctx._wb;
      const b = this._box();
      switch (p) {
        case "address":
          return `${quoteSheet(this._sheet)}!${a1Of(b)}`;
        case "cellCount": {
          // More than 2^31 - 1 cells: Excel returns -1 (d.ts Range.cellCount).
          const n = (b.c2 - b.c1 + 1) * (b.r2 - b.r1 + 1);
          return n > 2147483647 ? -1 : n;
        }
        case "rowIndex":
          return b.r1 - 1;
        case "rowCount":
          return b.r2 - b.r1 + 1;
        case "columnCount":
          return b.c2 - b.c1 + 1;
        case "columnIndex":
          return b.c1 - 1;
        case "values":
          return this._cells().map((row) => row.map((k) => {
            const v = wb.valueAt(this._sheet, k);
            // An entity or linked data type reads as #VALUE! (d.ts EntityCellValue.basicValue) (F12).
            if (v && typeof v === "object" && v.entity !== undefined) return "#VALUE!";
            return v && typeof v === "object" && v.error ? v.error : v === null || v === undefined ? "" : v;
          }));
        case "valueTypes":
          return this._cells().map((row) => row.map((k) => {
            const c = wb.cell(this._sheet, k);
            if (c.valueType) return c.valueType; // a test plays "Integer", "RichValue" or "Unknown"
            const v = wb.valueAt(this._sheet, k);
            if (v === null || v === undefined || v === "") return "Empty";
            if (typeof v === "number") return "Double";
            if (typeof v === "boolean") return "Boolean";
            if (typeof v === "object" && (v.error || v.entity !== undefined)) return "Error"; // EntityCellValue.basicType
            return "String";
          }));
        case "numberFormat":
          return this._cells().map((row) => row.map((k) => wb.cell(this._sheet, k).numberFormat || "General"));
        case "text":
          return this._cells().map((row) => row.map((k) => {
            const c = wb.cell(this._sheet, k);
            if (c.text !== undefined) return c.text;
            const v = wb.valueAt(this._sheet, k);
            if (typeof v === "number") {
              // What the cell shows (F12): the number in its format, or #### when the column is too narrow.
              const shown = formatNumber(v, c.numberFormat || "General");
              const width = (wb.sheets.get(this._sheet).widths || {})[k.replace(/\d+/, "")];
              return width !== undefined && shown.length > width ? "#".repeat(Math.max(1, width)) : shown;
            }
            if (v && typeof v === "object" && v.entity !== undefined) return v.entity;
            if (v && typeof v === "object" && v.error) return v.error;
            if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
            return v === null || v === undefined ? "" : String(v);
          }));
        case "formulas":
          return this._cells().map((row) => row.map((k) => {
            const c = wb.cell(this._sheet, k);
            return c.formula ?? (c.value === null || c.value === undefined ? "" : c.value);
          }));
        default:
          throw new Error(`fake: Range.${p} not modelled`);
      }
    }
    get address() {
      return this._get("address");
    }
    get cellCount() {
      return this._get("cellCount");
    }
    get rowIndex() {
      return this._get("rowIndex");
    }
    get columnIndex() {
      return this._get("columnIndex");
    }
    get rowCount() {
      return this._get("rowCount");
    }
    get columnCount() {
      return this._get("columnCount");
    }
    /**
     * The part of the range that holds values (valuesOnly) or values and formats (ExcelApi 1.4),
     * found at sync; a null object when there is none.
     */
    getUsedRangeOrNullObject(valuesOnly) {
      this._ctx._api("1.4", "Range.getUsedRangeOrNullObject");
      const wb = this._ctx._wb;
      const box = this._box();
      const used = new Range(this._ctx, this._sheet, "A1", true, () => {
        const s = wb.sheets.get(this._sheet);
        let u = null;
        for (const [k, c] of s ? s.cells : []) {
          const has = (c.value !== null && c.value !== undefined && c.value !== "") || c.formula || (!valuesOnly && (c.fill || c.numberFormat !== "General"));
          if (!has) continue;
          const p = parseA1(k);
          if (p.c1 < box.c1 || p.c1 > box.c2 || p.r1 < box.r1 || p.r1 > box.r2) continue;
          u = u ? { c1: Math.min(u.c1, p.c1), r1: Math.min(u.r1, p.r1), c2: Math.max(u.c2, p.c1), r2: Math.max(u.r2, p.r1) } : { ...p };
        }
        if (u) used._a1 = a1Of(u);
        return Boolean(u);
      });
      return this._child(used);
    }
    get values() {
      return this._get("values");
    }
    get valueTypes() {
      return this._get("valueTypes");
    }
    get numberFormat() {
      return this._get("numberFormat");
    }
    get text() {
      return this._get("text");
    }
    get formulas() {
      return this._get("formulas");
    }
    /** Write a matrix of the range's shape; false (the batch failing) when the shape differs. */
    _writeMatrix(m, fn) {
      const cells = this._cells();
      if (m.length !== cells.length || m.some((row, i) => row.length !== cells[i].length)) {
        this._ctx._fail(`InvalidArgument: a ${m.length}-row matrix written to ${this._a1}`);
        return false;
      }
      cells.forEach((row, i) => row.forEach((k, j) => fn(k, m[i][j])));
      return true;
    }
    /** The add-in changed the range's data: the change event Excel raises for it (F20). */
    _wroteData() {
      this._ctx._wb._changed(this._sheet, this._a1, "addin");
    }
    /** Strict, as Excel: a value, formula or format written on a protected sheet fails the batch. */
    _refuseProtected() {
      const s = this._ctx._wb.sheets.get(this._sheet);
      if (s && s.protected) {
        this._ctx._fail(`AccessDenied: The cell or chart you're trying to change is on a protected sheet ("${s.name}").`);
        return true;
      }
      return false;
    }
    set values(m) {
      this._ctx._requestBytes += JSON.stringify(m).length;
      this._ctx._writes.push({ kind: "values", sheet: this._sheet, a1: this._a1 });
      this._ctx._op(() => this._refuseProtected() || (this._writeMatrix(m, (k, v) => this._ctx._wb.setCell(`${quoteSheet(this._sheet)}!${k}`, v)) && this._wroteData()));
    }
    set formulas(m) {
      this._ctx._requestBytes += JSON.stringify(m).length;
      this._ctx._writes.push({ kind: "formulas", sheet: this._sheet, a1: this._a1 });
      this._ctx._op(() => this._refuseProtected() || (this._writeMatrix(m, (k, v) => {
        const isFormula = typeof v === "string" && v.startsWith("=");
        const text = typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;
        this._ctx._wb.setCell(`${quoteSheet(this._sheet)}!${k}`, isFormula ? null : text === "" ? null : text, isFormula ? { formula: v } : {});
      }) && this._wroteData()));
    }
    set numberFormat(m) {
      this._ctx._requestBytes += JSON.stringify(m).length;
      this._ctx._op(() =>
        this._writeMatrix(m, (k, f) => {
          const c = this._ctx._wb.cell(this._sheet, k);
          this._ctx._wb.setCell(`${quoteSheet(this._sheet)}!${k}`, c.value ?? null, { numberFormat: f });
        }),
      );
    }
    /** A proxy navigated from this one: from an unresolved null object, the batch fails at sync (strict, see RequestContext.sync). */
    _child(proxy) {
      if (this._nullable) proxy._navigatedFrom = this;
      return proxy;
    }
    getCell(r, c) {
      const b = this._box();
      return this._child(new Range(this._ctx, this._sheet, `${numToCol(b.c1 + c)}${b.r1 + r}`, false, this._existsFn));
    }
    get conditionalFormats() {
      if (!this._cfs) this._cfs = new ConditionalFormatCollection(this._ctx, this);
      return this._cfs;
    }
    get dataValidation() {
      const range = this;
      return {
        set rule(r) {
          range._ctx._op(() => range._ctx._wb.validations.push({ sheet: range._sheet, a1: range._a1, rule: r }));
        },
      };
    }
    get worksheet() {
      const w = this._child(new Worksheet(this._ctx, this._sheet));
      if (this._nullable) w.protection._navigatedFrom = this;
      return w;
    }
    select() {
      this._ctx._op(() => (this._ctx._wb.focusElsewhere ? this._ctx._fail("GeneralException: another workbook has the focus") : this._ctx._wb.select(`${quoteSheet(this._sheet)}!${this._a1}`)));
    }
    getMergedAreasOrNullObject() {
      this._ctx._api("1.13", "Range.getMergedAreasOrNullObject");
      // The merged areas whose top-left cell lies in the range (OfficeDev/office-js #3611).
      const s = this._ctx._wb.sheets.get(this._sheet);
      const box = this._box();
      const hit = s && s.merged.map((m) => m.toUpperCase()).find((m) => {
        const x = parseA1(m);
        return x.c1 >= box.c1 && x.c1 <= box.c2 && x.r1 >= box.r1 && x.r1 <= box.r2;
      });
      return this._child(new Range(this._ctx, this._sheet, hit || this._a1, true, () => Boolean(hit)));
    }
  }

  class Protection extends ProxyBase {
    constructor(ctx, sheet) {
      super(ctx);
      this._sheet = sheet;
    }
    _read(p) {
      if (p === "protected") return Boolean(this._ctx._wb.sheets.get(this._sheet)?.protected);
      throw new Error(`fake: protection.${p} not modelled`);
    }
    get protected() {
      return this._get("protected");
    }
  }

  class Worksheet extends ProxyBase {
    constructor(ctx, name, nullable = false) {
      super(ctx);
      this._name = name;
      this._nullable = nullable;
      this.protection = new Protection(ctx, name);
    }
    _exists() {
      return this._ctx._wb.sheets.has(this._name);
    }
    _read(p) {
      if (p === "name") return this._name;
      throw new Error(`fake: Worksheet.${p} not modelled`);
    }
    get name() {
      return this._get("name");
    }
    /** getRange() without an address is the whole sheet (ExcelApi 1.1). */
    getRange(a1) {
      if (!this._nullable) this._ctx._op(() => !this._ctx._wb.sheets.has(this._name) && this._ctx._fail(`ItemNotFound: sheet ${this._name}`));
      return new Range(this._ctx, this._name, a1 || "A1:XFD1048576", this._nullable, () => this._ctx._wb.sheets.has(this._name));
    }
    /** Occurs when data changes in this worksheet (ExcelApi 1.7). */
    get onChanged() {
      return changeEvent(this._ctx, this._name, "1.7", "Worksheet.onChanged");
    }
    get names() {
      if (!this._names) this._names = new NamedItemCollection(this._ctx, this._name);
      return this._names;
    }
    getRanges(list) {
      const ctx = this._ctx;
      const name = this._name;
      ctx._api("1.9", "Worksheet.getRanges");
      return {
        select() {
          ctx._api("1.18", "RangeAreas.select");
          ctx._op(() => {
            ctx._wb.select(`${quoteSheet(name)}!${list.split(",")[0]}`);
            ctx._wb.selectionAreas = list.split(",").map((x) => `${quoteSheet(name)}!${x.trim()}`);
          });
        },
      };
    }
    activate() {
      this._ctx._op(() => (this._ctx._wb.focusElsewhere ? this._ctx._fail("GeneralException: another workbook has the focus") : (this._ctx._wb.activeSheet = this._name)));
    }
    get tables() {
      const ctx = this._ctx;
      const sheetName = this._name;
      return {
        add(address, hasHeaders) {
          const { sheet, a1 } = splitRef(address.includes("!") ? address : `${quoteSheet(sheetName)}!${address}`);
          if (!hasHeaders) throw new Error("fake: tables without headers not modelled");
          const rec = { name: null, sheet, a1: a1.toUpperCase() };
          ctx._op(() => {
            rec.name = rec.name || `Table${ctx._wb.tables.size + 1}`;
            ctx._wb.tables.set(rec.name.toUpperCase(), rec);
          });
          return {
            set name(n) {
              ctx._op(() => {
                // Table names are unique in the workbook, whatever the sheet; Excel refuses a taken
                // one with a vague InvalidArgument (OfficeDev/office-js #551).
                const taken = ctx._wb.tables.get(n.toUpperCase());
                if (taken && taken !== rec) return ctx._fail("InvalidArgument: The argument is invalid or missing or has an incorrect format.");
                ctx._wb.tables.delete(rec.name.toUpperCase());
                rec.name = n;
                ctx._wb.tables.set(n.toUpperCase(), rec);
              });
            },
            get name() {
              return rec.name;
            },
            columns: {
              getItem(col) {
                // The column is found at sync, after the header row written earlier in the batch.
                return {
                  getDataBodyRange: () => {
                    const r = new Range(ctx, rec.sheet, "A1");
                    ctx._op(() => {
                      try {
                        r._a1 = tableColumn(ctx._wb, rec, col);
                      } catch (e) {
                        ctx._fail(`InvalidArgument: ${e.message}`);
                      }
                    });
                    return r;
                  },
                };
              },
            },
          };
        },
      };
    }
  }

  /** The data body of a table column ("C7:C26"), by its header text. */
  function tableColumn(wb, rec, col) {
    const b = parseA1(rec.a1);
    for (let c = b.c1; c <= b.c2; c++) {
      if (String(wb.cell(rec.sheet, `${numToCol(c)}${b.r1}`).value).toLowerCase() === col.toLowerCase()) return `${numToCol(c)}${b.r1 + 1}:${numToCol(c)}${b.r2}`;
    }
    throw Object.assign(new Error(`fake: no column ${col} in table ${rec.name}`), { excel: "#REF!" });
  }

  /**
   * Split a formula's text at top-level separators (outside quotes, parentheses and brackets):
   * `isSep(ch, cur)` says whether `ch` separates, given the text of the piece so far. Each piece
   * with the separator before it (null for the first).
   */
  function splitTop(text, isSep) {
    const out = [];
    let depth = 0, quote = null, cur = "", sep = null;
    for (const ch of text) {
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "(" || ch === "[") depth++;
      else if (ch === ")" || ch === "]") depth--;
      else if (depth === 0 && isSep(ch, cur)) {
        out.push({ sep, text: cur.trim() });
        sep = ch;
        cur = "";
        continue;
      }
      cur += ch;
    }
    out.push({ sep, text: cur.trim() });
    return out;
  }

  /** Split a formula's arguments at top-level commas (outside quotes and brackets). */
  function splitArgs(s) {
    const parts = splitTop(s, (ch) => ch === ",").map((p) => p.text);
    if (!parts[parts.length - 1]) parts.pop();
    return parts;
  }

  /** A reference ("$B$2", "'Haircut schedule'!$J$7", "J7:J15") as [sheet, a1]. */
  function refOf(sheet, text) {
    const i = text.lastIndexOf("!");
    if (i < 0) return [sheet, text.replace(/\$/g, "")];
    let s = text.slice(0, i);
    if (s.startsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
    return [s, text.slice(i + 1).replace(/\$/g, "")];
  }

  /** Evaluate one argument: a matrix for ranges and table columns, a scalar otherwise. */
  function evalArg(wb, sheet, a, depth) {
    if (/^".*"$/.test(a)) return a.slice(1, -1);
    // A nested call (SIGN(SUMIFS(...))) is a formula of its own.
    if (/^[A-Za-z][\w.]*\(.*\)$/.test(a) && !/^[A-Za-z_][\w.]*\[/.test(a)) return evalFormula(wb, sheet, a, depth);
    if (/^-?\d+(\.\d+)?$/.test(a)) return Number(a);
    const t = /^([A-Za-z_][\w.]*)\[([^\]]+)\]$/.exec(a);
    if (t) {
      const rec = wb.tables.get(t[1].toUpperCase());
      if (!rec) throw Object.assign(new Error(`no table ${t[1]}`), { excel: "#REF!" });
      const b = parseA1(tableColumn(wb, rec, t[2]));
      const out = [];
      for (let r = b.r1; r <= b.r2; r++) out.push([blankToNull(wb.valueAt(rec.sheet, `${numToCol(b.c1)}${r}`, depth))]);
      return out;
    }
    const [s, a1] = refOf(sheet, a);
    if (a1.includes(":")) {
      const b = parseA1(a1);
      // A whole column ($C:$C) is read to the sheet's last used row (what Excel's result equals; a
      // million blank rows would only cost time).
      if (b.r2 === 1048576) {
        const rows = [...(wb.sheets.get(s)?.cells.keys() ?? [])].map((k) => Number(/\d+$/.exec(k)?.[0] ?? 0));
        b.r2 = Math.max(b.r1, ...rows);
      }
      const out = [];
      for (let r = b.r1; r <= b.r2; r++) {
        const row = [];
        for (let c = b.c1; c <= b.c2; c++) row.push(blankToNull(wb.valueAt(s, `${numToCol(c)}${r}`, depth)));
        out.push(row);
      }
      return out;
    }
    if (/^[A-Z]+\d+$/i.test(a1)) return blankToNull(wb.valueAt(s, a1.toUpperCase(), depth));
    const name = wb.names.get(a.toUpperCase());
    if (name) {
      const [ns, na1] = refOf(sheet, name.ref);
      return blankToNull(wb.valueAt(ns, na1.toUpperCase(), depth));
    }
    throw Object.assign(new Error(`cannot evaluate ${a}`), { excel: "#NAME?" });
  }

  function blankToNull(v) {
    return v === undefined || v === "" ? null : v;
  }

  /** Evaluate a formula (without its "="): a sum of terms, each a function call or an argument. */
  function evalFormula(wb, sheet, f, depth) {
    let total = 0;
    let single = null;
    const terms = splitTerms(f);
    for (const signed of terms) {
      const negative = signed.startsWith("-");
      const term = negative ? signed.slice(1).trim() : signed;
      const call = /^([A-Za-z][\w.]*)\((.*)\)$/.exec(term);
      const factors = splitFactors(term);
      let v;
      if (factors.length > 1) {
        // A product or quotient of factors (SUMIFS(...)*0.6, 1500*SIGN(...)), left to right.
        v = 1;
        for (const { op, text } of factors) {
          const x = evalFormula(wb, sheet, text, depth);
          if (x && typeof x === "object" && x.error) return x;
          const n = typeof x === "number" ? x : 0;
          if (op === "/" && n === 0) return { error: "#DIV/0!" };
          v = op === "/" ? v / n : v * n;
        }
      } else if (term.startsWith("(") && term.endsWith(")")) v = evalFormula(wb, sheet, term.slice(1, -1), depth);
      else if (call) {
        const fn = call[1].toUpperCase();
        const args = splitArgs(call[2]).map((x) => evalArg(wb, sheet, x, depth));
        if (fn === "N") v = typeof args[0] === "number" ? args[0] : 0;
        else if (fn === "SIGN") v = typeof args[0] === "number" ? Math.sign(args[0]) : 0;
        else if (fn === "SUM") v = args.flat(2).reduce((a, x) => a + (typeof x === "number" ? x : 0), 0);
        else if (fn === "SUMIFS") {
          const [sum, crit, want] = [args[0].flat(), args[1].flat(), String(args[2])];
          const hit = want.endsWith("*") ? (c) => String(c ?? "").startsWith(want.slice(0, -1)) : (c) => String(c ?? "") === want;
          v = sum.reduce((a, x, i) => a + (hit(crit[i]) && typeof x === "number" ? x : 0), 0);
        }
        else if (fn.startsWith("FOCUS.") && wb.functions[fn.slice(6)]) {
          try {
            v = wb.functions[fn.slice(6)](...args);
          } catch (e) {
            return { error: e && e.code ? e.code : "#VALUE!" };
          }
        } else throw Object.assign(new Error(`no function ${fn}`), { excel: "#NAME?" });
      } else v = evalArg(wb, sheet, term, depth);
      if (v && typeof v === "object" && v.error) return v;
      if (negative && typeof v === "number") v = -v;
      if (terms.length === 1) single = v;
      else total += typeof v === "number" ? v : 0;
    }
    return terms.length === 1 ? single : total;
  }

  /** Split a term at top-level "*" and "/" (outside quotes and parentheses): [{ op, text }], the first with op "*". */
  function splitFactors(term) {
    return splitTop(term, (ch) => ch === "*" || ch === "/").map((p) => ({ op: p.sep ?? "*", text: p.text }));
  }

  /** Split at top-level "+" and "-" signs (not a sign opening a term); a term keeps its "-". */
  function splitTerms(f) {
    return splitTop(f, (ch, cur) => (ch === "+" || ch === "-") && cur.trim() !== "").map((p) => (p.sep === "-" ? `-${p.text}` : p.text));
  }

  /**
   * An event of the workbook as Office.js offers it: `add(handler)` registers at the next sync and
   * returns the handler's result (`remove()` unregisters at the next sync of the same context).
   */
  function changeEvent(ctx, sheet, version, member) {
    return {
      add(handler) {
        ctx._api(version, member);
        const rec = { sheet, handler };
        ctx._op(() => ctx._wb.changeHandlers.push(rec));
        return {
          context: ctx,
          remove() {
            ctx._op(() => {
              const i = ctx._wb.changeHandlers.indexOf(rec);
              if (i >= 0) ctx._wb.changeHandlers.splice(i, 1);
            });
          },
        };
      },
    };
  }

  class WorksheetCollection extends ProxyBase {
    /** Occurs when any worksheet in the workbook is changed (ExcelApi 1.9). */
    get onChanged() {
      return changeEvent(this._ctx, null, "1.9", "WorksheetCollection.onChanged");
    }
    _read(p) {
      if (p === "items/name") return null;
      throw new Error(`fake: WorksheetCollection.${p} not modelled`);
    }
    _sync() {
      const wants = this._pending.has("items/name");
      super._sync();
      if (wants) {
        this._items = [...this._ctx._wb.sheets.keys()].map((n) => {
          const w = new Worksheet(this._ctx, n);
          w._synced = true;
          w._loaded.set("name", n);
          return w;
        });
        this._loaded.set("items", true);
      }
    }
    get items() {
      this._get("items");
      return this._items;
    }
    getItem(name) {
      // Resolved at sync, after the operations queued before it (a sheet added in this batch exists).
      this._ctx._op(() => !this._ctx._wb.sheets.has(name) && this._ctx._fail(`ItemNotFound: sheet ${name}`));
      return new Worksheet(this._ctx, name);
    }
    getItemOrNullObject(name) {
      return new Worksheet(this._ctx, name, true);
    }
    add(name) {
      this._ctx._op(() => (this._ctx._wb.sheets.has(name) ? this._ctx._fail(`ItemAlreadyExists: sheet ${name}`) : this._ctx._wb.addSheet(name)));
      return new Worksheet(this._ctx, name);
    }
    getActiveWorksheet() {
      return new Worksheet(this._ctx, this._ctx._wb.activeSheet);
    }
  }

  /** The workbook's tables (ExcelApi 1.1): their names, loaded as `items/name`. */
  class TableCollection extends ProxyBase {
    _read(p) {
      if (p === "items/name") return null;
      throw new Error(`fake: TableCollection.${p} not modelled`);
    }
    _sync() {
      const wants = this._pending.has("items/name");
      super._sync();
      if (wants) {
        this._items = [...this._ctx._wb.tables.values()].map((t) => ({ name: t.name }));
        this._loaded.set("items", true);
      }
    }
    get items() {
      this._get("items");
      return this._items;
    }
  }

  class NamedItem extends ProxyBase {
    constructor(ctx, name, nullable = false, scope = null) {
      super(ctx);
      this._key = name.toUpperCase();
      this._nullable = nullable;
      this._scope = scope;
    }
    _map() {
      return this._scope === null ? this._ctx._wb.names : this._ctx._wb.sheetNames.get(this._scope) || new Map();
    }
    _rec() {
      return this._map().get(this._key);
    }
    _exists() {
      return Boolean(this._rec());
    }
    _read(p) {
      const r = this._rec();
      if (!r) throw new Error(`ItemNotFound: name ${this._key}`);
      switch (p) {
        case "name":
          return r.name;
        case "type": {
          // The type of the value the name's formula returns (d.ts NamedItem.type): cells and
          // formulas returning cells (OFFSET, INDIRECT) are "Range"; #REF! is "Error".
          const t = String(r.ref).replace(/^=/, "");
          if (/#REF!/.test(t)) return "Error";
          if (referenceAreas(t) || /^(OFFSET|INDIRECT|INDEX)\(/i.test(t)) return "Range";
          if (typeof r.ref === "number" || /^-?\d+(\.\d+)?$/.test(t)) return "Double";
          if (/^(TRUE|FALSE)$/i.test(t)) return "Boolean";
          return "String";
        }
        case "value":
          return String(r.ref).replace(/^=/, "");
        case "formula":
          return `=${String(r.ref).replace(/^=/, "")}`;
        case "comment":
          return r.comment;
        default:
          throw new Error(`fake: NamedItem.${p} not modelled`);
      }
    }
    get name() {
      return this._get("name");
    }
    get type() {
      return this._get("type");
    }
    get value() {
      return this._get("value");
    }
    get comment() {
      return this._get("comment");
    }
    get formula() {
      return this._get("formula");
    }
    delete() {
      this._ctx._op(() => !this._map().delete(this._key) && this._ctx._fail(`ItemNotFound: name ${this._key}`));
    }
    /**
     * The range the name refers to (ExcelApi 1.3). "Throws an error if the named item's type is not a
     * range" (d.ts NamedItem.getRange): a name on a formula, on #REF! or on several areas fails the batch.
     */
    getRange() {
      const r = this._rec();
      const areas = r && !/#REF!/.test(r.ref) ? referenceAreas(r.ref) : null;
      if (!areas || areas.length !== 1) {
        this._ctx._fail(`InvalidArgument: the name ${this._key} is not a range`);
        return new Range(this._ctx, "?", "A1");
      }
      const { sheet, a1 } = splitRef(areas[0]);
      this._ctx._op(() => !this._ctx._wb.sheets.has(sheet) && this._ctx._fail(`ItemNotFound: sheet ${sheet}`));
      return new Range(this._ctx, sheet, a1);
    }
    getRangeOrNullObject() {
      // One area only: a name on several areas, or on a formula, resolves to a null object
      // (xlwings-server #224 / 509617b: "Names pointing to multiple Ranges return null").
      const r = this._rec();
      const areas = r && !/#REF!/.test(r.ref) ? referenceAreas(r.ref) : null;
      if (!areas || areas.length !== 1) return new Range(this._ctx, "?", "A1", true, () => false);
      const { sheet, a1 } = splitRef(areas[0]);
      return new Range(this._ctx, sheet, a1, true, () => this._ctx._wb.sheets.has(sheet));
    }
  }

  class NamedItemCollection extends ProxyBase {
    constructor(ctx, scope = null) {
      super(ctx);
      this._scope = scope;
    }
    _map() {
      return this._scope === null ? this._ctx._wb.names : this._ctx._wb.sheetNames.get(this._scope) || new Map();
    }
    _read() {
      return null;
    }
    _sync() {
      const props = [...this._pending].filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
      const wants = [...this._pending].some((p) => p.startsWith("items"));
      super._sync();
      if (wants) {
        this._items = [...this._map().values()].map((r) => {
          const n = new NamedItem(this._ctx, r.name, false, this._scope);
          n._synced = true;
          props.forEach((p) => n._loaded.set(p, n._read(p)));
          return n;
        });
        this._loaded.set("items", true);
      }
    }
    get items() {
      this._get("items");
      return this._items;
    }
    add(name, reference, comment) {
      const key = name.toUpperCase();
      const ref = typeof reference === "string" ? reference.replace(/^=/, "") : `${quoteSheet(reference._sheet)}!${reference._a1.split(":").map((x) => x.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")).join(":")}`;
      // Excel's name rules (F14): a letter, "_" or "\\" first, then letters, digits, "_", "." or "\\";
      // no spaces; not a cell reference ("AB12", "R1C1").
      const valid = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*([Cc]\d*)?$/.test(name) && name.length <= 255;
      this._ctx._op(() => {
        const map = this._map();
        if (!valid) return this._ctx._fail(`InvalidArgument: "${name}" is not a valid name`);
        if (map.has(key)) return this._ctx._fail(`ItemAlreadyExists: the name ${name}`);
        if (this._scope !== null && !this._ctx._wb.sheetNames.has(this._scope)) this._ctx._wb.sheetNames.set(this._scope, new Map());
        (this._scope === null ? this._ctx._wb.names : this._ctx._wb.sheetNames.get(this._scope)).set(key, { name, ref, comment: comment || "" });
      });
      return new NamedItem(this._ctx, name);
    }
    getItemOrNullObject(name) {
      return new NamedItem(this._ctx, name, true);
    }
    getItem(name) {
      if (!this._ctx._wb.names.has(name.toUpperCase())) this._ctx._fail(`ItemNotFound: name ${name}`);
      return new NamedItem(this._ctx, name);
    }
  }

  /** A request context over a FakeWorkbook: context.sync() resolves loads and counts. */
  class RequestContext {
    constructor(wb) {
      this._wb = wb;
      this._objects = [];
      this._errors = [];
      this._ops = [];
      this._writes = [];
      this._requestBytes = 0;
      this.syncCount = 0;
      const ctx = this;
      // context.runtime (ExcelApi 1.8): enableEvents is set like any property, at the next sync.
      this.runtime = {};
      Object.defineProperty(this.runtime, "enableEvents", {
        get() {
          throw new Error("PropertyNotLoaded: runtime.enableEvents (the fake does not model reading it)");
        },
        set(v) {
          ctx._api("1.8", "Runtime.enableEvents");
          ctx._op(() => (wb.eventsEnabled = Boolean(v)));
        },
      });
      this.trackedObjects = { add() {}, remove() {} };
      this.workbook = {
        names: new NamedItemCollection(ctx),
        worksheets: new WorksheetCollection(ctx),
        tables: new TableCollection(ctx),
        settings: new SettingCollection(ctx),
        application: { suspendApiCalculationUntilNextSync() {} },
        /** The selection as areas (ExcelApi 1.9): their count and address "Sheet1!A1:B4, Sheet1!D1:D4". */
        getSelectedRanges() {
          ctx._api("1.9", "Workbook.getSelectedRanges");
          if (wb.focusElsewhere) ctx._op(() => ctx._fail("InvalidSelection: the current selection is invalid for this operation"));
          const areas = wb.selectionAreas && wb.selectionAreas.length ? wb.selectionAreas : [wb.selection || `${quoteSheet(wb.activeSheet)}!A1`];
          return new AreasProxy(ctx, () => areas);
        },
        getSelectedRange() {
          // Another workbook has the focus: Excel fails the batch with InvalidSelection (F15). So it
          // does when several areas are selected ("If there are multiple ranges selected, this
          // method will throw an error", d.ts Workbook.getSelectedRange).
          if (wb.focusElsewhere || (wb.selectionAreas && wb.selectionAreas.length > 1)) ctx._op(() => ctx._fail("InvalidSelection: the current selection is invalid for this operation"));
          const { sheet, a1 } = splitRef(wb.selection || `${quoteSheet(wb.activeSheet)}!A1`);
          return new Range(ctx, sheet, a1);
        },
      };
    }
    _fail(message) {
      this._errors.push(message);
    }
    /** Whether the next sync has anything to send: an error, an operation, a load, or a null object to resolve. */
    _hasActions() {
      return this._errors.length > 0 || this._ops.length > 0 || this._objects.some((o) => o._pending.size > 0 || (o._nullable && !o._synced));
    }
    /** Queue an operation: like Office.js, nothing changes in the workbook until sync(), then in order. */
    _op(fn) {
      this._ops.push(fn);
    }
    /** A member of ExcelApi `version`: above the host's level the batch fails with ApiNotFound. */
    _api(version, member) {
      if (!this._wb.supports("ExcelApi", version)) this._fail(`ApiNotFound: ${member} needs ExcelApi ${version}; this host has ${this._wb.excelApi}`);
    }
    async sync() {
      this.syncCount++;
      this._wb.syncs++;
      await Promise.resolve();
      // Strict: a proxy navigated from a null object (getCell, worksheet, ...) fails the batch.
      for (const o of this._objects) {
        const from = o._navigatedFrom;
        if (from && from._nullable && !from._exists()) {
          this._fail("InvalidObjectPath: a method or property was used on a null object (navigate only after isNullObject is known)");
          break;
        }
      }
      // Errors known when the batch was built (a member the host lacks, navigation from a null
      // object) fail it before anything runs. Then the operations run in the order they were
      // queued; the first that fails stops the batch, the later ones never run (whether Excel keeps
      // the earlier ones is not documented: the fake keeps them).
      const fail = () => {
        const e = new Error(this._errors.join("; "));
        e.code = this._errors[0].split(":")[0];
        this._errors = [];
        this._ops = [];
        this._objects = [];
        throw e;
      };
      // Excel on the web: a request above the payload limit is refused before anything runs (F16;
      // codes and messages from office.js, CoreErrorCodes and L_RequestPayloadSizeLimitExceededMessage).
      const requestBytes = this._requestBytes;
      this._requestBytes = 0;
      if (this._wb.payloadLimit && requestBytes > this._wb.payloadLimit) this._fail("RequestPayloadSizeLimitExceeded: The request payload size has exceeded the limit.");
      if (this._errors.length) fail();
      for (const op of this._ops.splice(0)) {
        op();
        if (this._errors.length) fail();
      }
      // Then what was loaded; a read Excel refuses (F9) fails the whole batch: nothing loaded in it arrives.
      const objects = this._objects.splice(0);
      const before = objects.map((o) => [new Map(o._loaded), o._synced, o._isNull, o._items]);
      try {
        let responseBytes = 0;
        for (const o of objects) {
          const props = [...o._pending];
          o._sync();
          if (this._wb.payloadLimit) responseBytes += JSON.stringify(props.map((p) => (o._loaded.has(p) ? o._loaded.get(p) : null))).length + (props.some((p) => p.startsWith("items")) ? JSON.stringify(o._items || []).length : 0);
        }
        if (this._wb.payloadLimit && responseBytes > this._wb.payloadLimit) throw refused("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      } catch (e) {
        if (!e || !e.excelCode) throw e;
        objects.forEach((o, i) => {
          [o._loaded, o._synced, o._isNull, o._items] = before[i];
          o._pending.clear();
        });
        this._errors.push(e.message);
        fail();
      }
    }
  }

  /** An Excel global for the browser: Excel.run over a FakeWorkbook. */
  function excelGlobal(wb) {
    return {
      run: async (arg1, arg2) => {
        const cb = typeof arg1 === "function" ? arg1 : arg2;
        const options = typeof arg1 === "function" ? {} : arg1 || {};
        // The user is editing a cell (F16): without delayForCellEdit Excel fails the batch at once;
        // with it, the batch waits until the edit ends (learn.microsoft.com, "Delay execution while
        // cell is being edited").
        if (wb.cellEditMode) {
          if (!options.delayForCellEdit) {
            throw Object.assign(new Error("InvalidOperationInCellEditMode: Excel is in cell-editing mode"), { code: "InvalidOperationInCellEditMode" });
          }
          await new Promise((resolve) => wb.editWaiters.push(resolve));
        }
        const ctx = new RequestContext(wb);
        const r = await cb(ctx);
        // Excel.run ends with context.sync(), which goes to Excel only when something is queued
        // (office.js ClientRequestContext.syncPrivate: "if (!req.hasActions) return
        // this.processPendingEventHandlers(req)"): an empty final sync is no round trip, and not counted.
        if (ctx._hasActions()) await ctx.sync();
        return r;
      },
      ConditionalFormatType: { custom: "Custom" },
    };
  }

  const api = { FakeWorkbook, RequestContext, excelGlobal, parseA1, a1Of, referenceAreas };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.FakeExcel = api;
})(typeof window !== "undefined" ? window : globalThis);
