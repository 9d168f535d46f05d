//! Zed starts language servers only through extensions; this one runs `wscode-lsp` from PATH
//! (or `lsp.wscodes.binary.path`) and passes `lsp.wscodes.settings` / `initialization_options`.
use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "wscodes";

struct Wscodes;

impl zed::Extension for Wscodes {
    fn new() -> Self {
        Wscodes
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(SERVER, worktree).ok().and_then(|s| s.binary);
        if let Some(path) = binary.as_ref().and_then(|b| b.path.clone()) {
            let args = binary.and_then(|b| b.arguments).unwrap_or_default();
            return Ok(zed::Command { command: path, args, env: worktree.shell_env() });
        }
        let path = worktree.which("wscode-lsp").ok_or_else(|| {
            "wscodes: wscode-lsp not found on PATH. Install it with `pip install wscodes`, \
             or set lsp.wscodes.binary.path in settings.json."
                .to_string()
        })?;
        Ok(zed::Command { command: path, args: Vec::new(), env: worktree.shell_env() })
    }

    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(SERVER, worktree).ok().and_then(|s| s.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = LspSettings::for_worktree(SERVER, worktree).ok().and_then(|s| s.settings);
        Ok(settings.map(|wscodes| serde_json::json!({ "wscodes": wscodes })))
    }
}

zed::register_extension!(Wscodes);
