import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ACTIVATION_EVENTS, LANGUAGES } from "../languages";
import { answerConfiguration, RUNTIMES, SEVERITIES, translateSettings, type SettingReader } from "../settings";

function reader(values: Record<string, unknown>): SettingReader {
  return (key) => values[key];
}

describe("translateSettings", () => {
  it("passes rules, runtime and configPath through in the server's shape", () => {
    const { settings, problems } = translateSettings(
      reader({ rules: { WSC005: "off", wsc006: "Warning" }, runtime: "browser", configPath: "/etc/wscodes.toml" }),
    );
    assert.deepEqual(settings, {
      rules: { WSC005: "off", WSC006: "warning" },
      runtime: "browser",
      configPath: "/etc/wscodes.toml",
    });
    assert.deepEqual(problems, []);
  });

  it("uses the defaults when nothing is set, and omits an empty configPath", () => {
    const { settings, problems } = translateSettings(reader({ rules: {}, runtime: "auto", configPath: "" }));
    assert.deepEqual(settings, { rules: {}, runtime: "auto" });
    assert.deepEqual(problems, []);
    assert.deepEqual(translateSettings(reader({})).settings, { rules: {}, runtime: "auto" });
  });

  it("resolves a relative configPath against the workspace folder", () => {
    assert.equal(translateSettings(reader({ configPath: "conf/wscodes.toml" }), "/repo").settings.configPath, "/repo/conf/wscodes.toml");
    assert.equal(
      translateSettings(reader({ configPath: "${workspaceFolder}/wscodes.toml" }), "/repo").settings.configPath,
      "/repo/wscodes.toml",
    );
  });

  it("drops bad entries and says why", () => {
    const { settings, problems } = translateSettings(
      reader({ rules: { WSC005: "off", E501: "off", WSC001: "loud" }, runtime: "deno" }),
    );
    assert.deepEqual(settings, { rules: { WSC005: "off" }, runtime: "auto" });
    assert.equal(problems.length, 3);
    assert.match(problems.join("\n"), /"E501" is not a rule id/);
    assert.match(problems.join("\n"), /WSC001 has severity "loud"/);
    assert.match(problems.join("\n"), /"wscodes\.runtime" must be one of auto, browser, node/);
  });

  it("rejects rules that aren't an object", () => {
    const { settings, problems } = translateSettings(reader({ rules: ["WSC005"] }));
    assert.deepEqual(settings.rules, {});
    assert.match(problems[0] ?? "", /must be an object/);
  });
});

describe("answerConfiguration", () => {
  const settings = { rules: { WSC005: "off" as const }, runtime: "node" as const };

  it("answers section wscodes with the whole object and sub-sections with their part", () => {
    const seen: Array<string | undefined> = [];
    const answer = answerConfiguration(
      [{ section: "wscodes", scopeUri: "file:///repo/a.js" }, { section: "wscodes.rules" }, { section: "wscodes.nope" }, { section: "python" }, {}],
      (scopeUri) => {
        seen.push(scopeUri);
        return settings;
      },
    );
    assert.deepEqual(answer, [settings, { WSC005: "off" }, null, null, null]);
    assert.equal(seen[0], "file:///repo/a.js");
  });
});

describe("package.json agrees with the code", () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  const properties = manifest.contributes.configuration.properties;

  it("offers exactly the severities and runtimes the translation accepts", () => {
    assert.deepEqual(properties["wscodes.rules"].additionalProperties.enum, [...SEVERITIES]);
    assert.deepEqual(properties["wscodes.runtime"].enum, [...RUNTIMES]);
  });

  it("activates on every language the client selects", () => {
    assert.deepEqual(manifest.activationEvents, [...ACTIVATION_EVENTS]);
    assert.ok(LANGUAGES.every((language) => manifest.activationEvents.includes(`onLanguage:${language}`)));
  });

  it("declares the server settings the extension reads", () => {
    for (const key of ["wscodes.server.path", "wscodes.server.python", "wscodes.configPath"]) {
      assert.equal(properties[key]?.type, "string", key);
    }
    assert.equal(properties["wscodes.server.usePythonExtension"]?.type, "boolean");
  });
});
