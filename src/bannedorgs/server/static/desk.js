"use strict";
// The article page: send the text to the API, show the mentions, the result and the problems.
// Every piece of text from the input or the registry reaches the page through textContent.

const FORMAT_OF_EXTENSION = { txt: "text", md: "markdown", markdown: "markdown", html: "html", htm: "html" };
// Word and OpenDocument files go to the server as they are; it marks the file itself.
const DOCUMENT_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
};
const BODY_PARTS = ["word/document.xml", "content.xml"];  // other parts hold headers and footers
const state = {
  result: null, issues: null, found: null, text: "", on: "", orgs: new Map(), cardFor: null,
  document: null, report: null,
};

function maxBody() {
  const meta = document.querySelector('meta[name="bannedorgs-max-body"]');
  return meta ? Number(meta.content) : 5 * 1024 * 1024;
}

// The API counts offsets in code points; JavaScript strings count UTF-16 units.
function unitOffsets(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const units = [];
  let unit = 0;
  for (const ch of text) { units.push(unit); unit += ch.length; }
  units.push(unit);
  return (offset) => units[offset];
}

async function readFile(file) {
  const extension = (file.name.split(".").pop() || "").toLowerCase();
  if (extension in DOCUMENT_TYPES) { chooseDocument(file, extension); return; }
  if (!(extension in FORMAT_OF_EXTENSION)) { showMessage(t("err.file")); return; }
  forgetDocument();
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch (e) {
    showMessage(t("err.encoding"));
    return;
  }
  document.getElementById("text").value = text;
  document.getElementById("format").value = FORMAT_OF_EXTENSION[extension];
  showMessage("");
}

function showDocumentChosen() {
  const note = document.getElementById("document-chosen");
  note.textContent = state.document ? t("doc.chosen", { name: state.document.name }) : "";
  note.hidden = !state.document;
  document.getElementById("doc-footnotes-field").hidden = !state.document;
  document.getElementById("format-field").hidden = Boolean(state.document);  // a document is its own format
}

// A chosen document is marked at once, in the mode chosen; the text box is left for text.
function chooseDocument(file, kind) {
  state.document = { file: file, name: file.name, kind: kind };
  document.getElementById("text").value = "";
  showDocumentChosen();
  showMessage("");
  document.getElementById("form").requestSubmit();
}

function forgetDocument() {
  if (!state.document) return;
  state.document = null;
  showDocumentChosen();
}

function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function renderDocument() {
  const report = state.report;
  document.getElementById("document-unchanged").hidden = report.changed;
  document.getElementById("document-footnotes-title").hidden = !report.footnotes.length;
  document.getElementById("document-footnotes").replaceChildren(...report.footnotes.map((f) => el("li", {}, f.text)));
  const headers = document.getElementById("document-headers");
  const names = [...new Set(report.header_mentions.map((m) => m.surface))];
  headers.textContent = names.length ? t("doc.headers", { names: names.join(", ") }) : "";
  headers.hidden = !names.length;
  document.getElementById("document-name").textContent = report.filename;
  document.getElementById("document-box").hidden = false;
}

function downloadDocument() {
  const report = state.report;
  const url = URL.createObjectURL(new Blob([base64Bytes(report.data)], { type: report.content_type }));
  const link = el("a", { href: url, download: report.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function runDocument(mode) {
  const chosen = state.document;
  if (chosen.file.size > maxBody()) { showMessage(t("err.fileTooLarge", { size: chosen.file.size, max: maxBody() })); return; }
  const on = document.getElementById("on").value || today();
  const query = new URLSearchParams({ on: on, filename: chosen.name });
  const send = (path, params) => api("/api/v1/" + path + "?" + params.toString(), {
    method: "POST", headers: { "Content-Type": DOCUMENT_TYPES[chosen.kind] }, body: chosen.file,
  });
  const options = new URLSearchParams(query);
  options.set("report", "json");
  options.set("footnotes", document.getElementById("doc-footnotes").value);
  options.set("marker", document.getElementById("marker").value);
  const lang = document.getElementById("lang").value;
  if (lang !== "auto") options.set("lang", lang);
  const button = document.getElementById("run");
  button.disabled = true;
  try {
    // the report gives the document's text in either mode
    const [report, checked] = await Promise.all([
      send("annotate-document", options), mode === "check" ? send("check-document", query) : null,
    ]);
    // the highlights include the organisations no longer banned, as for a pasted text
    const found = await api("/api/v1/find", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: report.text, on: on, format: "text", include_unbanned: true }),
    }).then((answer) => answer.mentions, () => report.mentions);
    if (state.document !== chosen) return;  // another file was chosen meanwhile
    state.text = report.text;
    state.on = on;
    state.found = found;
    state.result = null;
    state.report = mode === "annotate" ? report : null;
    state.issues = checked ? checked.issues : null;
    if (state.report) renderDocument();
    if (state.issues) renderIssues();
    renderPreview();
  } catch (e) {
    showMessage(e.status === 413 ? t("err.fileTooLarge", { size: chosen.file.size, max: maxBody() }) : e.message);
  } finally {
    button.disabled = false;
  }
}

async function orgRecord(id, on) {
  const key = id + "@" + on;
  if (!state.orgs.has(key)) {
    const record = api("/api/v1/organisations/" + encodeURIComponent(id) + "?on=" + encodeURIComponent(on));
    record.catch(() => state.orgs.delete(key));  // a failure (a token not yet given) is not kept
    state.orgs.set(key, record);
  }
  return state.orgs.get(key);
}

function renderPreview() {
  const box = document.getElementById("marked");
  const summary = document.getElementById("summary");
  box.replaceChildren();
  const mentions = state.found || [];
  const toUnit = unitOffsets(state.text);
  let at = 0;
  mentions.forEach((mention, index) => {
    const start = toUnit(mention.start), end = toUnit(mention.end);
    if (start < at) return;
    box.append(document.createTextNode(state.text.slice(at, start)));
    const mentionState = mention.state;
    const span = el("span", {
      class: "mention " + stateClass(mentionState), tabindex: 0, "data-index": index,
      "data-org": mention.org, "data-state": mentionState, "aria-describedby": "card",
    }, state.text.slice(start, end));
    span.addEventListener("mouseenter", () => showCard(span));
    span.addEventListener("focus", () => showCard(span));
    span.addEventListener("mouseleave", hideCardSoon);
    span.addEventListener("blur", hideCardSoon);
    box.append(span);
    at = end;
  });
  box.append(document.createTextNode(state.text.slice(at)));
  summary.textContent = mentions.length ? t("summary", { n: mentions.length }) : t("summary.none");
  document.getElementById("preview").hidden = false;
}

function decisionLine(decision) {
  const court = courtName(decision.court) ||
    (decision.court_reported ? t("card.reported", { court: decision.court_reported }) : t("card.courtUnknown"));
  return t("kind." + decision.kind) + ", " + dateText(decision.decided_on) + " — " + court;
}

function sourceItem(source) {
  const url = source.url ? safeUrl(source.url) : null;
  if (url) return el("li", {}, el("a", { href: url, rel: "noreferrer noopener", target: "_blank" }, source.says));
  return el("li", {}, source.says + " (" + t("org.noAddress") + ")");
}

async function showCard(span) {
  clearTimeout(state.hideTimer);
  const card = document.getElementById("card");
  state.cardFor = span;
  let record;
  try { record = await orgRecord(span.dataset.org, state.on); } catch (e) { showMessage(e.message); return; }
  if (state.cardFor !== span) return;
  const status = record.status;
  const decisions = el("ul", {}, ...record.decisions.map((d) => el("li", {}, decisionLine(d))));
  const sources = el("ul", {}, ...record.decisions.flatMap((d) => d.sources.map(sourceItem)));
  card.replaceChildren(
    el("h3", {}, orgName(record.names)),
    el("p", {}, t("card.category") + ": " + t("cat." + (record.category || "unknown"))),
    el("p", { class: "state-" + stateClass(status.state) }, t("card.status", { date: status.on }) + ": " + t("state." + status.state)),
    el("p", {}, t("card.decisions") + ":"), decisions,
    el("p", {}, t("card.sources") + ":"), sources,
    el("p", {}, el("a", { href: "/organisations/" + encodeURIComponent(record.id) }, t("card.more"))),
  );
  const box = span.getBoundingClientRect();
  card.style.top = (window.scrollY + box.bottom + 6) + "px";
  card.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8)) + "px";
  card.hidden = false;
}

function hideCardSoon() {
  clearTimeout(state.hideTimer);
  state.hideTimer = setTimeout(() => {
    const card = document.getElementById("card");
    if (card.matches(":hover") || card.contains(document.activeElement)) return;
    card.hidden = true;
    state.cardFor = null;
  }, 300);
}

function renderIssues() {
  const list = document.getElementById("issues");
  const place = (issue) => issue.paragraph === undefined
    ? t("issues.line", { line: issue.line, column: issue.column })
    : (issue.paragraph === null ? "" : t("issues.paragraph", { n: issue.paragraph })) +
      (BODY_PARTS.includes(issue.part) ? "" : " (" + t("issues.furniture") + ")");
  list.replaceChildren(...state.issues.map((issue) => el("li", {
    "data-org": issue.org, "data-line": issue.line, "data-column": issue.column, "data-paragraph": issue.paragraph,
  },
    el("strong", {}, place(issue)),
    ": " + t("issue." + issue.kind, { name: issue.surface, date: state.on }))));
  document.getElementById("issues-none").hidden = state.issues.some((i) => !i.warning);
  document.getElementById("issues-box").hidden = false;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

// The result as HTML for rich paste (Word, Google Docs, WordPress): an HTML result as it is,
// any other as escaped paragraphs.
function resultHtml(result) {
  if (result.format === "html") return result.text;
  return result.text.split(/\r?\n\s*\r?\n/).map((p) => "<p>" + escapeHtml(p).replace(/\r?\n/g, "<br>") + "</p>").join("\n");
}

async function copyResult() {
  const result = state.result;
  const done = document.getElementById("copied");
  try {
    if (window.ClipboardItem && navigator.clipboard.write) {
      await navigator.clipboard.write([new ClipboardItem({
        "text/plain": new Blob([result.text], { type: "text/plain" }),
        "text/html": new Blob([resultHtml(result)], { type: "text/html" }),
      })]);
    } else {
      await navigator.clipboard.writeText(result.text);
    }
    done.textContent = t("result.copied");
  } catch (e) {
    done.textContent = t("result.copyFailed");
  }
}

function downloadResult() {
  const result = state.result;
  const extension = { html: "html", markdown: "md" }[result.format] || "txt";
  const type = { html: "text/html", markdown: "text/markdown" }[result.format] || "text/plain";
  const url = URL.createObjectURL(new Blob([result.text], { type: type + ";charset=utf-8" }));
  const link = el("a", { href: url, download: "article-with-footnotes." + extension });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function run(event) {
  event.preventDefault();
  const text = document.getElementById("text").value;
  const mode = document.querySelector('input[name="mode"]:checked').value;
  for (const id of ["preview", "result-box", "issues-box", "document-box"]) document.getElementById(id).hidden = true;
  document.getElementById("card").hidden = true;
  showMessage("");
  if (state.document) { await runDocument(mode); return; }
  state.report = null;
  if (!text.trim()) { showMessage(t("err.empty")); return; }
  const size = new TextEncoder().encode(text).length;
  if (size > maxBody()) { showMessage(t("err.tooLarge", { size: size, max: maxBody() })); return; }
  const on = document.getElementById("on").value || today();
  const format = document.getElementById("format").value;
  const body = { text: text, on: on, format: format };
  if (mode === "annotate") {
    body.lang = document.getElementById("lang").value;
    body.marker = document.getElementById("marker").value;
  }
  const button = document.getElementById("run");
  button.disabled = true;
  const post = (path, data) => api("/api/v1/" + path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data),
  });
  try {
    // the highlights include the organisations no longer banned, which get no footnote
    const [answer, found] = await Promise.all([
      post(mode, body), post("find", { text: text, on: on, format: format, include_unbanned: true }),
    ]);
    state.text = text;
    state.on = on;
    state.found = found.mentions;
    if (mode === "annotate") {
      state.result = answer;
      state.issues = null;
      document.getElementById("result").value = answer.text;
      document.getElementById("copied").textContent = "";
      document.getElementById("result-box").hidden = false;
    } else {
      state.result = null;
      state.issues = answer.issues;
      renderIssues();
    }
    renderPreview();
  } catch (e) {
    showMessage(e.status === 413 ? t("err.tooLarge", { size: size, max: maxBody() }) : e.message);
  } finally {
    button.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("on").value = today();
  document.getElementById("form").addEventListener("submit", run);
  document.getElementById("file").addEventListener("change", (e) => { if (e.target.files[0]) readFile(e.target.files[0]); });
  const area = document.getElementById("text");
  area.addEventListener("input", forgetDocument);  // typing or pasting means the text, not the file
  area.addEventListener("dragover", (e) => { e.preventDefault(); area.classList.add("dragging"); });
  area.addEventListener("dragleave", () => area.classList.remove("dragging"));
  area.addEventListener("drop", (e) => {
    area.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files.length) { e.preventDefault(); readFile(e.dataTransfer.files[0]); }
  });
  document.getElementById("copy").addEventListener("click", copyResult);
  document.getElementById("download").addEventListener("click", downloadResult);
  document.getElementById("download-document").addEventListener("click", downloadDocument);
  const card = document.getElementById("card");
  card.addEventListener("mouseleave", hideCardSoon);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") { card.hidden = true; state.cardFor = null; } });
  onLanguageChange(() => {
    showDocumentChosen();
    if (state.report && !document.getElementById("document-box").hidden) renderDocument();
    if (state.text && !document.getElementById("preview").hidden) renderPreview();
    if (state.issues && !document.getElementById("issues-box").hidden) renderIssues();
    if (state.cardFor && !card.hidden) showCard(state.cardFor);
  });
});
