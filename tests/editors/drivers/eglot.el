;;; eglot.el --- drive Emacs + Eglot with the documented wscodes config  -*- lexical-binding: t; -*-
;; Batch Emacs doing what a user does: open a file, see the diagnostics (Flymake), hover the code
;; (the Eldoc hover function), apply the quick fix (eglot-code-actions, as M-x would).
;; Env: WSCODES_SNIPPET, WSCODES_FILE, WSCODES_RESULT, WSCODES_STEP_TIMEOUT_MS.
(require 'package)
(package-initialize)  ; Debian's elpa-eglot (Emacs < 29) is a package
(require 'json)
(require 'cl-lib)

(defvar wscodes-result (list (cons 'editor "emacs") (cons 'version emacs-version)))
(defvar wscodes-timeout (/ (string-to-number (or (getenv "WSCODES_STEP_TIMEOUT_MS") "20000")) 1000.0))

(defun wscodes-put (key value) (push (cons key value) wscodes-result))

(defun wscodes-wait (predicate)
  "Let Emacs process server output until PREDICATE is non-nil or the step times out."
  (let ((deadline (+ (float-time) wscodes-timeout)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun wscodes-finish (code)
  (with-temp-file (getenv "WSCODES_RESULT")
    (insert (json-encode wscodes-result)))
  (kill-emacs code))

(defun wscodes-run ()
  (load (getenv "WSCODES_SNIPPET") nil t)
  (find-file (getenv "WSCODES_FILE"))
  (wscodes-put 'major_mode (symbol-name major-mode))
  ;; The command loop runs post-command-hook after C-x C-f; that is when eglot-ensure connects.
  (run-hooks 'post-command-hook)
  (wscodes-put 'managed (and (wscodes-wait (lambda () (bound-and-true-p eglot--managed-mode))) t))
  (if (equal (getenv "WSCODES_STEPS") "navigation")
      (wscodes-navigate)
    (wscodes-check)))

(defun wscodes-xref (item)
  (let ((location (xref-item-location item)))
    (list (cons 'file (file-name-nondirectory (xref-location-group location)))
          (cons 'line (xref-location-line location)))))

(defun wscodes-navigate ()
  ;; M-. and M-? on 4001: what xref asks Eglot for (the server may still be starting: retry)
  (goto-char (point-min))
  (search-forward "4001")
  (backward-char 2)
  (let ((id (xref-backend-identifier-at-point 'eglot)))
    (wscodes-put 'definition
                 (vconcat (mapcar #'wscodes-xref
                                  (wscodes-wait (lambda () (ignore-errors (xref-backend-definitions 'eglot id)))))))
    (wscodes-put 'references
                 (vconcat (mapcar #'wscodes-xref
                                  (wscodes-wait (lambda () (ignore-errors (xref-backend-references 'eglot id)))))))))

(defun wscodes-check ()
  (flymake-start)
  ;; 1. diagnostics as Flymake holds them
  (wscodes-wait (lambda () (flymake-diagnostics)))
  (wscodes-put 'diagnostics
               (vconcat
                (mapcar (lambda (diag)
                          (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diag)))))
                            (list (cons 'code (plist-get lsp :code))
                                  (cons 'message (flymake-diagnostic-text diag))
                                  (cons 'line (line-number-at-pos (flymake-diagnostic-beg diag))))))
                        (flymake-diagnostics))))
  (unless (equal (getenv "WSCODES_STEPS") "diagnostics")
    (wscodes-hover-and-fix)))

(defun wscodes-hover-and-fix ()
  ;; 2. hover on the number, through the function Eldoc calls
  (goto-char (point-min))
  (search-forward "1006")
  (backward-char 2)
  (let (hover)
    (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
    (wscodes-wait (lambda () hover))
    (wscodes-put 'hover (or hover "")))
  ;; 3. the quick fix, as `M-x eglot-code-actions' offers it (the preferred action is the default;
  ;;    a single quick fix is applied without asking)
  (wscodes-put 'offered
               (vconcat (mapcar (lambda (action) (plist-get action :title))
                                (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix"))))
  ;; Several actions: Eglot asks with a menu (x-popup-menu in batch, where no mouse event was
  ;; read); answer as a user taking the preferred one would.
  (cl-letf (((symbol-function 'completing-read)
             (lambda (_prompt _collection &rest args) (nth 4 args)))  ; the default
            ((symbol-function 'x-popup-menu)
             (lambda (_position menu)
               (let ((items (cdr (cadr menu))))
                 (cdr (or (cl-find-if (lambda (item) (plist-get (cdr item) :isPreferred)) items)
                          (car items)))))))
    (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix" t))
  (wscodes-wait (lambda () (not (string-match-p "1006" (buffer-string)))))
  (wscodes-put 'after (buffer-substring-no-properties (point-min) (point-max))))

(condition-case err
    (progn (wscodes-run) (wscodes-finish 0))
  (error (wscodes-put 'error (error-message-string err))
         (wscodes-finish 3)))
;;; eglot.el ends here
