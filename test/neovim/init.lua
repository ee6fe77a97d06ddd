-- ASP Studio's language server in Neovim's built-in LSP client, for Neovim 0.7 and later
-- (Debian 12 ships 0.7.2, before vim.lsp.start and vim.fs). docs/editors.md shows this file;
-- CI runs it headless against `asp lsp --stdio` (test/server/neovim.test.ts).
local clients = {}

local function start_asp(ev)
  -- The workspace root: the folder of the nearest asp.connections.json, else the current one.
  local registry = vim.fn.findfile('asp.connections.json', vim.fn.fnamemodify(ev.file, ':p:h') .. ';')
  local root = registry ~= '' and vim.fn.fnamemodify(registry, ':p:h') or vim.fn.getcwd()
  local id = clients[root]
  if not id or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client({
      name = 'asp',
      cmd = { 'asp', 'lsp', '--stdio' },
      root_dir = root,
      init_options = { connectionsFile = 'asp.connections.json' },
    })
    clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(ev.buf, id) end
end

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*.asp.json', 'asp.connections.json' },
  callback = function(ev)
    vim.bo[ev.buf].filetype = 'json'
    start_asp(ev)
  end,
})
