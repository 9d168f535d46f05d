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
  "c",
  "cpp",
  "objective-c",
  "objective-cpp",
  "dart",
  "scala",
  "lua",
  // the <script> blocks of these files (browser code)
  "vue",
  "svelte",
  "astro",
  "html",
];

/** The team's codes files: the server checks them, hovers and completes them, and counts their uses. */
export const TEAM_FILES: readonly string[] = ["**/wscodes.toml", "**/pyproject.toml"];

/** When VS Code starts the extension: a file of a scanned language, or a workspace with a wscodes.toml. */
export const ACTIVATION_EVENTS: readonly string[] = [
  ...LANGUAGES.map((language) => `onLanguage:${language}`),
  "workspaceContains:**/wscodes.toml",
];
