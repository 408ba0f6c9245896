"use strict";
// A plain rendering of /api/v1/openapi.json: each operation, its parameters and answers.

function schemaText(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return "[" + schemaText(schema.items) + "]";
  if (schema.enum) return schema.enum.filter((v) => v !== null).join(" | ");
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type || "");
}

function operation(path, method, op) {
  const params = (op.parameters || []).map((p) => el("li", {}, el("code", {}, p.name), " (" + p.in + (p.required ? ", required" : "") + "): " + (p.description || schemaText(p.schema))));
  const body = op.requestBody ? Object.entries(op.requestBody.content).map(([type, content]) => {
    const props = content.schema.properties ? Object.entries(content.schema.properties).map(([name, s]) => el("li", {}, el("code", {}, name), ": " + schemaText(s) + (s.description ? " — " + s.description : ""))) : [];
    return el("div", {}, el("p", {}, el("code", {}, type)), props.length ? el("ul", {}, ...props) : null);
  }) : [];
  const answers = Object.entries(op.responses).map(([code, r]) => el("li", {}, el("code", {}, code), " " + r.description));
  return el("section", { class: "api-op", id: op.operationId },
    el("h2", {}, el("code", {}, method.toUpperCase() + " " + path)),
    el("p", {}, op.summary),
    params.length ? el("ul", {}, ...params) : null,
    op.requestBody ? el("p", {}, op.requestBody.description) : null, ...body,
    el("ul", {}, ...answers));
}

document.addEventListener("DOMContentLoaded", async () => {
  const response = await fetch("/api/v1/openapi.json");
  const spec = await response.json();
  document.getElementById("api-title").textContent = spec.info.title + " API " + spec.info.version;
  document.getElementById("api-description").textContent = spec.info.description;
  const sections = [];
  for (const [path, item] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(item)) sections.push(operation(path, method, op));
  const schemas = Object.entries(spec.components.schemas).map(([name, s]) => el("section", { class: "api-op", id: "schema-" + name },
    el("h3", {}, name),
    s.properties ? el("ul", {}, ...Object.entries(s.properties).map(([k, v]) => el("li", {}, el("code", {}, k), ": " + schemaText(v) + (v.description ? " — " + v.description : "")))) : el("p", {}, JSON.stringify(s))));
  document.getElementById("api").replaceChildren(...sections, el("h2", {}, "Schemas"), ...schemas);
});
