// ESLint for every TypeScript file outside contracts: the dApp, the SDK, the scripts, the browser tests and the
// contract tests' helpers. typescript-eslint with type information (one TypeScript program per tsconfig, through its
// project service), React's hook rules for the dApp, and the layering of ARCHITECTURE.md as import boundaries.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const FRONTEND = "frontend/src";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "sdk/src/generated/**",
      "artifacts/**",
      "cache/**",
      "coverage/**",
      "types/**",
      "ignition/deployments/**",
      "e2e/artifacts/**",
      "test-results/**",
      ".souk/**",
      // The indexer workspace (Ponder, its own Vite) is type-checked by `tsc -p indexer/tsconfig.json` in the same
      // npm run lint; bringing it under these rules is its owner's next step (40 findings, mostly `any` in tests).
      "indexer/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // The project's own rules: typed ABIs stay typed, and unknown values are narrowed, not cast away.
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression > TSTypeReference > Identifier[name='Abi']",
          message: "Keep typed ABIs typed: pass the generated `as const` ABI, not `as Abi`.",
        },
        {
          selector: "TSAsExpression > TSNeverKeyword",
          message: "`as never` hides a type error: type the value instead.",
        },
      ],
    },
  },
  {
    // Type information where it pays for itself: the code people run in their browser and the SDK every client
    // shares (floating promises, misused promises, unsafe `any`). The scripts, the browser tests and the contract
    // tests' helpers are type-checked by tsc in the same `npm run lint`; type-aware rules there would double the time.
    files: ["frontend/src/**/*.{ts,tsx}", "sdk/src/**/*.ts"],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // React event handlers take promise-returning functions on purpose (the transaction helper reports errors).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Amounts, ids and counts are shown through template literals.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Vitest's asymmetric matchers (`expect.stringContaining`) are typed `any`, and `expect(mock.fn)` passes methods.
    files: ["**/*.test.{ts,tsx}"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off", "@typescript-eslint/unbound-method": "off" },
  },
  {
    // Playwright reads a fixture's dependencies from its destructured first parameter: `async ({}, use)` is how a
    // fixture says it needs none.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
  {
    files: [`${FRONTEND}/**/*.{ts,tsx}`],
    plugins: { "react-hooks": reactHooks, boundaries },
    rules: {
      // The rules of hooks. The plugin's React Compiler checks are left out: the app is not built with the compiler,
      // and they cost a third of the lint time.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [
            {
              // Features own their reads and writes; what two features share lives in components/, hooks/ or lib/.
              from: { element: { type: "feature" } },
              disallow: { to: { element: { type: "feature", captured: { name: "!{{ from.element.captured.name }}" } } } },
              message: "A feature does not import another feature: move what both need to components/, hooks/ or lib/.",
            },
            {
              from: { element: { types: { anyOf: ["lib", "hooks"] } } },
              disallow: { to: { element: { types: { anyOf: ["component", "feature"] } } } },
              message: "lib/ and hooks/ do not import components/ or features/.",
            },
            {
              from: { element: { type: "component" } },
              disallow: { to: { element: { type: "feature" } } },
              message: "components/ do not import features/.",
            },
          ],
        },
      ],
    },
    settings: {
      "boundaries/include": [`${FRONTEND}/**/*`],
      "boundaries/elements": [
        { type: "feature", pattern: `${FRONTEND}/features/*`, capture: ["name"] },
        { type: "component", pattern: `${FRONTEND}/components` },
        { type: "hooks", pattern: `${FRONTEND}/hooks` },
        { type: "lib", pattern: `${FRONTEND}/lib` },
        { type: "app", pattern: `${FRONTEND}/app` },
      ],
      "import/resolver": { node: { extensions: [".ts", ".tsx", ".js"] } },
    },
  },
);
