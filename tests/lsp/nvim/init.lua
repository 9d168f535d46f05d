-- Headless Neovim (0.7-compatible API) as a real LSP client of wscode-lsp.
-- Environment: WSCODES_LSP_CMD (JSON list), WSCODES_NVIM_FIXTURE (file to open),
-- WSCODES_NVIM_NEEDLE (text of the code to hover), WSCODES_NVIM_OUT (JSON result file).
local out_path = os.getenv("WSCODES_NVIM_OUT")
local result = { nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function finish()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

-- Never hang: whatever happens, write what we have and quit.
vim.defer_fn(function()
  result.error = result.error or "timed out inside nvim"
  finish()
end, 20000)

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(os.getenv("WSCODES_LSP_CMD"))
  local fixture = os.getenv("WSCODES_NVIM_FIXTURE")
  local needle = os.getenv("WSCODES_NVIM_NEEDLE")
  vim.cmd("edit " .. vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "wscodes",
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(fixture, ":p:h"),
  })
  result.client_id = client_id
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.got_diagnostics = vim.wait(10000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = d.code,
    })
  end

  -- put the cursor on the code and ask for a hover, as `K` would
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for lnum, line in ipairs(lines) do
    local col = string.find(line, needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { lnum, col })  -- (1-based line, 0-based byte column): inside the code
      break
    end
  end
  local params = vim.lsp.util.make_position_params()
  result.hover_position = params.position
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 5000) or {}
  for _, response in pairs(responses) do
    if response.err then
      result.hover_error = vim.inspect(response.err)
    elseif response.result then
      result.hover = response.result
    end
  end

  -- and shut the server down the way Neovim does on exit
  local client = vim.lsp.get_client_by_id(client_id)
  client.stop()
  result.stopped = vim.wait(5000, function()
    return client.is_stopped()
  end, 20)
end)
if not ok then
  result.error = tostring(err)
end
finish()
