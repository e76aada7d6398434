// Validates Office files with the Open XML SDK (WebAssembly) in one Node process.
// Usage: node validate.mjs FILE...   Prints JSON: {"FILE": [{id, description, path}], ...}
import { readFile } from "node:fs/promises";
import validate from "@ooxml-tools/validate";

const formatOf = (name) => {
  const ext = name.toLowerCase().split(".").pop();
  if (ext.startsWith("xls")) return "xlsx";
  if (ext.startsWith("doc")) return "docx";
  if (ext.startsWith("ppt")) return "pptx";
  return undefined;
};

const out = {};
for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(await readFile(file));
  out[file] = await validate(bytes, formatOf(file), "Microsoft365");
}
process.stdout.write(JSON.stringify(out));
