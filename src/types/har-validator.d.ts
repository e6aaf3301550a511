// har-validator ships no type declarations; this covers the one function har2mkio calls.
declare module "har-validator" {
  const validator: {
    /** Resolves when the document is valid HAR; rejects with an error that lists `errors`. */
    har(document: unknown): Promise<unknown>;
  };
  export default validator;
}
