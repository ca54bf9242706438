// Modules that exist only in the Worker bundle, or that @types/pdfkit 0.17 does not describe.

/** Written at build time by src/runtime/workers-rule-bundle.ts, aliased in wrangler.toml. */
declare module 'cofund:bundled-rules' {
  export const bundledRuleFiles: readonly { readonly path: string; readonly text: string }[];
}

/** Scalar's standalone script, written at build time by src/runtime/workers-rule-bundle.ts. */
declare module 'cofund:api-reference' {
  export const apiReferenceScript: string;
}

/** pdfkit 0.20's standard-font metrics, which its browser build needs registered (registerStdFonts). */
declare module 'pdfkit/standard-fonts/*' {
  const font: { readonly name: string };
  export default font;
}
