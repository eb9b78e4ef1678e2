/**
 * The mapping call pattern under office-addin-mock: the selection is loaded and synced before it
 * is read (the mock returns an error string for a property read too early, which would make the
 * one-cell check fail), and one name is created with the item's label as its comment.
 *
 * The mock has no collections and no null objects (an unloaded isNullObject reads as a truthy
 * error string), so remapping and unmapping, which depend on null objects, are tested against the
 * fake host in excel-adapter.test.ts instead.
 */
import { OfficeMockObject } from "office-addin-mock";
import { mapSelection, MappingError } from "../src/excel/mapping";

function mockContext(selection: { address: string; cellCount: number }, existing: { isNullObject: boolean; value?: string }) {
  const added: unknown[][] = [];
  const deleted: string[] = [];
  const data = {
    context: {
      workbook: {
        selected: { ...selection },
        getSelectedRange: function () {
          return this.selected;
        },
        names: {
          existing: {
            value: "",
            ...existing,
            delete: function () {
              deleted.push("FOCUS_3750");
            },
          },
          getItemOrNullObject: function (name: string) {
            expect(name).toBe("FOCUS_3750");
            return this.existing;
          },
          add: function (...args: unknown[]) {
            added.push(args);
          },
        },
      },
    },
  };
  const mock = new OfficeMockObject(data) as unknown as { context: Excel.RequestContext };
  return { context: mock.context, added, deleted };
}

test("mapSelection loads the selection and the existing name, syncs, then adds the name", async () => {
  const { context, added, deleted } = mockContext({ address: "Sheet1!C3", cellCount: 1 }, { isNullObject: true });
  const r = await mapSelection(context, "part-ii", "3750");
  expect(r.address).toBe("Sheet1!C3");
  expect(deleted).toEqual([]);
  expect(added.length).toBe(1);
  expect(added[0][0]).toBe("FOCUS_3750");
  expect(added[0][2]).toBe("3750: Net capital (line 8 minus line 12)");
});

test("a multi-cell selection is refused before anything is written", async () => {
  const { context, added } = mockContext({ address: "Sheet1!A1:B2", cellCount: 4 }, { isNullObject: true });
  await expect(mapSelection(context, "part-ii", "3750")).rejects.toBeInstanceOf(MappingError);
  expect(added).toEqual([]);
});
