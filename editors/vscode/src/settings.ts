// Translate the VS Code settings `wscodes.*` into what wscode-lsp reads: the same object is sent as
// `initializationOptions` and as the answer to `workspace/configuration` for section "wscodes".
// Plain TypeScript (no `vscode` import), unit-tested outside VS Code.
import * as path from "node:path";

export const SECTION = "wscodes";
export const SEVERITIES = ["off", "error", "warning", "info", "hint"] as const;
export const RUNTIMES = ["auto", "browser", "node"] as const;
const RULE_ID = /^WSC\d{3}$/;

export type Severity = (typeof SEVERITIES)[number];
export type Runtime = (typeof RUNTIMES)[number];

/** The server's settings, exactly as wscode-lsp expects them. */
export interface WscodesServerSettings {
  rules: Record<string, Severity>;
  runtime: Runtime;
  configPath?: string;
}

/** A translation plus what was dropped, so the extension can tell the user. */
export interface Translation {
  settings: WscodesServerSettings;
  problems: string[];
}

/** Reads one setting (VS Code's `WorkspaceConfiguration.get`, or a plain object in tests). */
export type SettingReader = (key: "rules" | "runtime" | "configPath") => unknown;

export function translateSettings(read: SettingReader, workspaceFolder?: string): Translation {
  const problems: string[] = [];

  const rules: Record<string, Severity> = {};
  const rawRules = read("rules");
  if (rawRules !== undefined && rawRules !== null) {
    if (typeof rawRules !== "object" || Array.isArray(rawRules)) {
      problems.push(`"wscodes.rules" must be an object like {"WSC005": "off"}; ignored.`);
    } else {
      for (const [rule, severity] of Object.entries(rawRules as Record<string, unknown>)) {
        const id = rule.trim().toUpperCase();
        const level = typeof severity === "string" ? severity.trim().toLowerCase() : severity;
        if (!RULE_ID.test(id)) {
          problems.push(`"wscodes.rules": "${rule}" is not a rule id (WSC001…); ignored.`);
        } else if (typeof level !== "string" || !(SEVERITIES as readonly string[]).includes(level)) {
          problems.push(
            `"wscodes.rules": ${id} has severity ${JSON.stringify(severity)}; use one of ${SEVERITIES.join(", ")}. Ignored.`,
          );
        } else {
          rules[id] = level as Severity;
        }
      }
    }
  }

  let runtime: Runtime = "auto";
  const rawRuntime = read("runtime");
  if (typeof rawRuntime === "string" && (RUNTIMES as readonly string[]).includes(rawRuntime)) {
    runtime = rawRuntime as Runtime;
  } else if (rawRuntime !== undefined && rawRuntime !== null && rawRuntime !== "") {
    problems.push(`"wscodes.runtime" must be one of ${RUNTIMES.join(", ")}; using "auto".`);
  }

  const settings: WscodesServerSettings = { rules, runtime };
  const rawConfigPath = read("configPath");
  if (typeof rawConfigPath === "string" && rawConfigPath.trim() !== "") {
    settings.configPath = resolveConfigPath(rawConfigPath.trim(), workspaceFolder);
  }
  return { settings, problems };
}

function resolveConfigPath(value: string, workspaceFolder?: string): string {
  if (workspaceFolder === undefined) return value;
  const expanded = value.split("${workspaceFolder}").join(workspaceFolder);
  return path.isAbsolute(expanded) ? expanded : path.resolve(workspaceFolder, expanded);
}

/**
 * Answer a `workspace/configuration` request: section "wscodes" gets the whole object,
 * "wscodes.rules" (etc.) that part, any other section `null` (what VS Code answers for unknown ones).
 */
export function answerConfiguration(
  items: ReadonlyArray<{ section?: string; scopeUri?: string }>,
  settingsFor: (scopeUri?: string) => WscodesServerSettings,
): unknown[] {
  return items.map((item) => {
    const section = item.section ?? "";
    if (section === SECTION) return settingsFor(item.scopeUri);
    if (section.startsWith(SECTION + ".")) {
      const settings = settingsFor(item.scopeUri);
      const key = section.slice(SECTION.length + 1);
      return Object.prototype.hasOwnProperty.call(settings, key)
        ? settings[key as keyof WscodesServerSettings]
        : null;
    }
    return null;
  });
}
