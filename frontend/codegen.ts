import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed operations from the server's schema files: no running server needed.
const config: CodegenConfig = {
  schema: ["../graph/*.graphql"], // every schema file gqlgen reads (gqlgen.yml)
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        scalars: { Decimal: "string", Time: "string", Cursor: "string", ID: "string", Any: "unknown", Upload: "File" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
