/**
 * Where each catalogue entry's code was read, and the draft catalogue's note: the provenance the
 * CLI's `focus items` shows. Kept out of the core catalogue so the add-in's bundle does not carry
 * it (nothing in the add-in imports this module).
 */
import { catalogue } from "./catalogue";
import { PART_II_ROWS_PROVENANCE } from "./part-ii.provenance";
import { PART_IIA_ROWS_PROVENANCE } from "./part-iia.provenance";
import type { FormId } from "./types";

const TABLES = { "part-ii": PART_II_ROWS_PROVENANCE, "part-iia": PART_IIA_ROWS_PROVENANCE } as const;

/** An item's provenance: the source its code was read in, and the draft's note. */
export interface Provenance {
  source: string;
  note: string;
}

/**
 * The provenance of an item (its first line on the form), with the reason for a "shared"
 * confirmation appended; null for a code not on the form.
 */
export function provenance(form: FormId, code: string): Provenance | null {
  const cat = catalogue(form);
  const item = cat.get(code);
  if (!item) return null;
  const t = TABLES[form];
  const i = cat.rows.findIndex((r) => r.code === code);
  const [s, n] = t.rows[i];
  const source = item.confirmedBy ? `${t.sources[s]}; ${item.confirmedBy}` : t.sources[s];
  return { source, note: t.notes[n] };
}
