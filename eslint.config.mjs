// ESLint (flat config): TypeScript rules everywhere, the Office.js rules of
// eslint-plugin-office-addins where the code talks to Excel, and the boundaries of the layout:
// the engine (src/focus) uses no Office, DOM or Node API and imports no host code.
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const officeRules = Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "error"]));

export default tseslint.config(
  { ignores: ["build/", "dist/", "node_modules/", "test-output/", "coverage/", ".ci-out/", "test/fakes/", "src/focus/catalogue/part-ii.rows.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/excel/**/*.ts", "src/taskpane/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
  {
    files: ["src/focus/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Office", "Excel", "OfficeExtension", "OfficeRuntime", "CustomFunctions", "document", "window", "process", "localStorage", "fetch"],
      "no-restricted-imports": [
        "error",
        { patterns: ["../excel/*", "../../excel/*", "../cli/*", "../../cli/*", "../taskpane/*", "../functions/*", "fs", "path", "os", "node:*", "exceljs", "commander", "csv-parse*"] },
      ],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      // Custom-function parameters are what Excel passes: `any` is the metadata type for "a cell of any kind".
      "@typescript-eslint/no-explicit-any": "off",
      "no-restricted-imports": ["error", { patterns: ["../excel/*", "../cli/*", "../taskpane/*", "fs", "path", "node:*", "exceljs"] }],
    },
  },
  {
    files: ["scripts/**/*.js", "bin/**/*.js", "webpack.config.js", "jest.config.js", "test/stubs/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
