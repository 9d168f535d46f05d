" wscodes: WebSocket close-code diagnostics, hovers (:ALEHover) and quick fixes (:ALECodeAction)
" from wscode-lsp, with ALE (Vim 8+/Neovim). Put it in your vimrc after ALE is on 'runtimepath'
" (e.g. after `packadd! ale`). If you set g:ale_linters for a filetype, add 'wscodes' there.
function! s:WscodesRoot(buffer) abort
  let l:marker = ale#path#FindNearestFile(a:buffer, 'wscodes.toml')
  let l:marker = empty(l:marker) ? ale#path#FindNearestFile(a:buffer, 'pyproject.toml') : l:marker
  return empty(l:marker) ? fnamemodify(bufname(a:buffer), ':p:h') : fnamemodify(l:marker, ':h')
endfunction

for s:filetype in ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact',
      \ 'go', 'rust', 'java', 'kotlin', 'cs', 'swift', 'php', 'ruby', 'elixir',
      \ 'c', 'cpp', 'objc', 'objcpp', 'dart', 'scala', 'lua']
  call ale#linter#Define(s:filetype, {
        \ 'name': 'wscodes',
        \ 'lsp': 'stdio',
        \ 'executable': 'wscode-lsp',
        \ 'command': '%e',
        \ 'project_root': function('s:WscodesRoot'),
        \ 'initialization_options': {'rules': {}, 'runtime': 'auto'},
        \ 'lsp_config': {'wscodes': {'rules': {}, 'runtime': 'auto'}},
        \ })
endfor
" e.g. 'rules': {'WSC005': 'off'}, 'runtime': 'browser', 'configPath': 'wscodes.toml'
