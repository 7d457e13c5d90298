import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "coverage/**",
      "playwright-report/**",
      "test-results/**",
      "bench/results/**",
      "next-env.d.ts",
      "sdk/dist/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle },
    rules: {
      // Real bugs: promises nobody awaits or that are passed where a void callback is expected.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", prefer: "type-imports" },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
      // A delete or update without a where clause touches every row.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      // Layering (STYLE.md): lib never reaches up into app or components.
      "no-restricted-imports": "off",
    },
  },
  // Configuration comes from lib/env.ts (validated once at start: `env.X`) or, in browser code,
  // lib/public-env.ts (`publicEnv.X`, the NEXT_PUBLIC_ values `next build` inlines). A raw
  // `process.env` read anywhere else skips validation and the documented defaults. Allowed:
  // `process.env.NEXT_RUNTIME`, a constant Next.js writes into each runtime's bundle (reading it
  // through a module would keep Node.js-only code in the edge bundle). Exceptions by file below.
  {
    files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.name='process'][property.name='env']:not([parent.property.name='NEXT_RUNTIME'])",
          message:
            "Read configuration through lib/env.ts (env.X) or, in browser code, lib/public-env.ts (publicEnv.X); see CONTRIBUTING.md.",
        },
        {
          selector: "MemberExpression[object.name='process'][property.value='env']",
          message: "Read configuration through lib/env.ts (env.X) or lib/public-env.ts.",
        },
        {
          selector:
            "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
          message: "Read configuration through lib/env.ts (env.X) or lib/public-env.ts.",
        },
      ],
    },
  },
  {
    // Where process.env may be read:
    files: [
      // the two modules that read it for everyone else;
      "lib/env.ts",
      "lib/public-env.ts",
      // Next.js's cache handler: plain JavaScript Next.js loads at run time outside the app's
      // bundle, so it cannot import lib/env.ts (TypeScript);
      "lib/cache/next-cache-handler.mjs",
      // tooling that runs outside the app: scripts set up the processes they start, tests and
      // e2e set up theirs, and the tools' own config files run before any app code.
      "scripts/**",
      "tests/**",
      "e2e/**",
      "bench/**",
      "*.config.{ts,mts,js,mjs,cjs}",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*"],
              message: "lib/ must not import from app/ or components/.",
            },
            {
              group: ["@/tests/*", "@/scripts/*"],
              message: "Production code must not import test or dev tooling.",
            },
          ],
        },
      ],
    },
  },
  {
    // Specs take `test` and `expect` from e2e/support.ts, whose automatic fixture runs axe on every
    // page they visit; importing them from Playwright directly would skip that check.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              message: "Import test and expect from ./support (it checks every page with axe).",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
