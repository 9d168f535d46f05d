-- wscodes with nvim-lspconfig's setup() (Neovim 0.7–0.10; on 0.11+ prefer wscodes-0.11.lua).
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.wscodes then
  configs.wscodes = {
    default_config = {
      cmd = { 'wscode-lsp' },
      filetypes = {
        'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'rust',
        'java', 'kotlin', 'cs', 'swift', 'php', 'ruby', 'elixir',
        'c', 'cpp', 'objc', 'objcpp', 'dart', 'scala', 'lua',
      },
      root_dir = util.root_pattern('wscodes.toml', 'pyproject.toml', 'package.json', '.git'),
      single_file_support = true,
      settings = { wscodes = { rules = vim.empty_dict(), runtime = 'auto' } },
    },
  }
end

require('lspconfig').wscodes.setup({})
