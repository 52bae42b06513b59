#!/usr/bin/env node
// Validates Kubernetes objects offline against the schemas that ship in npm packages: the Kubernetes API
// (kubernetes-models), KEDA (@kubernetes-models/keda) and prometheus-operator (@kubernetes-models/prometheus-operator).
//
//   kubectl kustomize deploy/kubernetes/overlays/dev | node deploy/kubernetes/validate/validate.mjs
//   node deploy/kubernetes/validate/validate.mjs rendered.yaml [more.yaml ...]
//
// Prints one line per object ("ok Kind/name" or "invalid Kind/name: ...") and exits 1 if any object is invalid,
// is of a kind no installed package describes, or no object was read at all; 2 on unreadable input.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// apiVersion group -> the package that models it. The core group ("v1") has no prefix.
const packages = {
  "": "kubernetes-models",
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.lastIndexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = packages[group] ?? "kubernetes-models";
  try {
    const module = await import(`${pkg}/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function describe(error) {
  const details = error?.errors ?? error?.details;
  if (Array.isArray(details) && details.length > 0) {
    return details.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
  }
  return error?.message ?? String(error);
}

const files = process.argv.slice(2);
let text;
try {
  text = files.length === 0 ? readFileSync(0, "utf8") : files.map((f) => readFileSync(f, "utf8")).join("\n---\n");
} catch (error) {
  console.error(`cannot read input: ${error.message}`);
  process.exit(2);
}

let objects = 0;
let failures = 0;
for (const doc of parseAllDocuments(text)) {
  if (doc.errors.length > 0) {
    console.log(`invalid YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    failures++;
    continue;
  }
  const object = doc.toJS();
  if (object === null || object === undefined) {
    continue;
  }
  objects++;
  const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    console.log(`invalid ${name}: apiVersion and kind are required`);
    failures++;
    continue;
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (Model === undefined) {
    console.log(`invalid ${name}: no schema for ${object.apiVersion} ${object.kind} in the installed packages`);
    failures++;
    continue;
  }
  // kustomize wraps long base64 values of a Secret's data over several lines; the API server's decoder (Go's
  // encoding/base64) ignores line breaks, the schema's "byte" pattern does not.
  if (object.kind === "Secret" && object.data !== null && typeof object.data === "object") {
    for (const [key, value] of Object.entries(object.data)) {
      if (typeof value === "string") {
        object.data[key] = value.replace(/[\r\n]/g, "");
      }
    }
  }
  try {
    new Model(object).validate();
    console.log(`ok ${name}`);
  } catch (error) {
    console.log(`invalid ${name}: ${describe(error)}`);
    failures++;
  }
}

if (objects === 0) {
  console.log("invalid input: no Kubernetes objects");
  process.exit(1);
}
console.log(`${objects} objects, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
