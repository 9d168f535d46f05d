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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const path = __importStar(require("node:path"));
const node_test_1 = require("node:test");
const languages_1 = require("../languages");
const settings_1 = require("../settings");
function reader(values) {
    return (key) => values[key];
}
(0, node_test_1.describe)("translateSettings", () => {
    (0, node_test_1.it)("passes rules, runtime and configPath through in the server's shape", () => {
        const { settings, problems } = (0, settings_1.translateSettings)(reader({ rules: { WSC005: "off", wsc006: "Warning" }, runtime: "browser", configPath: "/etc/wscodes.toml" }));
        strict_1.default.deepEqual(settings, {
            rules: { WSC005: "off", WSC006: "warning" },
            runtime: "browser",
            configPath: "/etc/wscodes.toml",
        });
        strict_1.default.deepEqual(problems, []);
    });
    (0, node_test_1.it)("uses the defaults when nothing is set, and omits an empty configPath", () => {
        const { settings, problems } = (0, settings_1.translateSettings)(reader({ rules: {}, runtime: "auto", configPath: "" }));
        strict_1.default.deepEqual(settings, { rules: {}, runtime: "auto" });
        strict_1.default.deepEqual(problems, []);
        strict_1.default.deepEqual((0, settings_1.translateSettings)(reader({})).settings, { rules: {}, runtime: "auto" });
    });
    (0, node_test_1.it)("resolves a relative configPath against the workspace folder", () => {
        strict_1.default.equal((0, settings_1.translateSettings)(reader({ configPath: "conf/wscodes.toml" }), "/repo").settings.configPath, "/repo/conf/wscodes.toml");
        strict_1.default.equal((0, settings_1.translateSettings)(reader({ configPath: "${workspaceFolder}/wscodes.toml" }), "/repo").settings.configPath, "/repo/wscodes.toml");
    });
    (0, node_test_1.it)("drops bad entries and says why", () => {
        const { settings, problems } = (0, settings_1.translateSettings)(reader({ rules: { WSC005: "off", E501: "off", WSC001: "loud" }, runtime: "deno" }));
        strict_1.default.deepEqual(settings, { rules: { WSC005: "off" }, runtime: "auto" });
        strict_1.default.equal(problems.length, 3);
        strict_1.default.match(problems.join("\n"), /"E501" is not a rule id/);
        strict_1.default.match(problems.join("\n"), /WSC001 has severity "loud"/);
        strict_1.default.match(problems.join("\n"), /"wscodes\.runtime" must be one of auto, browser, node/);
    });
    (0, node_test_1.it)("rejects rules that aren't an object", () => {
        const { settings, problems } = (0, settings_1.translateSettings)(reader({ rules: ["WSC005"] }));
        strict_1.default.deepEqual(settings.rules, {});
        strict_1.default.match(problems[0] ?? "", /must be an object/);
    });
});
(0, node_test_1.describe)("answerConfiguration", () => {
    const settings = { rules: { WSC005: "off" }, runtime: "node" };
    (0, node_test_1.it)("answers section wscodes with the whole object and sub-sections with their part", () => {
        const seen = [];
        const answer = (0, settings_1.answerConfiguration)([{ section: "wscodes", scopeUri: "file:///repo/a.js" }, { section: "wscodes.rules" }, { section: "wscodes.nope" }, { section: "python" }, {}], (scopeUri) => {
            seen.push(scopeUri);
            return settings;
        });
        strict_1.default.deepEqual(answer, [settings, { WSC005: "off" }, null, null, null]);
        strict_1.default.equal(seen[0], "file:///repo/a.js");
    });
});
(0, node_test_1.describe)("package.json agrees with the code", () => {
    const manifest = JSON.parse((0, node_fs_1.readFileSync)(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    const properties = manifest.contributes.configuration.properties;
    (0, node_test_1.it)("offers exactly the severities and runtimes the translation accepts", () => {
        strict_1.default.deepEqual(properties["wscodes.rules"].additionalProperties.enum, [...settings_1.SEVERITIES]);
        strict_1.default.deepEqual(properties["wscodes.runtime"].enum, [...settings_1.RUNTIMES]);
    });
    (0, node_test_1.it)("activates on every language the client selects", () => {
        strict_1.default.deepEqual(manifest.activationEvents, languages_1.LANGUAGES.map((language) => `onLanguage:${language}`));
    });
    (0, node_test_1.it)("declares the server settings the extension reads", () => {
        for (const key of ["wscodes.server.path", "wscodes.server.python", "wscodes.configPath"]) {
            strict_1.default.equal(properties[key]?.type, "string", key);
        }
    });
});
//# sourceMappingURL=settings.test.js.map