"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.RUNTIMES = exports.SEVERITIES = exports.SECTION = void 0;
exports.translateSettings = translateSettings;
exports.answerConfiguration = answerConfiguration;
// Translate the VS Code settings `wscodes.*` into what wscode-lsp reads: the same object is sent as
// `initializationOptions` and as the answer to `workspace/configuration` for section "wscodes".
// Plain TypeScript (no `vscode` import), unit-tested outside VS Code.
const path = __importStar(require("node:path"));
exports.SECTION = "wscodes";
exports.SEVERITIES = ["off", "error", "warning", "info", "hint"];
exports.RUNTIMES = ["auto", "browser", "node"];
const RULE_ID = /^WSC\d{3}$/;
function translateSettings(read, workspaceFolder) {
    const problems = [];
    const rules = {};
    const rawRules = read("rules");
    if (rawRules !== undefined && rawRules !== null) {
        if (typeof rawRules !== "object" || Array.isArray(rawRules)) {
            problems.push(`"wscodes.rules" must be an object like {"WSC005": "off"}; ignored.`);
        }
        else {
            for (const [rule, severity] of Object.entries(rawRules)) {
                const id = rule.trim().toUpperCase();
                const level = typeof severity === "string" ? severity.trim().toLowerCase() : severity;
                if (!RULE_ID.test(id)) {
                    problems.push(`"wscodes.rules": "${rule}" is not a rule id (WSC001…); ignored.`);
                }
                else if (typeof level !== "string" || !exports.SEVERITIES.includes(level)) {
                    problems.push(`"wscodes.rules": ${id} has severity ${JSON.stringify(severity)}; use one of ${exports.SEVERITIES.join(", ")}. Ignored.`);
                }
                else {
                    rules[id] = level;
                }
            }
        }
    }
    let runtime = "auto";
    const rawRuntime = read("runtime");
    if (typeof rawRuntime === "string" && exports.RUNTIMES.includes(rawRuntime)) {
        runtime = rawRuntime;
    }
    else if (rawRuntime !== undefined && rawRuntime !== null && rawRuntime !== "") {
        problems.push(`"wscodes.runtime" must be one of ${exports.RUNTIMES.join(", ")}; using "auto".`);
    }
    const settings = { rules, runtime };
    const rawConfigPath = read("configPath");
    if (typeof rawConfigPath === "string" && rawConfigPath.trim() !== "") {
        settings.configPath = resolveConfigPath(rawConfigPath.trim(), workspaceFolder);
    }
    return { settings, problems };
}
function resolveConfigPath(value, workspaceFolder) {
    if (workspaceFolder === undefined)
        return value;
    const expanded = value.split("${workspaceFolder}").join(workspaceFolder);
    return path.isAbsolute(expanded) ? expanded : path.resolve(workspaceFolder, expanded);
}
/**
 * Answer a `workspace/configuration` request: section "wscodes" gets the whole object,
 * "wscodes.rules" (etc.) that part, any other section `null` (what VS Code answers for unknown ones).
 */
function answerConfiguration(items, settingsFor) {
    return items.map((item) => {
        const section = item.section ?? "";
        if (section === exports.SECTION)
            return settingsFor(item.scopeUri);
        if (section.startsWith(exports.SECTION + ".")) {
            const settings = settingsFor(item.scopeUri);
            const key = section.slice(exports.SECTION.length + 1);
            return Object.prototype.hasOwnProperty.call(settings, key)
                ? settings[key]
                : null;
        }
        return null;
    });
}
//# sourceMappingURL=settings.js.map