-- wscodes: WebSocket close-code diagnostics, hovers and quick fixes from wscode-lsp.
-- Neovim 0.7 and later, no plugins. Put it in your init.lua (or `luafile` it).
local wscodes = {
  filetypes = {
    'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'rust',
    'java', 'kotlin', 'cs', 'swift', 'php', 'ruby', 'elixir',
    'c', 'cpp', 'objc', 'objcpp', 'dart', 'scala', 'lua',
  },
  config = {
    name = 'wscodes',
    cmd = { 'wscode-lsp' },
    root_dir = vim.fn.getcwd(),
    -- Sent as initializationOptions and answered on workspace/configuration ("wscodes").
    -- e.g. rules = { WSC005 = 'off' }, runtime = 'browser', configPath = 'wscodes.toml'
    settings = { wscodes = { rules = vim.empty_dict(), runtime = 'auto' } },
  },
}
wscodes.config.init_options = wscodes.config.settings.wscodes

vim.api.nvim_create_autocmd('FileType', {
  pattern = wscodes.filetypes,
  group = vim.api.nvim_create_augroup('wscodes', { clear = true }),
  callback = function(args)
    if vim.fn.executable(wscodes.config.cmd[1]) ~= 1 then
      if not wscodes.warned then
        wscodes.warned = true
        vim.notify('wscodes: wscode-lsp not found on PATH (pip install wscodes)', vim.log.levels.WARN)
      end
      return
    end
    if not (wscodes.client_id and vim.lsp.get_client_by_id(wscodes.client_id)) then
      wscodes.client_id = vim.lsp.start_client(wscodes.config)
    end
    if wscodes.client_id then
      vim.lsp.buf_attach_client(args.buf, wscodes.client_id)
    end
  end,
})
