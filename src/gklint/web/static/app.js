// The page: the officer picks or drops report files; their bytes go to the worker (worker.js,
// gklint under Pyodide) and nowhere else; progress, notes and the findings page are shown here.
"use strict";

(() => {
  const LABELS = JSON.parse(document.getElementById("labels").textContent);
  const $ = (id) => document.getElementById(id);
  const body = document.body;
  let lang = initialLang();
  let status = { key: "stage-runtime", args: {} }; // re-shown in the other language on a switch
  let notices = [];
  let worker = null;
  let ready = false;
  let failed = false; // gklint could not start: files chosen now would wait for ever
  let busy = false;
  let waiting = null; // files chosen before gklint was ready, or while it was checking others
  let maxBytes = 20 * 1024 * 1024;
  let pageUrl = null;

  function initialLang() {
    const asked = new URLSearchParams(location.search).get("lang");
    if (asked === "zh" || asked === "en") return asked;
    try {
      return localStorage.getItem("gklint-lang") === "en" ? "en" : "zh";
    } catch {
      return "zh";
    }
  }

  function t(key, args) {
    const text = LABELS[lang][key] || LABELS.zh[key] || key;
    return text.replace(/\{(\w+)\}/g, (all, name) => (args && name in args ? String(args[name]) : all));
  }

  function show(key, args, state) {
    status = { key, args: args || {} };
    $("message").textContent = t(key, args);
    if (state) body.dataset.state = state;
  }

  function progress(value, max) {
    const bar = $("progress");
    if (value === undefined) bar.removeAttribute("value");
    else {
      bar.max = max;
      bar.value = value;
    }
  }

  function showNotices() {
    $("notices").replaceChildren(...notices.map((n) => {
      const li = document.createElement("li");
      li.textContent = t(n.key, n.args);
      return li;
    }));
  }

  function applyLang() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.title = t("title");
    for (const el of document.querySelectorAll("[data-label]")) el.textContent = t(el.dataset.label);
    for (const el of document.querySelectorAll("[data-label-aria]")) el.setAttribute("aria-label", t(el.dataset.labelAria));
    for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    $("result").title = t("title");
    $("save").download = t("save-name");
    $("message").textContent = t(status.key, status.args);
    showNotices();
  }

  function setLang(next) {
    if (next === lang) return;
    lang = next;
    try {
      localStorage.setItem("gklint-lang", lang);
    } catch {
      // a browser that keeps nothing: the switch still works for this page
    }
    applyLang();
    if (pageUrl && !busy) worker.postMessage({ type: "page", lang });
  }

  function showPage(html) {
    if (pageUrl) URL.revokeObjectURL(pageUrl);
    pageUrl = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
    const frame = $("result");
    frame.src = pageUrl;
    frame.hidden = false;
    $("save").href = pageUrl;
    $("save").hidden = false;
    body.classList.add("has-result");
  }

  function pdfContent(data) {
    // gklint goes by a file's content as well as its name (readers.sniff): a PDF by another name.
    return new TextDecoder("latin1").decode(new Uint8Array(data, 0, Math.min(1024, data.byteLength))).includes("%PDF-");
  }

  async function choose(fileList) {
    const files = Array.from(fileList || []);
    if (!files.length) return;
    if (failed) return;
    if (!ready || busy) {
      waiting = files;
      if (!ready) show("waiting", { n: files.length });
      return;
    }
    busy = true;
    notices = [];
    const batch = [];
    for (const file of files) {
      const mb = (file.size / 1024 / 1024).toFixed(1);
      if (/\.pdf$/i.test(file.name)) notices.push({ key: "file-pdf", args: { name: file.name } });
      else if (file.size > maxBytes) {
        notices.push({ key: "file-too-large", args: { name: file.name, mb, limit: Math.round(maxBytes / 1024 / 1024) } });
      } else {
        try {
          const data = await file.arrayBuffer();
          if (pdfContent(data)) notices.push({ key: "file-pdf", args: { name: file.name } });
          else batch.push({ name: file.name, data });
        } catch (err) {
          notices.push({ key: "file-unreadable", args: { name: file.name, error: err.message || String(err) } });
        }
      }
    }
    showNotices();
    if (!batch.length) {
      busy = false;
      progress(0, 1);
      show("nothing", {}, "done");
      return;
    }
    body.dataset.state = "checking";
    worker.postMessage({ type: "check", files: batch, lang }, batch.map((f) => f.data));
  }

  function next() {
    busy = false;
    if (waiting) {
      const files = waiting;
      waiting = null;
      choose(files);
    }
  }

  function onMessage(event) {
    const m = event.data;
    if (m.type === "stage") {
      show(m.key, m.args);
      progress(m.value, m.max);
    } else if (m.type === "ready") {
      ready = true;
      maxBytes = m.maxBytes;
      show("ready", {}, "ready");
      progress(1, 1);
      next();
    } else if (m.type === "result" || m.type === "page") {
      showPage(m.html);
      if (m.lang !== lang) worker.postMessage({ type: "page", lang }); // switched while it was working
      if (m.type === "result") {
        show("done", m.counts, "done");
        progress(1, 1);
        next();
      }
    } else if (m.type === "error") {
      failed = !ready;
      show("error", { error: m.error }, "error");
      progress(0, 1);
      next();
    }
  }

  function start() {
    for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => setLang(b.dataset.lang));
    applyLang();
    if (location.protocol === "file:") return show("from-file", {}, "error");
    if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") return show("unsupported", {}, "error");
    const input = $("files");
    input.addEventListener("change", () => {
      choose(input.files);
      input.value = ""; // the same file chosen again is checked again
    });
    const drop = $("drop");
    for (const name of ["dragenter", "dragover"]) {
      document.addEventListener(name, (e) => {
        e.preventDefault();
        drop.classList.add("over");
      });
    }
    document.addEventListener("dragleave", (e) => {
      if (!e.relatedTarget) drop.classList.remove("over");
    });
    document.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      choose(e.dataTransfer && e.dataTransfer.files);
    });
    worker = new Worker(body.dataset.worker, { type: "module" });
    worker.onmessage = onMessage;
    worker.onerror = (e) => {
      failed = !ready;
      show("error", { error: e.message || "worker" }, "error");
    };
  }

  start();
})();
