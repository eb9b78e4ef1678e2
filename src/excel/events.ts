/**
 * The add-in's own edits raise no change event (Check as I edit must not check again because the
 * add-in wrote a formula). Two guards, both without a sync of their own:
 * - the writes of Build, Insert FOCUS sheet, the haircut schedule and the map column are queued
 *   between `eventsOff` and `eventsOn`, so Excel runs them while the add-in's events are off
 *   (`context.runtime.enableEvents`, ExcelApi 1.8: "Toggle JavaScript events in the current task
 *   pane or content add-in");
 * - from ExcelApi 1.14 an event says who made the change: `ownChange` is true for
 *   `triggerSource` "ThisLocalAddin" ("the event is triggered by the Office JS API of the current
 *   add-in", d.ts EventTriggerSource).
 */

/** Queue: the add-in's events off, for the writes queued next (they run in order at the next sync). */
export function eventsOff(context: Excel.RequestContext): void {
  context.runtime.enableEvents = false;
}

/** Queue: the add-in's events on again, after the writes queued before it. */
export function eventsOn(context: Excel.RequestContext): void {
  context.runtime.enableEvents = true;
}

/**
 * Sync the writes queued between `eventsOff` and `eventsOn`. When Excel refuses one of them, the
 * rest of the batch never runs, `eventsOn` with it: the events are turned on again in a sync of
 * their own (only then), and the refusal is thrown as it came.
 */
export async function syncQuietWrites(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    eventsOn(context);
    await context.sync().catch(() => undefined);
    throw e;
  }
}

/** The change was made by this add-in's own API call (ExcelApi 1.14's triggerSource; older hosts do not say). */
export function ownChange(args: { triggerSource?: string }): boolean {
  return args.triggerSource === "ThisLocalAddin";
}
