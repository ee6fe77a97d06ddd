-- Drives the ASP language server through Neovim's client on the current buffer and writes what
-- it got as JSON to $ASP_NVIM_OUT: diagnostics, completion labels and hover text at the
-- positions in $ASP_NVIM_POSITIONS. Every wait is on a condition, with a generous limit.
local out = {}
local function finish()
  local f = assert(io.open(os.getenv('ASP_NVIM_OUT'), 'w'))
  f:write(vim.json.encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local limit = tonumber(os.getenv('ASP_NVIM_WAIT_MS') or '60000')
  local pos = vim.json.decode(os.getenv('ASP_NVIM_POSITIONS'))
  local buf = vim.api.nvim_get_current_buf()
  local client
  out.attached = vim.wait(limit, function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.initialized then client = c return true end
    end
    return false
  end, 50)
  if not client then error('the asp client did not attach and initialize') end
  out.client = client.name
  out.diagnosed = vim.wait(limit, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message })
  end
  local function at(p)
    return { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = p.line, character = p.character } }
  end
  local comp = vim.lsp.buf_request_sync(buf, 'textDocument/completion', at(pos.completion), limit)
  out.completion = {}
  for _, r in pairs(comp or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(out.completion, item.label) end
  end
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', at(pos.hover), limit)
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then
      local c = r.result.contents
      out.hover = type(c) == 'string' and c or c.value or vim.json.encode(c)
    end
  end
end)
if not ok then out.error = tostring(err) end
finish()
