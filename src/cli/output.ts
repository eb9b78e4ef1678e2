/**
 * Writing a file the command makes (`focus build -o`, `focus template`, `focus review -o`): an
 * output never destroys an input, never replaces a file the user did not say to replace, and is
 * written atomically, so an interrupted or failed write leaves the old file (or none) as it was.
 *
 * - The output is compared with every input by resolved real path (a symlink, `./x.csv` or a
 *   relative path naming the same file does not slip through): writing over an input is refused,
 *   even with --force.
 * - An existing file is refused unless `force` (the command's --force).
 * - The data goes to a temporary file in the same folder (`.NAME.PID.RANDOM.tmp`), is flushed to
 *   disk, then renamed over the output: rename within one folder is atomic on POSIX and Windows
 *   file systems, so the output is either the old file or the whole new one. On failure the
 *   temporary file is removed.
 * - Every file-system error is an UnusableInput (exit 2) naming the file, in words: a missing
 *   folder, a read-only folder, a directory where the file should go, a full disk.
 */
import * as fs from "fs";
import * as path from "path";
import { UnusableInput } from "./errors";

/** What a file-system error code means, in words, for a message. */
export function fsProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      return "it does not exist";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is exhausted";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open";
    case "EIO":
      return "an input/output error";
    default:
      return err?.code ? `${err.code}` : String((e as Error)?.message ?? e);
  }
}

/** The real path of a file that may not exist yet: its folder's real path and its name. Null when the folder does not exist. */
function realTarget(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(path.resolve(file))), path.basename(file));
    } catch {
      return null;
    }
  }
}

/** How an output may be written. */
export interface OutputOptions {
  /** The files the command reads: the output may never be one of them. */
  inputs: readonly string[];
  /** Replace an existing output (never an input). */
  force?: boolean;
}

/**
 * Check that `out` can be written, before any work: not an input, not an existing file (unless
 * force), not a folder, in a folder that exists. Throws UnusableInput (exit 2) saying why.
 */
export function checkOutput(out: string, opts: OutputOptions): void {
  const dir = path.dirname(path.resolve(out));
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (e) {
    throw new UnusableInput(`${out} cannot be written: the folder ${dir} ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist; create it first" : `cannot be used (${fsProblem(e)})`}.`);
  }
  if (!dirStat.isDirectory()) throw new UnusableInput(`${out} cannot be written: ${dir} is a file, not a folder.`);
  const target = realTarget(out);
  for (const input of opts.inputs) {
    const real = realTarget(input);
    if (target && real && target === real) {
      throw new UnusableInput(`${out} is one of the inputs (${input}); the command never writes over its input. Name another output file.`);
    }
  }
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(out);
  } catch {
    st = null;
  }
  if (st?.isDirectory()) throw new UnusableInput(`${out} is a folder; name the file to write.`);
  if (st && !opts.force) throw new UnusableInput(`${out} exists; the command does not replace a file unless told to: add --force, or name another file.`);
}

/**
 * Write `data` to `out` atomically (temporary file in the same folder, flushed, renamed into
 * place), after `checkOutput`. Throws UnusableInput naming the file and the reason; the old file,
 * if any, is then untouched and no temporary file is left.
 */
export function writeOutput(out: string, data: string | Uint8Array, opts: OutputOptions): void {
  checkOutput(out, opts);
  const dir = path.dirname(path.resolve(out));
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, "wx", 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, out);
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing: the first error is the one to say */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* not created, or already gone */
    }
    throw new UnusableInput(`${out} cannot be written: ${fsProblem(e)}; nothing was written${opts.force ? " and the old file is as it was" : ""}.`);
  }
}
