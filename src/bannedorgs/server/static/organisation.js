"use strict";
// One organisation: names, every decision with its court, date and sources, and notes.

let record = null;

function field(label, value) {
  return value ? el("p", {}, el("strong", {}, label + ": "), value) : null;
}

function render() {
  const box = document.getElementById("org");
  const name = orgName(record.names);
  document.getElementById("name").textContent = name;
  document.title = name;
  const status = record.status;
  const names = ["kk", "ru", "en"].filter((lang) => record.names[lang]).map((lang) => el("li", {}, lang + ": ", el("span", { lang: lang }, record.names[lang])));
  const decisions = record.decisions.map((d) => el("section", { class: "decision" },
    el("h3", {}, t("kind." + d.kind) + ", " + dateText(d.decided_on)),
    field(t("card.court"), courtName(d.court) || (d.court_reported ? t("card.reported", { court: d.court_reported }) : t("card.courtUnknown"))),
    field(t("org.reportedAs"), d.reported_as),
    field(t("org.case"), d.case_number),
    field(t("org.inForce"), d.in_force_on),
    field(t("org.renamedTo"), d.renamed_to),
    el("p", {}, el("strong", {}, t("card.sources") + ":")),
    el("ul", {}, ...d.sources.map((s) => {
      const url = s.url ? safeUrl(s.url) : null;
      const says = el("span", {}, s.says + (s.note ? " (" + s.note + ")" : ""));
      return url ? el("li", {}, el("a", { href: url, rel: "noreferrer noopener" }, url), el("br"), says)
                 : el("li", {}, "(" + t("org.noAddress") + ") ", says);
    })),
    d.notes.length ? el("ul", {}, ...d.notes.map((n) => el("li", {}, n))) : null,
  ));
  box.replaceChildren(
    el("p", {}, t("card.category") + ": " + t("cat." + (record.category || "unknown"))),
    el("p", { class: "state-" + stateClass(status.state) }, t("card.status", { date: status.on }) + ": " + t("state." + status.state)),
    el("p", {}, status.reason),
    el("h2", {}, t("org.names")), el("ul", {}, ...names),
    record.aliases.length ? el("h2", {}, t("org.aliases")) : null,
    record.aliases.length ? el("p", {}, record.aliases.map((a) => a.value).join("; ")) : null,
    el("h2", {}, t("org.decisions")), ...decisions,
    record.notes.length ? el("h2", {}, t("org.notes")) : null,
    record.notes.length ? el("ul", {}, ...record.notes.map((n) => el("li", {}, n))) : null,
  );
}

async function load() {
  const id = decodeURIComponent(location.pathname.split("/").pop());
  try {
    record = await api("/api/v1/organisations/" + encodeURIComponent(id) + "?on=" + today());
    showMessage("");
    render();
  } catch (e) { showMessage(e.message); }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("token").addEventListener("change", load);
  onLanguageChange(() => { if (record) render(); });
  load();
});
