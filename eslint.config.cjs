// eslint 9 (flat config) for the addons' JavaScript under */static/src (pre-commit's eslint
// hook): ES modules in the browser, Odoo's globals, eslint's recommended rules.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    js.configs.recommended,
    {
        files: ["**/static/src/**/*.js"],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: {...globals.browser, odoo: "readonly", owl: "readonly"},
        },
    },
];
