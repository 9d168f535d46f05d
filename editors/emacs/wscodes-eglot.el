;;; wscodes-eglot.el --- wscode-lsp (WebSocket close codes) with Eglot  -*- lexical-binding: t; -*-
;; Emacs 26.3+ with Eglot (built in since Emacs 29; `elpa-eglot' / M-x package-install before).
;; Eglot runs one server per buffer: these modes get wscode-lsp instead of their usual server.
(require 'eglot)

(defvar wscodes-eglot-modes
  '(python-mode python-ts-mode js-mode js-ts-mode typescript-mode typescript-ts-mode
    go-mode go-ts-mode rust-mode rust-ts-mode java-mode java-ts-mode kotlin-mode
    csharp-mode csharp-ts-mode swift-mode php-mode ruby-mode ruby-ts-mode elixir-mode
    c-mode c-ts-mode c++-mode c++-ts-mode objc-mode dart-mode scala-mode scala-ts-mode lua-mode lua-ts-mode)
  "Major modes that get wscode-lsp.")

(add-to-list 'eglot-server-programs `(,wscodes-eglot-modes . ("wscode-lsp")))

;; Answered on workspace/configuration (section "wscodes"); better per project in .dir-locals.el.
;; e.g. (:wscodes (:rules (:WSC005 "off") :runtime "browser" :configPath "wscodes.toml"))
(setq-default eglot-workspace-configuration '(:wscodes (:runtime "auto")))

(dolist (mode wscodes-eglot-modes)
  (add-hook (intern (format "%s-hook" mode)) #'eglot-ensure))
;;; wscodes-eglot.el ends here
