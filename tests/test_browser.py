"""The editors' page in a real headless Chromium, against the real server over a loopback socket.

Needs Debian's ``chromium`` and ``chromium-driver`` (``scripts/test`` installs them when run as
root, as CI does) and selenium.
Set ``BANNEDORGS_SCREENSHOTS=docs/img`` to refresh the screenshots of the editors' guide.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

pytest.importorskip("selenium", reason="the browser tests drive Chromium with selenium")
pytest.importorskip("uvicorn", reason="the browser tests run the real server (the 'server' extra)")

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

import bannedorgs

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
    reason=f"no browser: {CHROMIUM} and {CHROMEDRIVER} are not both installed "
    "(apt-get install chromium chromium-driver)",
)

RU = (
    "Вчера в Астане задержали трёх человек. По данным полиции, они распространяли листовки "
    "«Хизб ут-Тахрир» среди студентов."
)
ON = "2024-01-10"
WAIT = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def _serving(log: Path, env: dict[str, str] | None = None, args: Sequence[str] = ()) -> Iterator[str]:
    """``bannedorgs serve`` in a child process on a free loopback port, its output in ``log``."""
    port = _free_port()
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "bannedorgs", "serve", "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if child.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"the server did not start: {log.read_text()}")
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            child.terminate()
            child.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server every test of the page talks to; at the end its log must hold no text."""
    log = tmp_path_factory.mktemp("server") / "log.txt"
    with _serving(log) as url:
        yield url
    logged = log.read_text("utf-8", errors="replace")
    assert "Хизб" not in logged and "листовки" not in logged, "a text reached the server's log"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP violations show in the console
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: WebDriver, server: str) -> WebDriver:
    browser.set_window_size(1000, 900)
    browser.get(server + "/")
    browser.execute_script("localStorage.clear()")
    browser.get(server + "/")
    return browser


def _screenshots(tmp_path: Path) -> Path:
    return Path(os.environ.get("BANNEDORGS_SCREENSHOTS") or tmp_path)


def _paste(driver: WebDriver, text: str, *, on: str = ON) -> None:
    """Put ``text`` into the text box as a paste would (send_keys is far too slow for megabytes)."""
    driver.execute_script(
        "const box = document.getElementById('text'); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input', {bubbles: true}));"
        "document.getElementById('on').value = arguments[1];",
        text,
        on,
    )


def _wait_for(driver: WebDriver, css: str) -> WebElement:
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
    return driver.find_element(By.CSS_SELECTOR, css)


def _no_alert(driver: WebDriver) -> bool:
    try:
        driver.switch_to.alert  # noqa: B018 -- the property raises when no dialog is open
    except NoAlertPresentException:
        return True
    return False


def test_a_russian_paragraph_is_marked_explained_and_copied(page: WebDriver, server: str, tmp_path: Path) -> None:
    page.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    _paste(page, RU)
    page.find_element(By.ID, "run").click()
    mention = _wait_for(page, "#marked .mention")
    assert mention.text == "Хизб ут-Тахрир"
    assert not page.find_element(By.ID, "token-field").is_displayed()  # no token asked for where none is set
    assert mention.get_attribute("class") == "mention banned"
    assert len(page.find_elements(By.CSS_SELECTOR, "#marked .mention")) == 1

    # the card opens on keyboard focus, with the court and the date of the decision
    page.execute_script("arguments[0].focus()", mention)
    card = page.find_element(By.ID, "card")
    WebDriverWait(page, WAIT).until(lambda d: card.is_displayed() and "Astana City Court" in card.text)
    assert "2005-03-28" in card.text
    assert "extremist" in card.text and "banned" in card.text
    links = card.find_elements(By.CSS_SELECTOR, "a[href^='https://']")
    assert links, "the sources are links"
    page.execute_script("document.getElementById('preview').scrollIntoView()")
    page.save_screenshot(str(_screenshots(tmp_path) / "desk-card.png"))

    # the result is the library's own output for the same text, date and options
    result = page.find_element(By.ID, "result").get_attribute("value")
    assert result == bannedorgs.annotate(RU, on=ON).text
    assert "«Хизб ут-Тахрир»*" in result and "Астанинского городского суда" in result

    ActionChains(page).send_keys(Keys.ESCAPE).perform()  # Escape closes the card
    WebDriverWait(page, WAIT).until(lambda d: not card.is_displayed())
    page.find_element(By.ID, "copy").click()
    WebDriverWait(page, WAIT).until(lambda d: d.find_element(By.ID, "copied").text == "Copied.")
    clipboard = page.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.read().then(async (items) => {"
        "  const item = items[0];"
        "  const plain = await (await item.getType('text/plain')).text();"
        "  const html = await (await item.getType('text/html')).text();"
        "  done({plain: plain, html: html, types: item.types});"
        "}, (e) => done({error: String(e)}));"
    )
    assert "error" not in clipboard, clipboard
    assert clipboard["plain"] == result
    assert "«Хизб ут-Тахрир»*" in clipboard["html"] and "<p>" in clipboard["html"]


def test_hostile_input_shows_as_text_and_opens_no_dialog(page: WebDriver) -> None:
    hostile = "<img src=x onerror=alert(1)> Хизб ут-Тахрир </textarea><script>alert(1)</script>"
    for fmt in ("auto", "text", "html"):
        Select(page.find_element(By.ID, "format")).select_by_value(fmt)
        _paste(page, hostile)
        page.find_element(By.ID, "run").click()
        _wait_for(page, "#marked .mention")
        time.sleep(0.3)  # time for an injected handler to fire, were there one
        assert _no_alert(page)
        marked = page.find_element(By.ID, "marked")
        assert marked.text == hostile
        assert not page.find_elements(By.CSS_SELECTOR, "#marked img, #marked script, main script")
        assert page.find_element(By.ID, "result").get_attribute("value").startswith("<img src=x onerror=alert(1)>")
        page.execute_script("arguments[0].focus()", marked.find_element(By.CSS_SELECTOR, ".mention"))
        WebDriverWait(page, WAIT).until(lambda d: d.find_element(By.ID, "card").is_displayed())
        assert _no_alert(page)
        page.refresh()


def test_the_language_switch_changes_the_interface(page: WebDriver, tmp_path: Path) -> None:
    title = page.find_element(By.TAG_NAME, "h1")
    label = page.find_element(By.CSS_SELECTOR, "label[for=text]")
    assert (title.text, label.text) == ("Banned organisations: footnotes for an article", "Article text")
    switch = Select(page.find_element(By.ID, "ui-lang"))
    switch.select_by_value("kk")
    assert title.text == "Тыйым салынған ұйымдар: мақалаға сілтемелер"
    assert label.text == "Мақала мәтіні"
    assert page.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk"
    switch.select_by_value("ru")
    assert title.text == "Запрещённые организации: сноски для статьи"
    assert page.find_element(By.ID, "run").text == "Выполнить"
    # the choice survives a reload
    page.refresh()
    assert page.find_element(By.TAG_NAME, "h1").text == "Запрещённые организации: сноски для статьи"
    _paste(page, RU)
    page.find_element(By.ID, "run").click()
    _wait_for(page, "#marked .mention")
    page.execute_script("document.getElementById('preview').scrollIntoView()")
    page.save_screenshot(str(_screenshots(tmp_path) / "desk-ru.png"))


def test_check_mode_lists_an_unmarked_mention(page: WebDriver) -> None:
    text = "Заголовок\nВчера члены Хизб ут-Тахрир были задержаны."
    _paste(page, text)
    page.find_element(By.CSS_SELECTOR, "input[name=mode][value=check]").click()
    page.find_element(By.ID, "run").click()
    item = _wait_for(page, "#issues li")
    # line 2; "Вчера члены " is 12 characters, so the name starts in column 13
    assert (item.get_attribute("data-line"), item.get_attribute("data-column")) == ("2", "13")
    assert item.text == "line 2, column 13: «Хизб ут-Тахрир» has no footnote marker"
    assert not page.find_element(By.ID, "result-box").is_displayed()
    # a marked text has nothing to report
    _paste(page, bannedorgs.annotate(text, on=ON).text)
    page.find_element(By.ID, "run").click()
    WebDriverWait(page, WAIT).until(lambda d: d.find_element(By.ID, "issues-none").is_displayed())
    assert page.find_elements(By.CSS_SELECTOR, "#issues li") == []


def test_a_text_over_the_limit_is_refused_with_a_message(page: WebDriver) -> None:
    page.execute_script(
        "const box = document.getElementById('text'); box.value = 'a'.repeat(5 * 1024 * 1024 + 1);"
        "box.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    page.find_element(By.ID, "run").click()
    message = page.find_element(By.ID, "message")
    WebDriverWait(page, WAIT).until(lambda d: message.is_displayed())
    assert "5242881 bytes" in message.text and "5242880" in message.text
    assert not page.find_element(By.ID, "result-box").is_displayed()


def test_the_page_fits_a_phone(page: WebDriver, server: str) -> None:
    page.set_window_size(375, 800)
    page.get(server + "/")
    _paste(page, RU)
    page.find_element(By.ID, "run").click()
    _wait_for(page, "#marked .mention")
    overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert page.execute_script(overflow) <= 0
    for path, ready in (("/organisations", "#orgs tbody tr"), ("/organisations/taliban", "#org .decision")):
        page.get(server + path)
        _wait_for(page, ready)
        assert page.execute_script(overflow) <= 0, path
    page.get(server + "/")
    # every form control has a label
    unlabelled = page.execute_script(
        "return [...document.querySelectorAll('input, select, textarea')]"
        ".filter(e => e.type !== 'radio' && !(e.labels && e.labels.length)).map(e => e.id)"
    )
    assert unlabelled == []


def test_the_registry_pages_search_and_show_the_history(page: WebDriver, server: str, tmp_path: Path) -> None:
    page.get(server + "/organisations")
    _wait_for(page, "#orgs tbody tr")
    every = len(page.find_elements(By.CSS_SELECTOR, "#orgs tbody tr"))
    assert every == len(bannedorgs.default_registry())
    Select(page.find_element(By.ID, "category")).select_by_value("terrorist")
    WebDriverWait(page, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#orgs tbody tr")) < every)
    page.find_element(By.ID, "q").send_keys("Талибан")
    WebDriverWait(page, WAIT).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#orgs tbody tr").get_attribute("data-id") == "taliban"
    )
    page.save_screenshot(str(_screenshots(tmp_path) / "desk-registry.png"))
    page.find_element(By.CSS_SELECTOR, "#orgs tbody tr a").click()
    WebDriverWait(page, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#org .decision"))
    text = page.find_element(By.ID, "org").text
    assert "Supreme Court" in text and "lifted" in text  # the ban and the decision that lifted it
    assert page.find_element(By.ID, "name").text == "Taliban"


@pytest.fixture(autouse=True)
def _keep_screenshots_small() -> Iterator[None]:
    yield
    target = os.environ.get("BANNEDORGS_SCREENSHOTS")
    if target and shutil.which("optipng"):
        for png in Path(target).glob("desk-*.png"):
            subprocess.run(["optipng", "-quiet", "-o2", str(png)], check=False)


def test_an_opened_file_sets_the_format_and_download_saves_the_result(
    browser: WebDriver, server: str, tmp_path: Path
) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(server + "/")
    article = tmp_path / "story.html"
    html = "<html><body><h1>Суд</h1><p>Члены «Хизб ут-Тахрир» задержаны.</p></body></html>"
    article.write_text(html, encoding="utf-8")
    browser.find_element(By.ID, "file").send_keys(str(article))
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "text").get_attribute("value") == html)
    assert Select(browser.find_element(By.ID, "format")).first_selected_option.get_attribute("value") == "html"
    browser.execute_script("document.getElementById('on').value = arguments[0]", ON)
    browser.find_element(By.ID, "run").click()
    _wait_for(browser, "#marked .mention")
    expected = bannedorgs.annotate(html, on=ON, format="html").text
    assert browser.find_element(By.ID, "result").get_attribute("value") == expected
    browser.find_element(By.ID, "download").click()
    saved = downloads / "article-with-footnotes.html"
    WebDriverWait(browser, WAIT).until(lambda d: saved.is_file() and saved.read_text("utf-8") == expected)


def test_a_server_with_a_token_asks_for_it(browser: WebDriver, tmp_path: Path) -> None:
    with _serving(tmp_path / "log.txt", {"BANNEDORGS_TOKEN": "s3cret-token"}) as url:
        browser.get(url + "/")
        _paste(browser, RU)
        browser.find_element(By.ID, "run").click()
        message = browser.find_element(By.ID, "message")
        WebDriverWait(browser, WAIT).until(lambda d: message.is_displayed())
        assert "access token" in message.text
        token = browser.find_element(By.ID, "token")
        assert token.is_displayed()
        token.send_keys("wrong")
        browser.find_element(By.ID, "run").click()
        WebDriverWait(browser, WAIT).until(lambda d: "access token" in message.text)
        assert not browser.find_elements(By.CSS_SELECTOR, "#marked .mention")
        token.clear()
        token.send_keys("s3cret-token")
        browser.find_element(By.ID, "run").click()
        assert _wait_for(browser, "#marked .mention").text == "Хизб ут-Тахрир"
        assert not message.is_displayed()


@pytest.mark.parametrize(
    ("on", "style", "state"),
    [
        ("2020-06-01", "banned", "banned"),
        ("2023-12-15", "uncertain", "uncertain"),
        ("2024-06-01", "not-banned", "no longer banned"),
    ],
)
def test_each_state_on_the_day_has_its_own_style(page: WebDriver, on: str, style: str, state: str) -> None:
    # the Taliban: banned from 2005, the ban lifted in December 2023 (known to the month)
    _paste(page, "Делегация движения «Талибан» прибыла в Астану.", on=on)
    page.find_element(By.ID, "run").click()
    mention = _wait_for(page, "#marked .mention")
    assert mention.text == "Талибан"
    assert mention.get_attribute("class") == f"mention {style}"
    page.execute_script("arguments[0].focus()", mention)
    card = page.find_element(By.ID, "card")
    WebDriverWait(page, WAIT).until(lambda d: card.is_displayed() and f"On {on}: {state}" in card.text)
    footnoted = bannedorgs.annotate("Делегация движения «Талибан» прибыла в Астану.", on=on).footnotes
    result = page.find_element(By.ID, "result").get_attribute("value")
    assert ("*" in result) == bool(footnoted)


def test_the_first_visit_follows_the_browsers_language(browser: WebDriver, server: str) -> None:
    browser.get(server + "/")
    browser.execute_script("localStorage.clear()")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": "kk-KZ,kk;q=0.9,ru;q=0.8"}})
    try:
        browser.get(server + "/organisations")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Тыйым салынған ұйымдар тізілімі"
        _wait_for(browser, "#orgs tbody tr")
        assert browser.find_element(By.CSS_SELECTOR, "th").text == "Атауы"
    finally:
        browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
        browser.execute_cdp_cmd("Network.disable", {})


def test_the_api_docs_page_renders_the_schema(browser: WebDriver, server: str) -> None:
    browser.get(server + "/api/v1/docs")
    section = _wait_for(browser, "section#annotate")
    assert "POST /api/v1/annotate" in section.text and "413" in section.text
    assert browser.find_element(By.CSS_SELECTOR, "section#organisation").text.startswith(
        "GET /api/v1/organisations/{id}"
    )


HOSTILE_REGISTRY = """\
schema_version: 1
data_version: "2026.1"
updated_on: 2026-01-15
courts:
  - id: evil-court
    names: {en: "<script>alert('court')</script> Court", ru: "<script>alert('court')</script> суд"}
organisations:
  - id: evil-front
    category: terrorist
    names:
      en: "Evil Front <img src=x onerror=alert('name')>"
      ru: "Злой фронт <img src=x onerror=alert('name')>"
    aliases:
      ru: [Злой фронт]
    decisions:
      - kind: ban
        decided_on: 2010-05-20
        court: evil-court
        sources:
          - {url: "https://example.org/ban", says: "<img src=x onerror=alert('says')>"}
    notes: ["</textarea><script>alert('note')</script>"]
"""


def test_registry_text_is_shown_as_text_everywhere(browser: WebDriver, tmp_path: Path) -> None:
    registry = tmp_path / "hostile.yaml"
    registry.write_text(HOSTILE_REGISTRY, encoding="utf-8")
    with _serving(tmp_path / "log.txt", args=["--registry", str(registry)]) as url:
        browser.get(url + "/")
        _paste(browser, "Вчера Злой фронт провёл акцию.")
        browser.find_element(By.ID, "run").click()
        mention = _wait_for(browser, "#marked .mention")
        browser.execute_script("arguments[0].focus()", mention)
        card = browser.find_element(By.ID, "card")
        WebDriverWait(browser, WAIT).until(lambda d: card.is_displayed() and "Court" in card.text)
        assert "<script>alert('court')</script> Court" in card.text
        assert "<img src=x onerror=alert('says')>" in card.text
        assert "Evil Front <img src=x onerror=alert('name')>" in card.text
        assert "<script>alert('court')</script>" in browser.find_element(By.ID, "result").get_attribute("value")
        for path in ("/organisations", "/organisations/evil-front"):
            browser.get(url + path)
            _wait_for(browser, "#orgs tbody tr" if path == "/organisations" else "#org .decision")
            time.sleep(0.3)  # time for an injected handler to fire, were there one
            assert _no_alert(browser)
            assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script")
        assert "</textarea><script>alert('note')</script>" in browser.find_element(By.ID, "org").text
        assert browser.title == "Evil Front <img src=x onerror=alert('name')>"


def test_the_card_opens_by_keyboard_and_by_pointer(page: WebDriver) -> None:
    _paste(page, RU)
    run = page.find_element(By.ID, "run")
    run.click()
    mention = _wait_for(page, "#marked .mention")
    card = page.find_element(By.ID, "card")
    # from the button, the next Tab stop is the first highlighted name
    ActionChains(page).send_keys(Keys.TAB).perform()
    assert page.switch_to.active_element == mention
    WebDriverWait(page, WAIT).until(lambda d: card.is_displayed() and "Astana City Court" in card.text)
    ActionChains(page).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(page, WAIT).until(lambda d: not card.is_displayed())
    page.find_element(By.TAG_NAME, "h1").click()  # focus away from the name
    ActionChains(page).move_to_element(mention).perform()
    WebDriverWait(page, WAIT).until(lambda d: card.is_displayed() and "2005-03-28" in card.text)
    ActionChains(page).move_to_element(page.find_element(By.TAG_NAME, "h1")).perform()
    WebDriverWait(page, WAIT).until(lambda d: not card.is_displayed())


def test_no_page_breaks_its_own_content_security_policy(page: WebDriver, server: str) -> None:
    page.get_log("browser")  # start from an empty console
    _paste(page, RU)
    page.find_element(By.ID, "run").click()
    mention = _wait_for(page, "#marked .mention")
    page.execute_script("arguments[0].focus()", mention)
    WebDriverWait(page, WAIT).until(lambda d: d.find_element(By.ID, "card").is_displayed())
    for path, ready in (
        ("/organisations", "#orgs tbody tr"),
        ("/organisations/hizb-ut-tahrir", "#org .decision"),
        ("/api/v1/docs", "section#annotate"),
    ):
        page.get(server + path)
        _wait_for(page, ready)
    problems = [entry["message"] for entry in page.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []


def test_a_file_not_in_utf8_is_refused_with_a_message(page: WebDriver, tmp_path: Path) -> None:
    article = tmp_path / "old.txt"
    article.write_bytes("Члены Хизб ут-Тахрир задержаны.".encode("cp1251"))
    page.find_element(By.ID, "file").send_keys(str(article))
    message = page.find_element(By.ID, "message")
    WebDriverWait(page, WAIT).until(lambda d: message.is_displayed())
    assert "UTF-8" in message.text
    assert page.find_element(By.ID, "text").get_attribute("value") == ""


def _word_file(path: Path, *paragraphs: str) -> Path:
    docx = pytest.importorskip("docx", reason="the test writes a Word file with python-docx")
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_chosen_word_file_is_marked_and_downloaded_with_its_footnote(
    browser: WebDriver, server: str, tmp_path: Path
) -> None:
    import docx
    from docx.oxml.ns import qn

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(server + "/")
    browser.execute_script("document.getElementById('on').value = arguments[0]", ON)
    taliban = "Делегация движения «Талибан» прибыла в Астану."
    article = _word_file(tmp_path / "Сот ісі.docx", "Новости суда", RU, taliban)
    browser.find_element(By.ID, "file").send_keys(str(article))
    _wait_for(browser, "#marked .mention")
    highlighted = [
        (m.text, m.get_attribute("data-state")) for m in browser.find_elements(By.CSS_SELECTOR, "#marked .mention")
    ]
    # the Taliban ban was lifted before 2024: highlighted as no longer banned, and no footnote
    assert highlighted == [("Хизб ут-Тахрир", "banned"), ("Талибан", "not banned")]
    assert "Сот ісі.docx" in browser.find_element(By.ID, "document-chosen").text
    assert browser.find_element(By.ID, "text").get_attribute("value") == ""
    box = browser.find_element(By.ID, "document-box")
    assert box.is_displayed()
    [note] = browser.find_elements(By.CSS_SELECTOR, "#document-footnotes li")
    assert note.text.startswith("Организация «Хизб ут-Тахрир»")
    assert browser.find_element(By.ID, "document-name").text == "Сот ісі-footnotes.docx"
    assert not browser.find_element(By.ID, "format").is_displayed()  # a document is its own format
    browser.execute_script("document.getElementById('preview').scrollIntoView()")
    browser.save_screenshot(str(_screenshots(tmp_path) / "desk-word.png"))
    browser.find_element(By.ID, "download-document").click()
    saved = downloads / "Сот ісі-footnotes.docx"
    # Chromium writes into a .crdownload file and renames it when the download is complete
    WebDriverWait(browser, WAIT).until(lambda d: saved.is_file())
    reopened = docx.Document(str(saved))
    assert [p.text for p in reopened.paragraphs] == ["Новости суда", RU, taliban]  # a reference has no text
    runs = reopened.paragraphs[1]._p.findall(qn("w:r"))
    [reference] = [r for r in runs if r.find(qn("w:footnoteReference")) is not None]
    before = "".join(t.text for r in runs[: runs.index(reference)] for t in r.iter(qn("w:t")))
    assert before.endswith("«Хизб ут-Тахрир»")  # the reference run follows the closing quote
    notes = next(p for p in reopened.part.package.parts if p.partname == "/word/footnotes.xml")
    assert "Хизб ут-Тахрир" in notes.blob.decode("utf-8")
    assert "Астанинского городского суда" in notes.blob.decode("utf-8")
    # Go again, now in check mode: the chosen document (as it was chosen, unmarked) is checked
    browser.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="check"]').click()
    browser.find_element(By.ID, "run").click()
    issue = _wait_for(browser, "#issues li")
    assert issue.text == "paragraph 2: «Хизб ут-Тахрир» has no footnote marker"
    assert not browser.find_element(By.ID, "document-box").is_displayed()


def test_check_mode_lists_a_word_file_s_unmarked_mentions_by_paragraph(page: WebDriver, tmp_path: Path) -> None:
    page.execute_script("document.getElementById('on').value = arguments[0]", ON)
    page.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="check"]').click()
    article = _word_file(tmp_path / "story.docx", "Новости суда", RU)
    page.find_element(By.ID, "file").send_keys(str(article))
    issue = _wait_for(page, "#issues li")
    assert issue.get_attribute("data-paragraph") == "2"
    assert issue.text == "paragraph 2: «Хизб ут-Тахрир» has no footnote marker"
    assert page.find_element(By.CSS_SELECTOR, "#marked .mention").text == "Хизб ут-Тахрир"
    assert not page.find_element(By.ID, "document-box").is_displayed()
    # typing a text forgets the file: the page goes back to checking the text box
    _paste(page, "Члены Хизб ут-Тахрир* задержаны.")
    assert not page.find_element(By.ID, "document-chosen").is_displayed()
    assert not page.find_element(By.ID, "doc-footnotes-field").is_displayed()


def test_a_word_file_that_is_not_a_zip_gets_the_server_s_sentence(page: WebDriver, tmp_path: Path) -> None:
    fake = tmp_path / "letter.docx"
    fake.write_text("I am not a Word file.", encoding="utf-8")
    page.find_element(By.ID, "file").send_keys(str(fake))
    message = page.find_element(By.ID, "message")
    WebDriverWait(page, WAIT).until(lambda d: message.is_displayed())
    assert "not a Word (.docx) or OpenDocument (.odt) file" in message.text
