"use strict";
// What every page shares: the interface strings in three languages, a DOM builder that only
// ever sets textContent, and the API call with the optional bearer token.

const STRINGS = {
  en: {
    "title": "Banned organisations: footnotes for an article",
    "skip": "Skip to the form",
    "nav": "Site", "nav.desk": "Article", "nav.registry": "Registry", "nav.api": "API",
    "ui.language": "Interface language",
    "intro": "Paste an article or open a file. The page marks every organisation banned in Kazakhstan on the publication date and adds the footnotes.",
    "form.text": "Article text",
    "form.textHint": "Plain text, Markdown or HTML. You can also drop a .txt, .md or .html file here, or a Word (.docx) or OpenDocument (.odt) document.",
    "form.file": "Or open a file (.txt, .md, .html, .docx, .odt)",
    "form.docFootnotes": "Footnotes in the document", "opt.wordNotes": "Word's own footnotes", "opt.newsroomNotes": "Markers, and footnote paragraphs at the end",
    "doc.chosen": "Document: {name}. Below is its text; the markers and footnotes go into the file itself.",
    "doc.title": "Marked document", "doc.download": "Download the marked document", "doc.footnotes": "Footnotes added:",
    "doc.unchanged": "Nothing to add: the document stays as it was.", "doc.headers": "In headers and footers: {names}.",
    "issues.paragraph": "paragraph {n}", "issues.furniture": "header or footer",
    "form.on": "Publication date", "form.lang": "Language of the text", "form.format": "Format",
    "form.marker": "Marker", "form.mode": "What to do", "form.run": "Go",
    "form.token": "Access token of this server",
    "opt.auto": "Detect", "opt.text": "Plain text", "opt.numbered": "Stars (*, **, ***)", "opt.superscript": "Superscript (¹ ² ³)",
    "mode.annotate": "Add markers and footnotes", "mode.check": "Only check: list the mentions without a marker",
    "preview.title": "Mentions in the text",
    "state.banned": "banned", "state.not banned": "no longer banned", "state.uncertain": "uncertain",
    "result.title": "Result", "result.copy": "Copy", "result.download": "Download",
    "result.copied": "Copied.", "result.copyFailed": "The browser did not allow copying; select the result and press Ctrl+C.",
    "issues.title": "Mentions without a marker", "issues.none": "Every banned organisation is marked.",
    "issues.line": "line {line}, column {column}",
    "issue.unmarked": "«{name}» has no footnote marker", "issue.no-footnote": "«{name}» is marked but has no footnote",
    "issue.marked-not-banned": "«{name}» is marked, but it is not banned on {date}",
    "summary": "Mentions found: {n}.", "summary.none": "No organisation of the registry is mentioned.",
    "footer": "The text stays on this server only while it is being checked: it is not logged or stored.",
    "err.empty": "Paste a text or open a file first.",
    "err.tooLarge": "The text is too large: {size} bytes, and this server accepts at most {max} bytes. Split the text into parts.",
    "err.token": "This server needs an access token: enter it above and try again.",
    "err.file": "Only .txt, .md, .html, .docx and .odt files can be opened here (save an old .doc file as .docx in Word first).",
    "err.fileTooLarge": "The file is too large: {size} bytes, and this server accepts at most {max} bytes.",
    "err.encoding": "The file is not in UTF-8. Open it in a text editor and save it as UTF-8 (or use the command line, which reads Windows encodings).",
    "err.network": "The server did not answer. Is it still running?",
    "card.category": "Category", "card.status": "On {date}", "card.decisions": "Decisions", "card.sources": "Sources",
    "card.court": "court", "card.courtUnknown": "court not established", "card.reported": "reported: {court}",
    "card.more": "Full record",
    "kind.ban": "ban", "kind.unban": "lifted", "kind.rename": "renamed",
    "cat.terrorist": "terrorist", "cat.extremist": "extremist", "cat.unknown": "unknown",
    "reg.title": "Registry of banned organisations", "reg.on": "Status on", "reg.category": "Category",
    "reg.all": "All", "reg.search": "Search by name", "reg.name": "Name", "reg.status": "Status",
    "reg.since": "Decision", "reg.count": "Organisations: {n}.",
    "org.title": "Organisation", "org.back": "All organisations", "org.names": "Names", "org.aliases": "Other names",
    "org.decisions": "Decisions", "org.notes": "Notes", "org.case": "Case number", "org.inForce": "In force on",
    "org.reportedAs": "Reported as", "org.renamedTo": "Renamed to", "org.noAddress": "no address",
    "date.unknown": "date unknown"
  },
  ru: {
    "title": "Запрещённые организации: сноски для статьи",
    "skip": "Перейти к форме",
    "nav": "Разделы", "nav.desk": "Статья", "nav.registry": "Реестр", "nav.api": "API",
    "ui.language": "Язык интерфейса",
    "intro": "Вставьте статью или откройте файл. Страница отметит каждую организацию, запрещённую в Казахстане на дату публикации, и добавит сноски.",
    "form.text": "Текст статьи",
    "form.textHint": "Обычный текст, Markdown или HTML. Сюда можно перетащить файл .txt, .md или .html, а также документ Word (.docx) или OpenDocument (.odt).",
    "form.file": "Или откройте файл (.txt, .md, .html, .docx, .odt)",
    "form.docFootnotes": "Сноски в документе", "opt.wordNotes": "Обычные сноски Word", "opt.newsroomNotes": "Знаки и абзацы сносок в конце",
    "doc.chosen": "Документ: {name}. Ниже его текст; знаки и сноски ставятся в сам файл.",
    "doc.title": "Размеченный документ", "doc.download": "Скачать документ со сносками", "doc.footnotes": "Добавлены сноски:",
    "doc.unchanged": "Добавлять нечего: документ остаётся прежним.", "doc.headers": "В колонтитулах: {names}.",
    "issues.paragraph": "абзац {n}", "issues.furniture": "колонтитул",
    "form.on": "Дата публикации", "form.lang": "Язык текста", "form.format": "Формат",
    "form.marker": "Знак сноски", "form.mode": "Что сделать", "form.run": "Выполнить",
    "form.token": "Ключ доступа к этому серверу",
    "opt.auto": "Определить", "opt.text": "Обычный текст", "opt.numbered": "Звёздочки (*, **, ***)", "opt.superscript": "Надстрочные (¹ ² ³)",
    "mode.annotate": "Добавить знаки и сноски", "mode.check": "Только проверить: показать упоминания без знака сноски",
    "preview.title": "Упоминания в тексте",
    "state.banned": "запрещена", "state.not banned": "запрет снят", "state.uncertain": "неясно",
    "result.title": "Результат", "result.copy": "Копировать", "result.download": "Скачать",
    "result.copied": "Скопировано.", "result.copyFailed": "Браузер не разрешил копирование: выделите результат и нажмите Ctrl+C.",
    "issues.title": "Упоминания без знака сноски", "issues.none": "Все запрещённые организации отмечены.",
    "issues.line": "строка {line}, позиция {column}",
    "issue.unmarked": "у «{name}» нет знака сноски", "issue.no-footnote": "«{name}» отмечена, но сноски нет",
    "issue.marked-not-banned": "«{name}» отмечена, но {date} она не запрещена",
    "summary": "Найдено упоминаний: {n}.", "summary.none": "Организации из реестра в тексте не упоминаются.",
    "footer": "Текст находится на сервере только во время проверки: он не записывается в журналы и не сохраняется.",
    "err.empty": "Сначала вставьте текст или откройте файл.",
    "err.tooLarge": "Текст слишком большой: {size} байт, а этот сервер принимает не больше {max} байт. Разделите текст на части.",
    "err.token": "Этому серверу нужен ключ доступа: введите его выше и повторите.",
    "err.file": "Здесь открываются только файлы .txt, .md, .html, .docx и .odt (старый файл .doc сначала сохраните в Word как .docx).",
    "err.fileTooLarge": "Файл слишком большой: {size} байт, а этот сервер принимает не больше {max} байт.",
    "err.encoding": "Файл не в кодировке UTF-8. Откройте его в текстовом редакторе и сохраните в UTF-8 (или воспользуйтесь командной строкой: она читает кодировки Windows).",
    "err.network": "Сервер не ответил. Он запущен?",
    "card.category": "Категория", "card.status": "На {date}", "card.decisions": "Решения", "card.sources": "Источники",
    "card.court": "суд", "card.courtUnknown": "суд не установлен", "card.reported": "по сообщениям: {court}",
    "card.more": "Полная запись",
    "kind.ban": "запрет", "kind.unban": "запрет снят", "kind.rename": "переименование",
    "cat.terrorist": "террористическая", "cat.extremist": "экстремистская", "cat.unknown": "неизвестно",
    "reg.title": "Реестр запрещённых организаций", "reg.on": "Статус на дату", "reg.category": "Категория",
    "reg.all": "Все", "reg.search": "Поиск по названию", "reg.name": "Название", "reg.status": "Статус",
    "reg.since": "Решение", "reg.count": "Организаций: {n}.",
    "org.title": "Организация", "org.back": "Все организации", "org.names": "Названия", "org.aliases": "Другие названия",
    "org.decisions": "Решения", "org.notes": "Примечания", "org.case": "Номер дела", "org.inForce": "Вступило в силу",
    "org.reportedAs": "В сообщениях", "org.renamedTo": "Новое название", "org.noAddress": "без адреса",
    "date.unknown": "дата неизвестна"
  },
  kk: {
    "title": "Тыйым салынған ұйымдар: мақалаға сілтемелер",
    "skip": "Пішінге өту",
    "nav": "Бөлімдер", "nav.desk": "Мақала", "nav.registry": "Тізілім", "nav.api": "API",
    "ui.language": "Интерфейс тілі",
    "intro": "Мақаланы қойыңыз немесе файлды ашыңыз. Бет жарияланған күні Қазақстанда тыйым салынған әр ұйымды белгілеп, сілтемелерді қосады.",
    "form.text": "Мақала мәтіні",
    "form.textHint": "Қарапайым мәтін, Markdown немесе HTML. Мұнда .txt, .md не .html файлын, сондай-ақ Word (.docx) не OpenDocument (.odt) құжатын сүйреп әкелуге болады.",
    "form.file": "Немесе файлды ашыңыз (.txt, .md, .html, .docx, .odt)",
    "form.docFootnotes": "Құжаттағы сілтемелер", "opt.wordNotes": "Word-тың өз сілтемелері", "opt.newsroomNotes": "Белгілер және соңындағы сілтеме абзацтары",
    "doc.chosen": "Құжат: {name}. Төменде оның мәтіні; белгілер мен сілтемелер файлдың өзіне қойылады.",
    "doc.title": "Белгіленген құжат", "doc.download": "Сілтемелері бар құжатты жүктеп алу", "doc.footnotes": "Қосылған сілтемелер:",
    "doc.unchanged": "Қосатын ештеңе жоқ: құжат өзгермейді.", "doc.headers": "Колонтитулдарда: {names}.",
    "issues.paragraph": "{n}-абзац", "issues.furniture": "колонтитул",
    "form.on": "Жарияланған күні", "form.lang": "Мәтін тілі", "form.format": "Пішім",
    "form.marker": "Сілтеме белгісі", "form.mode": "Не істеу керек", "form.run": "Орындау",
    "form.token": "Осы серверге кіру кілті",
    "opt.auto": "Анықтау", "opt.text": "Қарапайым мәтін", "opt.numbered": "Жұлдызшалар (*, **, ***)", "opt.superscript": "Жоғарғы индекс (¹ ² ³)",
    "mode.annotate": "Белгілер мен сілтемелерді қосу", "mode.check": "Тек тексеру: белгісіз аталған ұйымдарды көрсету",
    "preview.title": "Мәтіндегі аталымдар",
    "state.banned": "тыйым салынған", "state.not banned": "тыйым алынған", "state.uncertain": "белгісіз",
    "result.title": "Нәтиже", "result.copy": "Көшіру", "result.download": "Жүктеп алу",
    "result.copied": "Көшірілді.", "result.copyFailed": "Браузер көшіруге рұқсат бермеді: нәтижені белгілеп, Ctrl+C басыңыз.",
    "issues.title": "Белгісі жоқ аталымдар", "issues.none": "Тыйым салынған барлық ұйым белгіленген.",
    "issues.line": "{line}-жол, {column}-позиция",
    "issue.unmarked": "«{name}» сілтеме белгісі жоқ", "issue.no-footnote": "«{name}» белгіленген, бірақ сілтемесі жоқ",
    "issue.marked-not-banned": "«{name}» белгіленген, бірақ {date} күні оған тыйым салынбаған",
    "summary": "Табылған аталымдар: {n}.", "summary.none": "Мәтінде тізілімдегі ұйымдар аталмайды.",
    "footer": "Мәтін серверде тек тексеру кезінде болады: ол журналға жазылмайды және сақталмайды.",
    "err.empty": "Алдымен мәтінді қойыңыз немесе файлды ашыңыз.",
    "err.tooLarge": "Мәтін тым үлкен: {size} байт, ал бұл сервер ең көбі {max} байт қабылдайды. Мәтінді бөліктерге бөліңіз.",
    "err.token": "Бұл серверге кіру кілті қажет: оны жоғарыда енгізіп, қайталаңыз.",
    "err.file": "Мұнда тек .txt, .md, .html, .docx және .odt файлдары ашылады (ескі .doc файлын алдымен Word-та .docx ретінде сақтаңыз).",
    "err.fileTooLarge": "Файл тым үлкен: {size} байт, ал бұл сервер ең көбі {max} байт қабылдайды.",
    "err.encoding": "Файл UTF-8 кодтауында емес. Оны мәтіндік редакторда ашып, UTF-8 ретінде сақтаңыз (немесе Windows кодтауларын оқитын командалық жолды қолданыңыз).",
    "err.network": "Сервер жауап бермеді. Ол іске қосылған ба?",
    "card.category": "Санат", "card.status": "{date} күні", "card.decisions": "Шешімдер", "card.sources": "Дереккөздер",
    "card.court": "сот", "card.courtUnknown": "сот анықталмаған", "card.reported": "хабарлама бойынша: {court}",
    "card.more": "Толық жазба",
    "kind.ban": "тыйым", "kind.unban": "тыйым алынды", "kind.rename": "атауы өзгерді",
    "cat.terrorist": "террористік", "cat.extremist": "экстремистік", "cat.unknown": "белгісіз",
    "reg.title": "Тыйым салынған ұйымдар тізілімі", "reg.on": "Күйі, күні", "reg.category": "Санат",
    "reg.all": "Барлығы", "reg.search": "Атауы бойынша іздеу", "reg.name": "Атауы", "reg.status": "Күйі",
    "reg.since": "Шешім", "reg.count": "Ұйымдар: {n}.",
    "org.title": "Ұйым", "org.back": "Барлық ұйымдар", "org.names": "Атаулары", "org.aliases": "Басқа атаулары",
    "org.decisions": "Шешімдер", "org.notes": "Ескертпелер", "org.case": "Іс нөмірі", "org.inForce": "Күшіне енген күні",
    "org.reportedAs": "Хабарламаларда", "org.renamedTo": "Жаңа атауы", "org.noAddress": "мекенжайсыз",
    "date.unknown": "күні белгісіз"
  }
};

const LANGS = ["kk", "ru", "en"];
let languageListeners = [];

function uiLang() {
  const stored = window.localStorage ? localStorage.getItem("bannedorgs-ui-lang") : null;
  if (LANGS.includes(stored)) return stored;
  const fromServer = document.documentElement.getAttribute("lang");
  return LANGS.includes(fromServer) ? fromServer : "en";
}

function t(key, values) {
  const table = STRINGS[uiLang()] || STRINGS.en;
  let text = key in table ? table[key] : (STRINGS.en[key] || key);
  for (const [name, value] of Object.entries(values || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}

function applyI18n() {
  const lang = uiLang();
  document.documentElement.setAttribute("lang", lang);
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  const select = document.getElementById("ui-lang");
  if (select) select.value = lang;
  for (const listener of languageListeners) listener(lang);
}

function onLanguageChange(listener) { languageListeners.push(listener); }

// Build an element; children are nodes or strings (strings become text nodes, never markup).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// Only http(s) addresses become links; anything else from the data stays text.
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch (e) { return null; }
}

function orgName(names) { return names[uiLang()] || names.en || names.ru || names.kk || ""; }
function courtName(court) { return court ? (court.names[uiLang()] || court.names.en) : null; }
function stateClass(state) { return state.replace(" ", "-"); }
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, init) {
  const options = Object.assign({ headers: {} }, init || {});
  const tokenInput = document.getElementById("token");
  const token = (tokenInput && tokenInput.value) || sessionStorage.getItem("bannedorgs-token");
  if (token) options.headers["Authorization"] = "Bearer " + token;
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new ApiError(0, t("err.network"));
  }
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (response.status === 401) {
    const field = document.getElementById("token-field");
    if (field) field.hidden = false;
    throw new ApiError(401, t("err.token"));
  }
  if (!response.ok) throw new ApiError(response.status, (body && body.error) || response.statusText);
  if (token) sessionStorage.setItem("bannedorgs-token", token);
  return body;
}

function showMessage(text) {
  const box = document.getElementById("message");
  if (!box) return;
  box.textContent = text || "";
  box.hidden = !text;
}

function dateText(value) { return value || t("date.unknown"); }

document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("ui-lang");
  if (select) {
    select.addEventListener("change", () => {
      localStorage.setItem("bannedorgs-ui-lang", select.value);
      applyI18n();
    });
  }
  applyI18n();
});
