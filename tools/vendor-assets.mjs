// Copies the browser libraries the site serves from node_modules (installed at the exact
// versions in package-lock.json by `npm ci`) into theme_overrides/assets/vendor/.
// Run `npm run vendor` after changing a version; tests/test_vendored_assets.py fails when the
// copies and node_modules differ, so the site never serves an unrecorded version.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const VENDORED = [
  // A JSON Schema validator without eval (works under a strict Content-Security-Policy), ES modules.
  { name: "@cfworker/json-schema", from: "dist/esm", to: "cfworker-json-schema" },
];

for (const lib of VENDORED) {
  const pkgDir = join(root, "node_modules", lib.name);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const target = join(root, "theme_overrides", "assets", "vendor", lib.to);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(join(pkgDir, lib.from)).sort()) {
    if (file.endsWith(".js")) copyFileSync(join(pkgDir, lib.from, file), join(target, file));
  }
  writeFileSync(
    join(target, "VENDORED.txt"),
    `${pkg.name} ${pkg.version} (${pkg.license} licence), ${pkg.repository?.url ?? pkg.homepage ?? ""}\n` +
      `Copied from node_modules/${lib.name}/${lib.from} by tools/vendor-assets.mjs; do not edit.\n`,
  );
  console.log(`vendored ${pkg.name} ${pkg.version} into ${target}`);
}
