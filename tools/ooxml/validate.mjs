// Validates Office files with the Open XML SDK (WebAssembly) in one Node process.
// Usage: node validate.mjs FILE...   Prints JSON: {"FILE": [{id, description, path}], ...}
//        node validate.mjs --serve   Reads one JSON list of files per line on stdin and answers each
//                                    with one line: {"ok": {"FILE": [...]}} or {"error": "..."}.
//                                    The SDK starts once (about 10 s) for every request; the
//                                    process ends when stdin closes.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import validate from "@ooxml-tools/validate";

const formatOf = (name) => {
  const ext = name.toLowerCase().split(".").pop();
  if (ext.startsWith("xls")) return "xlsx";
  if (ext.startsWith("doc")) return "docx";
  if (ext.startsWith("ppt")) return "pptx";
  return undefined;
};

const validateFiles = async (files) => {
  const out = {};
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file));
    out[file] = await validate(bytes, formatOf(file), "Microsoft365");
  }
  return out;
};

if (process.argv[2] === "--serve") {
  for await (const line of createInterface({ input: process.stdin })) {
    let answer;
    try {
      answer = { ok: await validateFiles(JSON.parse(line)) };
    } catch (err) {
      answer = { error: String(err?.stack ?? err) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
} else {
  process.stdout.write(JSON.stringify(await validateFiles(process.argv.slice(2))));
}
