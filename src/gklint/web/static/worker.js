// The page's worker (a module worker: Pyodide has no classic-worker build): Pyodide (its core, from this folder) with the bundled wheels, running
// gklint.web.inbrowser. The page hands it the files' bytes; they are written into Pyodide's
// in-memory file system and nowhere else.
"use strict";

let pyodide = null;
let inbrowser = null;
let session = null;
let run = 0;

const post = (message) => self.postMessage(message);

async function start() {
  const manifest = await get("manifest.json", { cache: "no-cache" }).then((r) => r.json());
  post({ type: "stage", key: "stage-runtime" });
  const core = new URL(manifest.pyodide, self.location.href).href;
  const { loadPyodide } = await import(core + "pyodide.mjs");
  pyodide = await loadPyodide({ indexURL: core });
  const wheels = manifest.wheels;
  // Into site-packages: unpackArchive's default, the working directory, changes with each check.
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  // Fetched together, unpacked one by one: the count shows what is done.
  const downloads = wheels.map((w) => get(`wheels/${w.file}?v=${w.sha256.slice(0, 16)}`).then((r) => r.arrayBuffer()));
  for (let i = 0; i < wheels.length; i++) {
    post({ type: "stage", key: "stage-wheels", args: { done: i, total: wheels.length }, value: i, max: wheels.length });
    pyodide.unpackArchive(await downloads[i], "wheel", { extractDir: sitePackages });
  }
  post({ type: "stage", key: "stage-import" });
  inbrowser = pyodide.pyimport("gklint.web.inbrowser");
  post({ type: "ready", maxBytes: inbrowser.MAX_BYTES });
}

async function get(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

function unique(names) {
  // Two chosen files of the same name (from two folders) both get checked.
  const seen = new Map();
  return names.map((name) => {
    const n = (seen.get(name) || 0) + 1;
    seen.set(name, n);
    if (n === 1) return name;
    const dot = name.lastIndexOf(".");
    return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
  });
}

function check(files, lang) {
  run += 1;
  const folder = `/tmp/gklint/${run}`;
  if (session) session.destroy();
  session = inbrowser.Session(folder);
  const names = unique(files.map((f) => f.name));
  files.forEach((f, i) => pyodide.FS.writeFile(`${folder}/${names[i]}`, new Uint8Array(f.data)));
  names.forEach((name, i) => {
    post({ type: "stage", key: "checking", args: { i: i + 1, n: names.length, name }, value: i, max: names.length });
    session.check(name, lang);
  });
  post({ type: "stage", key: "rendering" });
  const counts = session.finish();
  const summary = counts.toJs({ dict_converter: Object.fromEntries });
  counts.destroy();
  post({ type: "result", html: session.page(lang), lang, counts: summary });
}

function problem(err) {
  // A Python error's message is its traceback: its last line says what happened.
  const lines = String((err && err.message) || err).trim().split("\n");
  return lines[lines.length - 1];
}

const started = start();
started.catch((err) => post({ type: "error", error: problem(err) }));

self.onmessage = async (event) => {
  const message = event.data;
  try {
    await started;
    if (message.type === "check") check(message.files, message.lang);
    else if (message.type === "page" && session) post({ type: "page", html: session.page(message.lang), lang: message.lang });
  } catch (err) {
    post({ type: "error", error: problem(err) });
  }
};
