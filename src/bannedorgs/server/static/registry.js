"use strict";
// The registry list: filters by date and category, and a search box over the API's search.

let rows = [];
let found = null;  // ids the search returned, best first, or null without a query
let searchTimer = null;

function banDecision(status) {
  const d = status.decision;
  if (!d) return "";
  const court = courtName(d.court) || d.court_reported || t("card.courtUnknown");
  return t("kind." + d.kind) + ", " + dateText(d.decided_on) + " — " + court;
}

function render() {
  const body = document.querySelector("#orgs tbody");
  let shown = rows;
  if (found) {
    const byId = new Map(rows.map((row) => [row.id, row]));
    shown = found.map((id) => byId.get(id)).filter(Boolean);
  }
  body.replaceChildren(...shown.map((row) => el("tr", { "data-id": row.id },
    el("td", {}, el("a", { href: "/organisations/" + encodeURIComponent(row.id) }, orgName(row.names))),
    el("td", {}, t("cat." + (row.category || "unknown"))),
    el("td", { class: "state-" + stateClass(row.status.state) }, t("state." + row.status.state)),
    el("td", {}, banDecision(row.status)),
  )));
  document.getElementById("count").textContent = t("reg.count", { n: shown.length });
}

async function load() {
  const on = document.getElementById("on").value || today();
  const category = document.getElementById("category").value;
  const query = "?on=" + encodeURIComponent(on) + (category ? "&category=" + encodeURIComponent(category) : "");
  try {
    rows = await api("/api/v1/organisations" + query);
    showMessage("");
    render();
  } catch (e) { showMessage(e.message); }
}

async function search() {
  const q = document.getElementById("q").value.trim();
  if (!q) { found = null; render(); return; }
  try {
    const matches = await api("/api/v1/search?limit=20&q=" + encodeURIComponent(q));
    found = matches.map((m) => m.id);
    showMessage("");
    render();
  } catch (e) { showMessage(e.message); }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("on").value = today();
  document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); search(); });
  document.getElementById("on").addEventListener("change", load);
  document.getElementById("category").addEventListener("change", load);
  document.getElementById("q").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 250); });
  document.getElementById("token").addEventListener("change", load);
  onLanguageChange(() => { if (rows.length) render(); });
  load();
});
