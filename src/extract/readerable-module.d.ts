// Readability's quick test as its own CommonJS file exports it (module.exports = isProbablyReaderable).
declare module '@mozilla/readability/Readability-readerable.js' {
  const isProbablyReaderable: (
    document: Document,
    options?: { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Node) => boolean },
  ) => boolean;
  export default isProbablyReaderable;
}
