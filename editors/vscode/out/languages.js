"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LANGUAGES = void 0;
// VS Code language ids of the languages wscode-lsp scans (its tree-sitter grammars).
exports.LANGUAGES = [
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
//# sourceMappingURL=languages.js.map