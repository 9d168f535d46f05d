-- wscodes on Neovim 0.11+: the built-in vim.lsp.config / vim.lsp.enable.
vim.lsp.config('wscodes', {
  cmd = { 'wscode-lsp' },
  filetypes = {
    'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'rust',
    'java', 'kotlin', 'cs', 'swift', 'php', 'ruby', 'elixir',
    'c', 'cpp', 'objc', 'objcpp', 'dart', 'scala', 'lua',
    'toml', -- wscodes.toml / pyproject.toml: checks, hovers, completion, code lenses
  },
  root_markers = { 'wscodes.toml', 'pyproject.toml', 'package.json', '.git' },
  -- e.g. rules = { WSC005 = 'off' }, runtime = 'browser', configPath = 'wscodes.toml'
  settings = { wscodes = { rules = vim.empty_dict(), runtime = 'auto' } },
})
vim.lsp.enable('wscodes')
