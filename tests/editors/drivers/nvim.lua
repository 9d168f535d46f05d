-- Drives headless Neovim through what a user does with the documented config:
-- open a file, wait for diagnostics, hover the close code, apply the quick fix.
-- Env: WSCODES_SNIPPET (the config file from docs/editors.md), WSCODES_FILE, WSCODES_RESULT.
local result = { editor = 'neovim', version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }
local timeout = tonumber(vim.env.WSCODES_STEP_TIMEOUT_MS or '20000')

local function finish(code)
  local out = io.open(vim.env.WSCODES_RESULT, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd((code == 0) and 'qall!' or 'cquit! ' .. code)
end

local function lines(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

-- Navigation, as a user does it: gd-style jump to the definition of 4001, then the references
-- (Neovim puts them in the quickfix list).
local function navigate(bufnr)
  local function on_code()
    vim.api.nvim_set_current_win(vim.fn.bufwinid(bufnr))
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    vim.fn.search('4001', 'w')
  end
  -- the server may still be starting: ask again until the jump happens (bounded)
  local deadline = vim.loop.now() + timeout
  result.definition = nil
  while vim.loop.now() < deadline and not result.definition do
    on_code()
    vim.lsp.buf.definition()
    vim.wait(1000, function()
      local name = vim.api.nvim_buf_get_name(0)
      if name:sub(-#'wscodes.toml') == 'wscodes.toml' then
        result.definition = { file = vim.fn.fnamemodify(name, ':t'), line = vim.api.nvim_win_get_cursor(0)[1] }
        return true
      end
      return false
    end, 50)
  end
  vim.cmd('buffer ' .. bufnr)
  on_code()
  vim.fn.setqflist({}, 'r')
  vim.lsp.buf.references()
  vim.wait(timeout, function() return #vim.fn.getqflist() > 0 end, 50)
  result.references = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    table.insert(result.references, { file = vim.fn.fnamemodify(vim.fn.bufname(item.bufnr), ':t'), line = item.lnum })
  end
end

local function run()
  dofile(vim.env.WSCODES_SNIPPET)
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.WSCODES_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  if vim.env.WSCODES_STEPS == 'navigation' then return navigate(bufnr) end

  -- 1. diagnostics, as the user sees them (vim.diagnostic)
  result.diagnostics_arrived = vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      code = d.code or lsp.code, message = d.message, lnum = d.lnum, col = d.col, source = d.source,
    })
  end

  if vim.env.WSCODES_STEPS == 'diagnostics' then return end

  -- 2. hover: K on the number opens a floating window; read what it shows
  local row = vim.fn.search('1006', 'w')
  result.hover = ''
  if row > 0 then
    vim.lsp.buf.hover()
    vim.wait(timeout, function()
      for _, win in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(win).relative ~= '' then
          result.hover = lines(vim.api.nvim_win_get_buf(win))
          return true
        end
      end
      return false
    end, 50)
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then vim.api.nvim_win_close(win, true) end
    end
    vim.api.nvim_set_current_win(vim.fn.bufwinid(bufnr))
    vim.fn.search('1006', 'w')
  end

  -- 3. code action: the user picks the first quick fix from the menu
  result.code_actions = {}
  local picked = false
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local action = item[2] or item.action or item
      table.insert(result.code_actions, { title = action.title, kind = action.kind })
    end
    for _, item in ipairs(items) do
      local action = item[2] or item.action or item
      if action.kind == 'quickfix' then
        picked = true
        return on_choice(item)
      end
    end
    picked = true
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  vim.wait(timeout, function() return picked end, 50)
  vim.wait(timeout, function() return not lines(bufnr):find('1006', 1, true) end, 50)
  result.after = lines(bufnr)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
finish(ok and 0 or 3)
