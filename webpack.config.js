/*
 * Builds the add-in: one page (taskpane.html) that hosts the task pane and the custom functions
 * in a shared runtime, functions.json generated from the functions' JSDoc, the icons and the
 * manifest. `npm run build` is the production build: dist/manifest.xml then points at
 * FOCUS_ADDIN_URL (default below) instead of https://localhost:3000/.
 */
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { PROD_URL: urlProd, productionManifest } = require("./scripts/manifest-urls");

/** HTTPS options from the Office dev certificates (installed on first use), only for `webpack serve`. */
async function devServerHttps() {
  const devCerts = require("office-addin-dev-certs");
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  if (!/^https:\/\//.test(urlProd)) throw new Error(`FOCUS_ADDIN_URL must be an https URL (got ${urlProd})`);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      // The pane's bundle shares the functions' chunk, so the page loads one copy of decimal.js.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
      // The review pack's dialog (Office on the desktop and Mac, where the pane cannot download).
      "review-dialog": "./src/taskpane/review-dialog.ts",
    },
    output: { path: path.resolve(__dirname, "dist"), clean: true, filename: "[name].js" },
    resolve: {
      extensions: [".ts", ".js"],
      // The pane reads a CSV report chosen from disk with csv-parse's browser build (its package
      // exports do not name it).
      alias: { "csv-parse/browser-sync$": path.resolve(__dirname, "node_modules/csv-parse/dist/esm/sync.js") },
    },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.webpack.json" } } }],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["functions", "taskpane"] }),
      new HtmlWebpackPlugin({ filename: "review.html", template: "./src/taskpane/review.html", chunks: ["review-dialog"] }),
      // The version the review pack's cover names.
      new webpack.DefinePlugin({ __FOCUS_VERSION__: JSON.stringify(require("./package.json").version) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/support/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : productionManifest(content.toString());
            },
          },
        ],
      }),
    ],
    devServer: env.WEBPACK_SERVE
      ? {
          port: 3000,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await devServerHttps() },
          static: { directory: path.resolve(__dirname, "dist") },
        }
      : undefined,
  };
};
