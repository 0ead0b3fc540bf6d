#!/usr/bin/env python3
"""The web app in a real browser: headless Chromium driven by selenium (make browser-test).

A fresh temporary folder gets a configuration and a vault; a few fictional samples from Samples/
are stored with `cvsieve run`; a recruiter, a privacy officer and an admin account are added with
random passwords; `cvsieve serve` runs on a free loopback port. The steps below then walk the main
flow with the mouse (log in, overview, candidates, a candidate, its profile and an export, the
users page, roles, erasure, log-out) and with the keyboard alone. Every page visited is saved as
a PNG under the screenshots folder, and on every page: no error in the browser's console, exactly
one <h1>, and no stored candidate value in any URL the browser requested (redirects and
downloads included). At the end the server gets SIGTERM and must exit 0; the folder is removed.

Steps for pages that are not built yet are marked @pending: they are expected to fail and are
listed at the end. One that passes fails the run ("unexpected success"): remove its mark.
"""

import argparse
import functools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service as ChromeService
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    sys.exit(
        "browser test: the Python package selenium is missing. `make browser-test` installs it into "
        "var/browser-venv from Tests/Browser/requirements.txt; or run this script with that venv's python3."
    )

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Fictional CVs (made by Tools/samplegen: no real person). Each becomes one candidate.
SAMPLES = ["nl-single-column.pdf", "nl-personalia-table.docx", "en-long-four-pages.pdf"]
# Log-in names that name a role, not a person.
ACCOUNTS = {"recruiter": "recruiter1", "privacy-officer": "privacy1", "admin": "beheerder1"}
CLIENT = "Voorbeeld Klant BV"  # a fictional client the profile is exported to
EXPORT_FORMATS = {"pdf", "docx", "html", "md", "json"}
NAVIGATION_NOW = ["Kandidaten", "Gebruikers"]
NAVIGATION_TO_COME = ["Overzicht", "Uploaden", "Verzoeken", "Verwerkingsregister", "Audit"]
WAIT = 15  # seconds for a page, a download or the server


def pending(waits_for):
    """A step that is expected to fail until `waits_for` is built."""

    def mark(step):
        step.waits_for = waits_for
        return unittest.expectedFailure(step)

    return mark


class Fixture:
    """The temporary vault, the server and the browser; `stop()` always cleans up."""

    def __init__(self, binary, chromium, chromedriver, screenshots):
        self.binary = binary
        self.chromium = chromium
        self.chromedriver = chromedriver
        self.screenshots = screenshots
        self.folder = None
        self.server = None
        self.server_log = None
        self.driver = None
        self.passwords = {}
        self.codes = []
        self.values = []  # every stored candidate value, for the URL check
        self.trail = []  # the browser's requests to the server: [method, path, status]
        self.requests = {}  # the same by the browser's request id
        self.shot = 0

    # MARK: - Vault and accounts

    def cvsieve(self, *arguments, stdin=None):
        done = subprocess.run(
            [self.binary, *arguments, "--config", self.config], input=stdin, capture_output=True, text=True,
            timeout=300)
        if done.returncode != 0:
            raise RuntimeError(
                f"`cvsieve {arguments[0]}` exited {done.returncode}: {done.stderr.strip()[-2000:]}")
        return done.stdout

    def make_vault(self):
        self.folder = tempfile.mkdtemp(prefix="cvsieve-browser-")
        with open(os.path.join(REPO, "pipeline.yml"), encoding="utf-8") as default:
            yaml = default.read()
        yaml = re.sub(r"^inbox: .*$", "inbox: ./inbox", yaml, flags=re.M)
        yaml = re.sub(r"^data: .*$", "data: ./data", yaml, flags=re.M)
        self.config = os.path.join(self.folder, "pipeline.yml")
        with open(self.config, "w", encoding="utf-8") as out:
            out.write(yaml)
        inbox = os.path.join(self.folder, "inbox", "sollicitatie")
        os.makedirs(inbox)
        for sample in SAMPLES:
            shutil.copy(os.path.join(REPO, "Samples", sample), inbox)
        self.cvsieve("run")
        self.codes = [c["code"] for c in json.loads(self.cvsieve("candidates", "--json"))]
        if len(self.codes) != len(SAMPLES):
            raise RuntimeError(f"{len(SAMPLES)} samples stored as {len(self.codes)} candidates")
        for code in self.codes:
            report = json.loads(self.cvsieve("subject", "access", code))
            self.values += [v["value"] for v in report["values"]]
        if not self.values:
            raise RuntimeError("the samples gave no stored values to look for")
        for role, name in ACCOUNTS.items():
            self.passwords[name] = secrets.token_urlsafe(18)
            self.cvsieve("user", "add", name, "--role", role, stdin=self.passwords[name] + "\n")

    # MARK: - Server

    def start_server(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.server_log = os.path.join(self.folder, "serve.log")
        with open(self.server_log, "w") as log:
            self.server = subprocess.Popen(
                [self.binary, "serve", "--listen", f"127.0.0.1:{port}", "--config", self.config],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + WAIT * 2
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"`cvsieve serve` exited {self.server.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + "/login", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"`cvsieve serve` did not answer on {self.base} within {WAIT * 2} s: {self.log_tail()}")

    def log_tail(self):
        try:
            with open(self.server_log, encoding="utf-8", errors="replace") as log:
                return log.read()[-2000:]
        except OSError:
            return "(no log)"

    def stop_server(self):
        """SIGTERM; the server must finish and exit 0. Returns a problem, or None."""
        if self.server is None or self.server.poll() is not None:
            return None if self.server is None else f"`cvsieve serve` had already exited {self.server.returncode}"
        self.server.send_signal(signal.SIGTERM)
        try:
            status = self.server.wait(timeout=WAIT * 2)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()
            return f"`cvsieve serve` did not stop within {WAIT * 2} s of SIGTERM (killed)"
        return None if status == 0 else f"`cvsieve serve` exited {status} after SIGTERM: {self.log_tail()}"

    # MARK: - Browser

    def start_browser(self):
        self.downloads = os.path.join(self.folder, "downloads")
        os.makedirs(self.downloads)
        options = webdriver.ChromeOptions()
        options.binary_location = self.chromium
        options.add_argument("--headless=new")
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        for argument in [
            "--disable-dev-shm-usage", "--window-size=1280,900",
            "--user-data-dir=" + os.path.join(self.folder, "chromium"),
            # Nothing but the server on loopback: no background services, no name resolution.
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--metrics-recording-only",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        ]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        options.add_experimental_option(
            "prefs", {"download.default_directory": self.downloads, "download.prompt_for_download": False})
        service = ChromeService(
            executable_path=self.chromedriver, log_output=os.path.join(self.folder, "chromedriver.log"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": self.downloads})

    def start(self):
        os.makedirs(self.screenshots, exist_ok=True)
        for old in os.listdir(self.screenshots):
            if re.fullmatch(r"\d\d-[a-z0-9-]+\.png", old):
                os.remove(os.path.join(self.screenshots, old))
        self.make_vault()
        self.start_server()
        self.start_browser()

    def stop(self):
        problems = []
        if self.driver is not None:
            try:
                self.driver.quit()
            except WebDriverException as error:
                problems.append(f"the browser did not quit cleanly: {error.msg}")
        problem = self.stop_server()
        if problem:
            problems.append(problem)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
        return problems


FIXTURE = None  # set by main()


class BrowserFlow(unittest.TestCase):
    """The steps run in the order of their numbers and share one browser."""

    exported_to = None  # the client the profile went to, once step 10 succeeded

    @property
    def driver(self):
        return FIXTURE.driver

    def require(self, condition, message):
        if not condition:
            self.fail(message)

    def url(self, path):
        return FIXTURE.base + path

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    # MARK: - Checks on every page

    def network(self):
        """The URLs the browser requested since the last call, and the statuses of documents.
        Every http request also goes on FIXTURE.trail as [method, path, status], for messages."""
        urls, documents = [], []
        try:
            entries = self.driver.get_log("performance")
        except WebDriverException:
            return urls, documents
        for entry in entries:
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent":
                url = params["request"]["url"]
                urls.append(url)
                if "redirectResponse" in params:
                    redirect = params["redirectResponse"]
                    documents.append((redirect["url"], redirect["status"]))
                    headers = {k.lower(): v for k, v in redirect.get("headers", {}).items()}
                    urls.append(headers.get("location", ""))
                    if params["requestId"] in FIXTURE.requests:
                        FIXTURE.requests[params["requestId"]][2] = redirect["status"]
                if url.startswith(FIXTURE.base):
                    step = [params["request"]["method"], urllib.parse.urlsplit(url).path, "?"]
                    FIXTURE.trail.append(step)
                    FIXTURE.requests[params["requestId"]] = step
            elif message["method"] == "Network.responseReceived":
                if params["requestId"] in FIXTURE.requests:
                    FIXTURE.requests[params["requestId"]][2] = params["response"]["status"]
                if params.get("type") == "Document":
                    documents.append((params["response"]["url"], params["response"]["status"]))
        return urls, documents
        for entry in entries:
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent":
                urls.append(params["request"]["url"])
                if "redirectResponse" in params:
                    redirect = params["redirectResponse"]
                    documents.append((redirect["url"], redirect["status"]))
                    headers = {k.lower(): v for k, v in redirect.get("headers", {}).items()}
                    urls.append(headers.get("location", ""))
            elif message["method"] == "Network.responseReceived" and params.get("type") == "Document":
                documents.append((params["response"]["url"], params["response"]["status"]))
        return urls, documents

    def assert_no_value_in(self, urls, where):
        """No stored value in a URL's path, query or fragment, as written or as its digits alone
        (a phone number or a date written another way). The message names no value."""
        for address in urls:
            parts = urllib.parse.urlsplit(address)
            if parts.scheme in ("http", "https"):
                address = parts.path + "?" + parts.query + "#" + parts.fragment
            decoded = urllib.parse.unquote_plus(address).casefold()
            digits = re.sub(r"\D", "", decoded)
            for number, value in enumerate(FIXTURE.values):
                folded = value.strip().casefold()
                value_digits = re.sub(r"\D", "", folded)
                hit = (len(folded) >= 3 and folded in decoded) or (len(value_digits) >= 7 and value_digits in digits)
                self.require(not hit, f"{where}: stored value no. {number} appears in a URL the browser requested")

    def visit(self, name, status=200):
        """The page the browser is on now: screenshot, then the checks every page must pass."""
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        self.shoot(name)
        urls, documents = self.network()
        self.assert_no_value_in(urls + [self.driver.current_url], name)
        current = [s for u, s in documents if u == self.driver.current_url]
        if status is not None and current:
            self.assertEqual(current[-1], status, f"{name}: HTTP status of {self.path()}")
        self.assert_console_clean(name, status)
        self.assertEqual(len(self.driver.find_elements(By.TAG_NAME, "h1")), 1, f"{name}: exactly one <h1>")
        return documents

    def shoot(self, name):
        FIXTURE.shot += 1
        self.driver.save_screenshot(os.path.join(FIXTURE.screenshots, f"{FIXTURE.shot:02d}-{name}.png"))

    def assert_console_clean(self, name, status=None):
        """No error in the browser's console: a script error, a Content-Security-Policy violation, a
        resource that failed to load. Allowed: the page's own expected error status, and the
        favicon, which the browser asks for on its own (there is none)."""
        try:
            console = self.driver.get_log("browser")
        except WebDriverException:
            return  # not every driver keeps a console log
        current = self.driver.current_url.split("#")[0]
        expected = f"the server responded with a status of {status}"

        def allowed(entry):
            message = entry["message"]
            own_status = status is not None and status >= 400 and message.startswith(current + " ")
            return (own_status and expected in message) or (
                entry.get("source") == "network" and "/favicon.ico" in message)

        errors = [
            f"{e.get('source', '?')}: {e['message']}" for e in console if e["level"] == "SEVERE" and not allowed(e)]
        self.assertEqual(errors, [], f"{name}: errors in the browser's console")

    def setUp(self):
        self.completed = False  # set by the step itself when it got to its end (see `completes`)

    def tearDown(self):
        """What arrived after a step's last page (the favicon, say): no value in a late request
        either, and no console error after a step that passed; a failed step's leftovers go with it."""
        urls, _ = self.network()
        self.assert_no_value_in(urls, f"after {self._testMethodName}")
        if self.completed:
            self.assert_console_clean(f"after {self._testMethodName}")
        else:
            try:
                self.driver.get_log("browser")
            except WebDriverException:
                pass

    def h1(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text.strip()

    def follow(self, action):
        """Does `action` (a click, a key) and waits for the next page to replace this one.

        The page is marked with a token before the action; the next page is there when the
        document no longer carries it and has loaded. (Selenium's `staleness_of` asks the old
        element, and Chrome may answer that with a generic error instead of "stale" while the
        documents swap: a race that failed CI once.)"""
        token = secrets.token_hex(8)
        self.driver.execute_script("window.cvsieveFollow = arguments[0];", token)
        action()

        def replaced(driver):
            try:
                return driver.execute_script(
                    "return window.cvsieveFollow !== arguments[0] && document.readyState === 'complete';", token)
            except WebDriverException:  # between two documents
                return False

        WebDriverWait(self.driver, WAIT).until(replaced)

    def open(self, path, name, status=200):
        self.driver.get(self.url(path))
        return self.visit(name, status)

    def be_at(self, path, name):
        """Starts a step where the one before it should have left the browser."""
        if self.path() != path:
            self.open(path, name)

    def sign_in(self, role, name):
        account = ACCOUNTS[role]
        first = len(FIXTURE.trail)
        self.open("/login", name)
        self.driver.find_element(By.NAME, "naam").send_keys(account)
        self.driver.find_element(By.NAME, "wachtwoord").send_keys(FIXTURE.passwords[account])
        self.follow(lambda: self.driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click())
        self.network()
        posted = [status for method, path, status in FIXTURE.trail[first:] if (method, path) == ("POST", "/login")]
        if posted and posted[-1] != 303:
            requests = ", ".join(" ".join(map(str, request)) for request in FIXTURE.trail[first:])
            self.fail(f"signing in as {account} was refused with {posted[-1]}; the browser's requests from opening "
                      f"the form to the answer: {requests}")

    def with_navigation(self):
        """Error pages (403, 404) carry no navigation today, and a pending step can leave the
        browser on one: then the next step starts from Kandidaten."""
        if not self.driver.find_elements(By.XPATH, "//nav//button[normalize-space()='Afmelden']"):
            self.open("/kandidaten", "kandidaten")

    def click_navigation(self, text):
        self.with_navigation()
        link = self.driver.find_element(By.XPATH, f"//nav//a[normalize-space()='{text}']")
        self.follow(link.click)

    def sign_out(self, name):
        self.with_navigation()
        button = self.driver.find_element(By.XPATH, "//nav//button[normalize-space()='Afmelden']")
        self.follow(button.click)
        self.visit(name)
        self.assertEqual(self.path(), "/login", "signing out ends on the log-in page")

    def code(self):
        return FIXTURE.codes[0]

    # MARK: - Keyboard

    def press(self, *keys):
        self.driver.switch_to.active_element.send_keys(*keys)

    def assert_focus_visible(self, element, where):
        box = self.driver.execute_script(
            """const e = arguments[0], s = getComputedStyle(e), r = e.getBoundingClientRect();
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow,
                    top: r.top, left: r.left, bottom: r.bottom, right: r.right,
                    height: innerHeight, wide: innerWidth};""", element)
        shown = element.text.strip()[:30] or element.get_attribute("name")
        label = f"{where}: the focused <{element.tag_name}> ({shown})"
        self.require(element.is_displayed(), f"{label} is not displayed")
        inside = box["bottom"] > 0 and box["right"] > 0 and box["top"] < box["height"] and box["left"] < box["wide"]
        self.require(inside and box["bottom"] > box["top"], f"{label} is outside the window")
        outlined = box["outline"] != "none" and box["width"] > 0
        self.require(outlined or box["shadow"] != "none", f"{label} has no visible focus style (no outline, no shadow)")

    def tab_to(self, matches, what, where, shot, limit=60):
        """Tab until the focused element `matches`, checking the focus style at every stop; a
        screenshot `shot` shows it focused."""
        for _ in range(limit):
            self.press(Keys.TAB)
            element = self.driver.switch_to.active_element
            if element.tag_name == "body":
                continue
            self.assert_focus_visible(element, where)
            if matches(element):
                self.shoot(shot)
                return element
        self.fail(f"{where}: {what} not reached with {limit} presses of Tab")

    def press_enter_to_follow(self):
        self.follow(lambda: self.press(Keys.ENTER))

    # MARK: - The flow with the mouse (admin)

    def test_01_login_page(self):
        """the log-in page has the fields naam and wachtwoord"""
        self.open("/login", "login")
        self.assertEqual(self.h1(), "Aanmelden")
        self.driver.find_element(By.NAME, "naam")
        self.assertEqual(self.driver.find_element(By.NAME, "wachtwoord").get_attribute("type"), "password")
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/login'] input[type=hidden][name=csrf]")

    def test_02_admin_signs_in(self):
        """the admin signs in with naam and wachtwoord"""
        self.sign_in("admin", "login-beheerder")
        self.visit("na-aanmelden")
        self.assertNotEqual(self.path(), "/login", "signed in")
        self.driver.find_element(By.XPATH, "//nav//button[normalize-space()='Afmelden']")

    def test_03_lands_on_overview(self):
        """after signing in the browser is on /overzicht, h1 Overzicht"""
        self.assertEqual(self.path(), "/overzicht")
        self.assertEqual(self.h1(), "Overzicht")

    def test_04_navigation(self):
        """the navigation links Kandidaten and Gebruikers (admin) and the Afmelden button"""
        navigation = self.driver.find_element(By.TAG_NAME, "nav")
        texts = [link.text.strip() for link in navigation.find_elements(By.TAG_NAME, "a")]
        for text in NAVIGATION_NOW:
            self.assertIn(text, texts, "navigation link")
        navigation.find_element(By.XPATH, ".//button[normalize-space()='Afmelden']")

    def test_05_navigation_to_come(self):
        """the navigation links Overzicht, Uploaden, Verzoeken, Verwerkingsregister, Audit"""
        texts = [link.text.strip() for link in self.driver.find_elements(By.CSS_SELECTOR, "nav a")]
        missing = [text for text in NAVIGATION_TO_COME if text not in texts]
        self.assertEqual(missing, [], "navigation links not there yet")

    def test_06_candidates(self):
        """Kandidaten (through the navigation) lists every stored candidate by code"""
        self.click_navigation("Kandidaten")
        self.visit("kandidaten")
        self.assertEqual(self.path(), "/kandidaten")
        self.assertEqual(self.h1(), "Kandidaten")
        table = self.driver.find_element(By.TAG_NAME, "table").text
        for code in FIXTURE.codes:
            self.assertIn(code, table, "a stored candidate's code in the table")
        page = self.driver.page_source
        shown = [number for number, value in enumerate(FIXTURE.values) if len(value) >= 4 and value in page]
        self.assertEqual(shown, [], "Kandidaten shows codes, never a stored value (numbers of the values found)")

    def test_07_candidate_links(self):
        """each code on Kandidaten links to /kandidaten/CODE"""
        self.be_at("/kandidaten", "kandidaten")
        for code in FIXTURE.codes:
            self.driver.find_element(By.CSS_SELECTOR, f"a[href='/kandidaten/{code}']")

    def test_08_candidate(self):
        """a candidate's page (opened from Kandidaten) shows its code and stored values"""
        self.be_at("/kandidaten", "kandidaten")
        link = self.driver.find_elements(By.CSS_SELECTOR, f"a[href='/kandidaten/{self.code()}']")
        if link:
            self.follow(link[0].click)
        else:
            self.driver.get(self.url(f"/kandidaten/{self.code()}"))
        self.visit("kandidaat")
        self.assertEqual(self.path(), f"/kandidaten/{self.code()}")
        self.assertIn(self.code(), self.h1())
        body = self.driver.find_element(By.TAG_NAME, "main").text
        shown = [v for v in FIXTURE.values if v in body]
        self.require(shown, "none of the candidate's stored values is on the page")
        self.require(link, "no link to the candidate on Kandidaten")

    def test_09_profile(self):
        """Profiel: h1 'Profiel CODE', fields Klant and Formaat, button Exporteren"""
        self.be_at(f"/kandidaten/{self.code()}", "kandidaat")
        self.follow(self.driver.find_element(By.LINK_TEXT, "Profiel").click)
        self.visit("profiel")
        self.assertEqual(self.path(), f"/kandidaten/{self.code()}/profiel")
        self.assertEqual(self.h1(), f"Profiel {self.code()}")
        client = self.driver.find_element(By.NAME, "klant")
        label = self.driver.find_element(By.CSS_SELECTOR, f"label[for='{client.get_attribute('id')}']")
        self.assertEqual(label.text.strip(), "Klant")
        formats = self.driver.find_element(By.NAME, "formaat")
        label = self.driver.find_element(By.CSS_SELECTOR, f"label[for='{formats.get_attribute('id')}']")
        self.assertEqual(label.text.strip(), "Formaat")
        self.assertEqual({o.get_attribute("value") for o in Select(formats).options}, EXPORT_FORMATS)
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Exporteren']")

    def test_10_export(self):
        """Exporteren (PDF, to a client) delivers a non-empty PDF file"""
        self.be_at(f"/kandidaten/{self.code()}/profiel", "profiel")
        self.driver.find_element(By.NAME, "klant").send_keys(CLIENT)
        Select(self.driver.find_element(By.NAME, "formaat")).select_by_value("pdf")
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Exporteren']").click()
        file = self.wait_for_download()
        if file is None:
            # A page that reports the export (role="status") and links to the file is fine too.
            self.visit("profiel-export")
            links = self.driver.find_elements(By.CSS_SELECTOR, "[role=status] a[href]")
            if links:
                links[0].click()
                file = self.wait_for_download()
        else:
            self.visit("profiel-export")
        self.assertIsNotNone(file, f"a file arrived in the download folder within {WAIT} s")
        self.assert_no_value_in([os.path.basename(file)], "the downloaded file's name")
        with open(file, "rb") as exported:
            content = exported.read()
        self.require(content.startswith(b"%PDF-"), f"the download is not a PDF ({len(content)} bytes)")
        BrowserFlow.exported_to = CLIENT

    def wait_for_download(self):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            done = [f for f in os.listdir(FIXTURE.downloads) if not f.endswith(".crdownload")]
            for name in done:
                path = os.path.join(FIXTURE.downloads, name)
                if os.path.getsize(path) > 0:
                    return path
            time.sleep(0.2)
        return None

    def test_11_users(self):
        """Gebruikers (admin) lists the three accounts"""
        self.click_navigation("Gebruikers")
        self.visit("gebruikers")
        self.assertEqual(self.path(), "/gebruikers")
        self.assertEqual(self.h1(), "Gebruikers")
        table = self.driver.find_element(By.TAG_NAME, "table").text
        for name in ACCOUNTS.values():
            self.assertIn(name, table)

    def test_11b_every_page(self):
        """every page of the navigation, a candidate's notice and original, and the English switch"""
        pages = [
            ("Overzicht", "overzicht"), ("Uploaden", "uploaden"), ("Verzoeken", "verzoeken"),
            ("Verwerkingsregister", "verwerkingsregister"), ("Audit", "audit"), ("Configuratie", "configuratie"),
        ]
        for text, name in pages:
            self.click_navigation(text)
            self.visit(name)
            self.assertEqual(self.path(), "/" + name)
            self.assertEqual(self.h1(), text)
        for page, name in [("informatie", "informatie"), ("origineel", "origineel")]:
            self.driver.get(self.url(f"/kandidaten/{self.code()}/{page}"))
            self.visit(name)
            self.assertIn(self.code(), self.h1())
        self.follow(self.driver.find_element(By.LINK_TEXT, "English").click)
        self.visit("overview-english")
        self.assertEqual(self.h1(), "Overview")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "en")
        self.follow(self.driver.find_element(By.LINK_TEXT, "Nederlands").click)
        self.visit("overzicht-nederlands")
        self.assertEqual(self.h1(), "Overzicht")

    def test_12_admin_signs_out(self):
        """Afmelden leads to /login; /kandidaten then redirects to /login"""
        self.sign_out("afgemeld")
        self.driver.get(self.url("/kandidaten"))
        documents = self.visit("kandidaten-afgemeld")
        self.assertEqual(self.path(), "/login", "signed out, /kandidaten sends the browser to /login")
        self.assertIn((self.url("/kandidaten"), 303), documents, "a 303 redirect from /kandidaten")

    # MARK: - Roles

    def test_13_recruiter_no_users(self):
        """a recruiter gets 403 on /gebruikers, and no Gebruikers link"""
        self.sign_in("recruiter", "login-recruiter")
        self.visit("na-aanmelden-recruiter")
        self.assertEqual(self.driver.find_elements(By.XPATH, "//nav//a[normalize-space()='Gebruikers']"), [])
        self.open("/gebruikers", "gebruikers-recruiter-403", status=403)

    def test_14_recruiter_no_audit(self):
        """a recruiter gets 403 on /audit"""
        self.open("/audit", "audit-recruiter-403", status=403)

    def test_15_recruiter_signs_out(self):
        """the recruiter signs out"""
        self.sign_out("afgemeld-recruiter")

    # MARK: - The flow with the keyboard only (recruiter)

    def test_16_keyboard_sign_in(self):
        """keyboard: sign in on /login with typing, Tab and Enter"""
        self.open("/login", "toetsenbord-login")
        active = self.driver.switch_to.active_element
        if active.get_attribute("name") != "naam":
            active = self.tab_to(
                lambda e: e.get_attribute("name") == "naam", "the field naam", "log-in", "toetsenbord-focus-naam")
        self.assert_focus_visible(active, "log-in")
        self.press(ACCOUNTS["recruiter"])
        self.press(Keys.TAB)
        active = self.driver.switch_to.active_element
        self.assertEqual(active.get_attribute("name"), "wachtwoord", "Tab from naam reaches wachtwoord")
        self.assert_focus_visible(active, "log-in")
        self.press(FIXTURE.passwords[ACCOUNTS["recruiter"]])
        self.press_enter_to_follow()
        self.visit("toetsenbord-na-aanmelden")
        self.assertNotEqual(self.path(), "/login", "signed in with the keyboard")

    def test_17_keyboard_candidates(self):
        """keyboard: Tab to Kandidaten in the navigation, Enter"""
        self.tab_to(lambda e: e.tag_name == "a" and e.text.strip() == "Kandidaten", "the link Kandidaten", "navigation",
                    "toetsenbord-focus-kandidaten")
        self.press_enter_to_follow()
        self.visit("toetsenbord-kandidaten")
        self.assertEqual(self.path(), "/kandidaten")

    def test_18_keyboard_candidate(self):
        """keyboard: Tab to the first candidate's code, Enter"""
        self.be_at("/kandidaten", "toetsenbord-kandidaten")
        link = self.tab_to(
            lambda e: e.tag_name == "a" and re.fullmatch(r"/kandidaten/[^/?]+", urllib.parse.urlsplit(
                e.get_attribute("href") or "").path or "") is not None, "a candidate's link", "Kandidaten",
            "toetsenbord-focus-kandidaat")
        target = urllib.parse.urlsplit(link.get_attribute("href")).path
        self.press_enter_to_follow()
        self.visit("toetsenbord-kandidaat")
        self.assertEqual(self.path(), target)
        self.assertIn(target.rsplit("/", 1)[1], self.h1())

    def test_19_keyboard_profile(self):
        """keyboard: Tab to Profiel, Enter"""
        self.be_at(f"/kandidaten/{self.code()}", "toetsenbord-kandidaat")
        candidate = self.path()
        self.tab_to(lambda e: e.tag_name == "a" and e.text.strip() == "Profiel", "the link Profiel", "Kandidaat",
                    "toetsenbord-focus-profiel")
        self.press_enter_to_follow()
        self.visit("toetsenbord-profiel")
        self.assertEqual(self.path(), candidate + "/profiel")

    def test_20_keyboard_sign_out(self):
        """keyboard: Tab to Afmelden, Enter"""
        self.with_navigation()
        self.tab_to(lambda e: e.tag_name == "button" and e.text.strip() == "Afmelden", "the button Afmelden", "page",
                    "toetsenbord-focus-afmelden")
        self.press_enter_to_follow()
        self.visit("toetsenbord-afgemeld")
        self.assertEqual(self.path(), "/login")

    # MARK: - Erasure (privacy officer)

    def test_21_privacy_officer_signs_in(self):
        """the privacy officer signs in"""
        self.sign_in("privacy-officer", "login-privacy")
        self.visit("na-aanmelden-privacy")
        self.assertNotEqual(self.path(), "/login", "signed in")

    def test_22_erase(self):
        """Wissen, the clients to inform, Definitief wissen: the candidate is gone (404, not listed)"""
        code = self.code()
        self.open(f"/kandidaten/{code}", "kandidaat-privacy")
        self.follow(self.driver.find_element(By.LINK_TEXT, "Wissen").click)
        self.visit("wissen")
        self.assertEqual(self.path(), f"/kandidaten/{code}/wissen")
        if BrowserFlow.exported_to:
            self.assertIn(BrowserFlow.exported_to, self.driver.find_element(By.TAG_NAME, "main").text,
                          "the client that received the profile is listed to inform")
        self.follow(self.driver.find_element(By.XPATH, "//button[normalize-space()='Definitief wissen']").click)
        self.visit("gewist")
        self.open("/kandidaten", "kandidaten-na-wissen")
        self.assertNotIn(code, self.driver.find_element(By.TAG_NAME, "main").text)
        self.open(f"/kandidaten/{code}", "kandidaat-gewist-404", status=404)
        listed = [c["code"] for c in json.loads(FIXTURE.cvsieve("candidates", "--json"))]
        self.assertNotIn(code, listed, "the vault no longer holds the candidate")

    def test_23_privacy_officer_signs_out(self):
        """the privacy officer signs out; /kandidaten then redirects to /login"""
        self.sign_out("afgemeld-privacy")
        self.open("/kandidaten", "kandidaten-afgemeld-privacy")
        self.assertEqual(self.path(), "/login")


def completes(step):
    """Marks the step as having run to its end, for `tearDown` (keeps @pending's marks)."""

    @functools.wraps(step)
    def run(self):
        step(self)
        self.completed = True

    return run


for _name in [n for n in vars(BrowserFlow) if n.startswith("test_")]:
    setattr(BrowserFlow, _name, completes(getattr(BrowserFlow, _name)))


def reason(trace):
    """The last exception line of a traceback, without selenium's links and driver details."""
    lines = [line for line in trace.splitlines() if re.match(r"^[\w.]+(Error|Exception): ", line)]
    return (lines[-1] if lines else trace.strip().splitlines()[-1]).split("; For documentation")[0][:300]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(REPO, ".build/debug/cvsieve"))
    parser.add_argument("--screenshots", default=os.path.join(REPO, "var/screenshots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    arguments = parser.parse_args()
    missing = [
        (arguments.binary, "the cvsieve binary: `swift build` (make browser-test builds it)"),
        (arguments.chromium, "Chromium: `apt-get install chromium` (make browser-test installs it)"),
        (arguments.chromedriver, "chromedriver: `apt-get install chromium-driver` (make browser-test installs it)"),
    ]
    for path, what in missing:
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            sys.exit(f"browser test: {path} is missing; it is {what}")
    # Selenium must not look for (or download) a driver or browser of its own.
    os.environ["SE_OFFLINE"] = "true"
    os.environ["SE_AVOID_STATS"] = "true"

    global FIXTURE
    FIXTURE = Fixture(
        os.path.abspath(arguments.binary), arguments.chromium, arguments.chromedriver,
        os.path.abspath(arguments.screenshots))
    started = time.monotonic()
    result = None
    try:
        FIXTURE.start()
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(BrowserFlow)
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout, failfast=False).run(suite)
    except Exception as error:  # the fixture: say what is missing or broken, then clean up
        print(f"browser test: setting up failed: {error}", file=sys.stderr)
    finally:
        problems = FIXTURE.stop()
    for problem in problems:
        print(f"browser test: {problem}", file=sys.stderr)
    if result is None:
        return 1
    waiting = result.expectedFailures
    if waiting:
        print(f"\nPending, expected to fail until their pages land ({len(waiting)}):")
        for test, trace in waiting:
            waits_for = getattr(getattr(test, test._testMethodName), "waits_for", "")
            print(f"  {test._testMethodName}: waits for {waits_for}\n      now: {reason(trace)}")
    for test in result.unexpectedSuccesses:
        print(f"browser test: {test._testMethodName} passes now: remove its @pending mark", file=sys.stderr)
    shots = len([f for f in os.listdir(FIXTURE.screenshots) if f.endswith(".png")])
    failed = len({test.id() for test, _ in result.failures + result.errors})
    passed = result.testsRun - failed - len(waiting) - len(result.unexpectedSuccesses)
    print(f"browser test: {shots} screenshots in {FIXTURE.screenshots}, {time.monotonic() - started:.1f} s")
    print(f"browser test: {passed} passed, {failed} failed, "
          f"{len(waiting)} pending, {len(result.unexpectedSuccesses)} unexpectedly passed")
    return 0 if result.wasSuccessful() and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
