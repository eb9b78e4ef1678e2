// csv-parse's self-contained browser build (dist/esm/sync.js, with its own Buffer), which
// webpack.config.js aliases as "csv-parse/browser-sync": the same API as csv-parse/sync.
declare module "csv-parse/browser-sync" {
  export { parse } from "csv-parse/sync";
}
