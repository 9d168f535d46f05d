// VS Code language ids of the languages wscode-lsp scans (its tree-sitter grammars).
export const LANGUAGES: readonly string[] = [
  "python",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
  "go",
  "rust",
  "java",
  "kotlin",
  "csharp",
  "swift",
  "php",
  "ruby",
  "elixir",
];
