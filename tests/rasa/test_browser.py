"""The self-help page and its chat widget in a real browser: Debian's Chromium, driven by
Playwright, talking to the running Rasa server over socket.io from another origin."""

import functools
import json
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from project import BIN, OUTPUT, PAGE_ORIGIN, ROOT, widget_token

pytestmark = pytest.mark.rasa
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = OUTPUT / "browser"
LAUNCHER = "Chatta med Eskaleringsassistenten"


# Another site's page with nothing but the snippet from the README.
EMBEDDING_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kundservice</title></head>
<body><main><h1>Kundservice</h1></main>
<script src="eskalering-widget.js" data-server="{server}" data-title="Eskalering" data-storage="session"
        data-open="true" defer></script></body></html>"""


# A page where the customer is logged in: it signs a token for the widget (docs/security.md).
LOGGED_IN_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kundportalen</title></head>
<body><main><h1>Kundportalen</h1></main>
<script>window.tokens = {tokens}; window.tokensGiven = 0;
  function nextToken() {{ window.tokensGiven += 1; return Promise.resolve(window.tokens.shift()); }}</script>
<script src="eskalering-widget.js" data-server="{server}" data-storage="session" data-open="true" {attribute}
        defer></script></body></html>"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(rasa_server, tmp_path_factory):
    """The page as `make run` builds it, pointed at the test Rasa server, served on PAGE_ORIGIN."""
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [str(BIN / "python"), "web/build.py", "--server", rasa_server, "--output", str(site)], cwd=ROOT, check=True
    )
    (site / "kundservice.html").write_text(EMBEDDING_PAGE.format(server=rasa_server), encoding="utf-8")
    port = urlparse(PAGE_ORIGIN).port
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site
    server.shutdown()


@pytest.fixture(scope="module")
def page_url(site):
    return f"{PAGE_ORIGIN}/index.html"


@pytest.fixture
def logged_in_page(site, identifying_rasa_server):
    """Writes the logged-in page for the Rasa server that identifies its users; returns its URL."""

    def write(attribute: str, tokens=()) -> str:
        (site / "portal.html").write_text(
            LOGGED_IN_PAGE.format(server=identifying_rasa_server, attribute=attribute, tokens=json.dumps(list(tokens))),
            encoding="utf-8",
        )
        return f"{PAGE_ORIGIN}/portal.html"

    return write


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "the browser test needs Debian's Chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def send(page, message: str) -> None:
    """Types and sends like a user: until the session is confirmed (just after a reload) the
    widget keeps the text in the field, and the user presses Enter again."""
    field = page.get_by_label("Ditt meddelande")
    field.fill(message)
    for _ in range(50):
        field.press("Enter")
        if not field.input_value():
            return
        page.wait_for_timeout(200)
    expect(field).to_have_value("")


def bot_messages(page):
    return page.locator(".eskc-log .eskc-bot")


def test_page_states_the_facts_and_the_widget_answers(page, page_url):
    page.goto(page_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eskalera")
    facts = page.locator("main")
    for mailbox in [
        "Kundservice-fibervilla@skanova.se",
        "Kundservice-fiber@skanova.se",
        "Kundservice-koppar@skanova.se",
        "Kundservice-inplaceringar@skanova.se",
    ]:
        expect(facts.get_by_role("link", name=mailbox)).to_have_attribute("href", f"mailto:{mailbox}")
    expect(facts).to_contain_text("0771-81 60 00")
    expect(facts).to_contain_text("helgfri måndag–fredag 08.00–16.30")
    for step in ["Startar", "Pågår", "Avslutas"]:
        expect(facts.get_by_role("heading", name=step)).to_be_visible()

    page.get_by_role("button", name=LAUNCHER).click()
    expect(bot_messages(page).first).to_contain_text("Jag är Eskaleringsassistenten")
    send(page, "Vilken mejladress gäller för Kopparaccess?")
    expect(bot_messages(page).filter(has_text="Kundservice-koppar@skanova.se")).to_have_count(1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget.png"))


def test_quick_replies_reload_and_a_ready_email(page, page_url):
    page.goto(page_url)
    page.get_by_role("button", name=LAUNCHER).click()
    expect(bot_messages(page).first).to_contain_text("Jag är Eskaleringsassistenten")
    send(page, "jag vill eskalera order 4711-2345 för Kopparaccess")
    expect(bot_messages(page).last).to_contain_text("situation")
    late = "Leveransen är inte utförd på överenskommet leveransdatum, eller leveransdatumet har passerat"
    page.get_by_role("group", name="Snabbsvar").get_by_role("button", name=late).click()
    expect(page.locator(".eskc-log .eskc-user").last).to_have_text(f"Du: {late}")
    expect(bot_messages(page).last).to_contain_text("leveransdatum")
    conversation_so_far = page.locator(".eskc-log").text_content()

    page.reload()
    expect(page.locator(".eskc-log")).to_have_text(conversation_so_far)
    # The same conversation goes on in Rasa: the form still knows the product and the number.
    send(page, "2 november 2026")
    email = page.get_by_role("link", name="öppna ett färdigt mejl")
    expect(email).to_be_visible()
    href = unquote(email.get_attribute("href"))
    assert href.startswith("mailto:Kundservice-koppar@skanova.se?subject=")
    assert "4711-2345" in href and "Kopparaccess" in href
    assert email.get_attribute("target") is None  # the mail program opens, not a blank tab
    page.screenshot(path=str(SCREENSHOTS / "escalation.png"), full_page=True)


@pytest.mark.parametrize(
    "hostile",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert('xss')</script>",
        "[klicka här](javascript:alert(1))",
    ],
)
def test_markup_from_the_user_is_shown_as_text(page, page_url, hostile):
    page.goto(page_url)
    page.get_by_role("button", name=LAUNCHER).click()
    expect(bot_messages(page).first).to_be_visible()
    send(page, hostile)
    expect(page.locator(".eskc-log .eskc-user").last).to_have_text(f"Du: {hostile}")
    expect(bot_messages(page).nth(1)).to_be_visible()
    log = page.locator(".eskc-log")
    assert log.locator("img, script").count() == 0
    assert log.locator("a[href^='javascript']").count() == 0
    assert page.dialogs == []


def test_keyboard_only(page, page_url):
    page.goto(page_url)
    launcher = page.get_by_role("button", name=LAUNCHER)
    for _ in range(40):
        page.keyboard.press("Tab")
        if launcher.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the chat launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    message = page.get_by_label("Ditt meddelande")
    expect(message).to_be_focused()
    expect(bot_messages(page).first).to_contain_text("Jag är Eskaleringsassistenten")
    page.keyboard.type("jag vill eskalera")
    page.keyboard.press("Enter")
    quick_replies = page.get_by_role("group", name="Snabbsvar")
    expect(quick_replies.get_by_role("button", name="Inget av dessa")).to_be_visible()
    page.keyboard.press("Shift+Tab")  # back from the message field to the last quick reply
    expect(page.get_by_role("button", name="Inget av dessa")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".eskc-log .eskc-user").last).to_have_text("Du: Inget av dessa")
    page.keyboard.press("Escape")
    expect(page.get_by_label("Ditt meddelande")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_no_accessibility_violations_with_the_chat_open(page, page_url):
    page.goto(page_url)
    page.get_by_role("button", name=LAUNCHER).click()
    send(page, "jag vill eskalera")
    expect(page.get_by_role("group", name="Snabbsvar")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
    violations = [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in result["violations"]]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_one_script_tag_embeds_the_widget_on_another_page(page, page_url):
    page.goto(page_url.replace("index.html", "kundservice.html"))
    expect(page.get_by_role("heading", name="Eskalering", exact=True)).to_be_visible()  # data-title, data-open
    expect(bot_messages(page).first).to_contain_text("Jag är Eskaleringsassistenten")
    send(page, "Är Kundservice öppet nu?")
    expect(bot_messages(page).last).to_contain_text("0771-81 60 00")
    stored = page.evaluate("Object.keys(sessionStorage).filter(key => key.startsWith('eskalering-chat'))")
    assert stored and page.evaluate("localStorage.length") == 0  # data-storage="session"


def test_the_token_attribute_logs_the_widget_in(page, logged_in_page):
    page.goto(logged_in_page(f'data-token="{widget_token("org-alpha", "anna")}"'))
    expect(bot_messages(page).first).to_contain_text("Jag är Eskaleringsassistenten")
    send(page, "Vilken mejladress gäller för Kopparaccess?")
    expect(bot_messages(page).filter(has_text="Kundservice-koppar@skanova.se")).to_have_count(1)


def test_without_a_token_the_logged_in_chat_says_so(page, logged_in_page):
    page.goto(logged_in_page('data-token=""'))
    expect(page.locator(".eskc-status")).to_contain_text("kräver att du är inloggad")
    expect(bot_messages(page)).to_have_count(0)


def test_an_expired_token_is_renewed_through_the_callback_and_the_message_still_answered(page, logged_in_page):
    tokens = [widget_token("org-alpha", "anna", expires_in=4), widget_token("org-alpha", "anna")]
    page.goto(logged_in_page('data-token-callback="nextToken"', tokens))
    expect(bot_messages(page).first).to_contain_text("Jag är Eskaleringsassistenten")
    page.wait_for_timeout(5000)
    send(page, "Vilken mejladress gäller för Kopparaccess?")
    expect(bot_messages(page).filter(has_text="Kundservice-koppar@skanova.se")).to_have_count(1)
    assert page.evaluate("window.tokensGiven") == 2
