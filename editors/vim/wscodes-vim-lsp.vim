" wscodes with vim-lsp (prabirshrestha/vim-lsp): diagnostics, :LspHover, :LspCodeAction.
if executable('wscode-lsp')
  augroup wscodes_vim_lsp
    autocmd!
    autocmd User lsp_setup call lsp#register_server({
          \ 'name': 'wscodes',
          \ 'cmd': {server_info -> ['wscode-lsp']},
          \ 'allowlist': ['python', 'javascript', 'javascriptreact', 'typescript',
          \   'typescriptreact', 'go', 'rust', 'java', 'kotlin', 'cs', 'swift', 'php', 'ruby', 'elixir',
          \   'c', 'cpp', 'objc', 'objcpp', 'dart', 'scala', 'lua'],
          \ 'initialization_options': {'rules': {}, 'runtime': 'auto'},
          \ 'workspace_config': {'wscodes': {'rules': {}, 'runtime': 'auto'}},
          \ })
  augroup END
endif
" e.g. 'rules': {'WSC005': 'off'}, 'runtime': 'browser', 'configPath': 'wscodes.toml'
