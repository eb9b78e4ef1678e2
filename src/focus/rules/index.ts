/**
 * The rule catalogue of each form.
 */
import type { FormId } from "../catalogue/types";
import { PART_II_RULES } from "./part-ii";
import { PART_IIA_RULES } from "./part-iia";
import type { Rule } from "./types";

/** Every rule of a form, in form order. Throws Error for an unknown form. */
export function rulesFor(form: FormId): readonly Rule[] {
  if (form === "part-ii") return PART_II_RULES;
  if (form === "part-iia") return PART_IIA_RULES;
  throw new Error(`unknown form "${form as string}"`);
}
