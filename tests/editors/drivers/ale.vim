" Drive Vim + ALE with the documented wscodes config: open a file, wait for ALE's diagnostics,
" :ALEHover the close code (shown in ALE's preview window), apply the quick fix that
" :ALECodeAction offers. Env: WSCODES_SNIPPET, WSCODES_FILE, WSCODES_RESULT, WSCODES_STEP_TIMEOUT_MS.
let s:result = {'editor': 'vim', 'version': v:version}
let s:timeout = str2nr(empty($WSCODES_STEP_TIMEOUT_MS) ? '20000' : $WSCODES_STEP_TIMEOUT_MS)

function! s:Wait(condition) abort
  let l:waited = 0
  while !eval(a:condition) && l:waited < s:timeout
    sleep 50m
    let l:waited += 50
  endwhile
  return eval(a:condition)
endfunction

function! s:Finish(code) abort
  call writefile([json_encode(s:result)], $WSCODES_RESULT)
  if a:code == 0
    qall!
  endif
  execute 'cquit ' . a:code
endfunction

function! s:OnMenu(data, items) abort
  let s:result.offered = map(copy(a:items), 'v:val[1].title')
  for [l:kind, l:item] in a:items
    if get(l:item, 'kind', '') is# 'quickfix'
      call ale#codefix#ApplyLSPCodeAction(a:data, l:item)
      break
    endif
  endfor
  let s:menu_done = 1
endfunction

" :ALEGoToDefinition and :ALEFindReferences -quickfix on 4001 (the server may still be
" starting: ask again until the jump happens, bounded).
function! s:Navigate(buffer) abort
  let l:waited = 0
  while expand('%:t') isnot# 'wscodes.toml' && l:waited < s:timeout
    execute 'buffer ' . a:buffer
    call cursor(1, 1)
    call search('4001', 'w')
    ALEGoToDefinition
    for l:i in range(20)
      if expand('%:t') is# 'wscodes.toml'
        break
      endif
      sleep 50m
    endfor
    let l:waited += 1000
  endwhile
  let s:result.definition = {'file': expand('%:t'), 'line': line('.')}
  execute 'buffer ' . a:buffer
  call cursor(1, 1)
  call search('4001', 'w')
  call setqflist([], 'r')
  ALEFindReferences -quickfix
  call s:Wait('!empty(getqflist())')
  let s:result.references = map(getqflist(), '{"file": fnamemodify(bufname(v:val.bufnr), ":t"), "line": v:val.lnum}')
endfunction

function! s:Run() abort
  packadd ale
  execute 'source ' . fnameescape($WSCODES_SNIPPET)
  let g:ale_hover_to_preview = 1
  " only the linter under test (as a user with g:ale_linters set would list it)
  let g:ale_linters = {'python': ['wscodes'], 'javascript': ['wscodes']}
  execute 'edit ' . fnameescape($WSCODES_FILE)
  let l:buffer = bufnr('')
  let s:result.filetype = &filetype
  if $WSCODES_STEPS is# 'navigation'
    return s:Navigate(l:buffer)
  endif

  " 1. diagnostics in ALE's location list
  call s:Wait('!empty(ale#engine#GetLoclist(' . l:buffer . '))')
  let s:result.diagnostics = map(copy(ale#engine#GetLoclist(l:buffer)),
        \ '{"code": get(v:val, "code", ""), "message": v:val.text, "line": v:val.lnum, "linter": v:val.linter_name}')

  if $WSCODES_STEPS is# 'diagnostics'
    return
  endif

  " 2. :ALEHover on the number; ALE shows the answer in its preview window
  call search('1006', 'w')
  ALEHover
  call s:Wait('!empty(filter(range(1, winnr("$")), "getwinvar(v:val, ''&previewwindow'')"))')
  let s:result.hover = ''
  for l:win in range(1, winnr('$'))
    if getwinvar(l:win, '&previewwindow')
      let s:result.hover = join(getbufline(winbufnr(l:win), 1, '$'), "\n")
    endif
  endfor
  pclose
  execute bufwinnr(l:buffer) . 'wincmd w'
  call search('1006', 'w')

  " 3. :ALECodeAction's menu; the user picks the quick fix
  let s:menu_done = 0
  call ale#codefix#Execute(0, function('s:OnMenu'))
  call s:Wait('s:menu_done')
  call s:Wait('stridx(join(getbufline(' . l:buffer . ', 1, "$"), "\n"), "1006") < 0')
  let s:result.after = join(getbufline(l:buffer, 1, '$'), "\n")
endfunction

try
  call s:Run()
  call s:Finish(0)
catch
  let s:result.error = v:exception . ' at ' . v:throwpoint
  call s:Finish(3)
endtry
