/**
 * The rule catalogue of each form.
 */
import type { FormId } from "../catalogue/types";
import { PART_II_RULES } from "./part-ii";
import type { Rule } from "./types";

/** Every rule of a form, in form order. Throws Error for a form whose rules are not built yet. */
export function rulesFor(form: FormId): readonly Rule[] {
  if (form === "part-ii") return PART_II_RULES;
  throw new Error(`the ${form} rules are not available yet`);
}
