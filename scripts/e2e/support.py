"""What the end-to-end scripts share: a free port, waiting for a server, a local SMTP inbox, a headless
Chromium in Spanish (Colombia), a `vigia serve` on the demo data, one way to fill a form (dates included),
the axe-core audit (WCAG 2.1 A and AA) and what a failed run leaves behind."""
import datetime, email, email.policy, json, os, re, shutil, socket, subprocess, sys, tempfile, time, traceback

WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium(width=1366, height=900):
    """Headless Chromium driven by Selenium (Debian's chromium and chromium-driver), in Spanish
    (Colombia): a date input shows and takes dd/mm/aaaa, as a user in Colombia sees it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=es-CO"):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": "es-CO,es"})
    o.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    # Chromium on Linux takes its interface language (and so the date inputs' order) from the environment.
    env = dict(os.environ, LANGUAGE="es_CO:es", LANG="es_CO.UTF-8")
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver", env=env), options=o)
    d.implicitly_wait(2)
    return d


def today():
    """Today in Colombia, as the server dates everything (America/Bogota, UTC−5): the machine's own
    zone would be a day ahead from 19:00 on a UTC machine."""
    from zoneinfo import ZoneInfo
    return datetime.datetime.now(ZoneInfo("America/Bogota")).date()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Keeps every message the local SMTP server receives."""
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, msg["Subject"], msg.get_body(("plain",)).get_content()))
        return "250 OK"

    def wait_for(self, rcpt, count=1, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.messages if rcpt in m[0]]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.2)
        raise AssertionError(f"no llegó el correo {count} para {rcpt}; recibidos: {[m[0] for m in self.messages]}")


def wait_listening(port, log, tries=300):
    """Returns once something accepts connections on the port (30 s at most)."""
    for _ in range(tries):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"el servidor del puerto {port} no arrancó; ver {log}")


class DemoServer:
    """`vigia migrate`, `vigia demo` and `vigia serve` on a SQLite file in a temporary folder of its own.
    `credentials` maps each demo e-mail to its password. Use it in a `with`: the server stops on the
    way out, whatever happened."""
    def __init__(self, vigia, root, prefix="vigia-e2e-"):
        self.vigia, self.root = vigia, root
        self.work = tempfile.mkdtemp(prefix=prefix)
        self.log = os.path.join(self.work, "serve.log")
        self.env = dict(os.environ, DATABASE_URL=f"sqlite:{self.work}/vigia.sqlite", VIGIA_DATA_DIR=f"{self.work}/datos",
                        VIGIA_REMINDERS="0", VIGIA_LOGIN_DELAY="0")
        self.process = None

    def __enter__(self):
        try:
            subprocess.run([self.vigia, "migrate"], env=self.env, check=True, capture_output=True, timeout=300)
            demo = subprocess.run([self.vigia, "demo", "--credentials", f"{self.work}/credenciales.txt"], env=self.env, check=True,
                                  capture_output=True, text=True, timeout=300, cwd=self.root).stdout
            self.credentials = dict(re.findall(r"^\s*[^:\n]+: (\S+@vigia\.local) / (\S+)$", demo, re.M))
            port = free_port()
            self.process = subprocess.Popen([self.vigia, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=self.env,
                                            cwd=self.root, stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
            wait_listening(port, self.log)
            self.base = f"http://127.0.0.1:{port}"
            return self
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def run_on_demo(name, vigia, root, prefix, shots, run):
    """The body of a journey's main: `run(server)` against a `DemoServer`; prints the line it returns, or
    the traceback and where to look (`shots`, the server's log); returns the exit code."""
    server = None
    try:
        with DemoServer(vigia, root, prefix=prefix) as server:
            line = run(server)
        print(f"{name}: {line}")
        return 0
    except Exception:
        traceback.print_exc()
        log = f", registro del servidor en {server.log}" if server else ""
        print(f"{name}: FALLÓ; capturas en {shots}{log}", file=sys.stderr)
        return 1


# Filling forms -------------------------------------------------------------------------------------

def fill_date(driver, el, date):
    """Types `date` (a datetime.date) into a date field, native (type=date) or text (dd/mm/aaaa),
    with real keys, and checks what the field then holds. A native one in Spanish takes the day,
    the month and the year in that order; its value is aaaa-mm-dd."""
    from selenium.webdriver.common.keys import Keys
    if el.get_attribute("type") == "date":
        driver.execute_script("arguments[0].focus()", el)
        el.send_keys(date.strftime("%d%m%Y"))
        got = el.get_attribute("value")
        assert got == date.isoformat(), (
            f"el campo de fecha {el.get_attribute('name')!r} quedó en {got!r} al teclear {date:%d/%m/%Y}; se esperaba "
            f"{date.isoformat()}: Chromium no está en español (el orden de día, mes y año sigue su idioma; sin el paquete "
            f"chromium-l10n, que instala make deps, queda en inglés y toma mm/dd/aaaa)")
    else:
        el.send_keys(Keys.CONTROL, "a")
        el.send_keys(Keys.DELETE)
        el.send_keys(date.strftime("%d/%m/%Y"))
        got = el.get_attribute("value")
        assert got == date.strftime("%d/%m/%Y"), f"el campo de fecha {el.get_attribute('name')!r} quedó en {got!r}"


def fill(driver, fields, scope=None):
    """Fills fields by name: a select by an option's value or text, a file input with a path, a
    date (datetime.date) through `fill_date`, a checkbox with True/False, any other field with text."""
    from selenium.webdriver.common.by import By
    for name, value in fields.items():
        el = (scope or driver).find_element(By.NAME, name)
        kind = el.get_attribute("type")
        if el.tag_name == "select":
            for opt in el.find_elements(By.TAG_NAME, "option"):
                if opt.get_attribute("value") == value or opt.text == value:
                    opt.click()
                    break
            else:
                raise AssertionError(f"{name}: no hay la opción {value!r}")
        elif isinstance(value, datetime.date):
            fill_date(driver, el, value)
        elif kind == "file":
            el.send_keys(value)
        elif kind == "checkbox":
            if el.is_selected() != bool(value):
                el.click()
        else:
            el.clear()
            el.send_keys(value)


# Accessibility -------------------------------------------------------------------------------------

_AXE = None


def axe_source():
    """axe-core's axe.min.js, as the PyPI package axe-playwright-python carries it (installed with
    --no-deps by `make deps`; npm is not reachable from every build machine). Found through the
    package's metadata: importing it would need Playwright."""
    global _AXE
    if _AXE is None:
        from importlib import metadata
        try:
            dist = metadata.distribution("axe-playwright-python")
        except metadata.PackageNotFoundError:
            raise AssertionError("falta axe-core: pip install --no-deps axe-playwright-python==0.1.8 (make deps lo instala)")
        path = next((dist.locate_file(f) for f in dist.files or [] if f.name == "axe.min.js"), None)
        assert path and os.path.exists(path), "axe-playwright-python no trae axe.min.js"
        with open(path, encoding="utf-8") as f:
            _AXE = f.read()
    return _AXE


def axe_violations(driver, tags=WCAG21_AA):
    """Runs axe-core on the current page with the WCAG 2.1 A and AA rules; returns its violations."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));", tags)
    violations = json.loads(result)
    if isinstance(violations, dict):
        raise AssertionError(f"axe-core falló: {violations['error']}")
    return violations


def audit(driver, where):
    """Fails, naming each rule and element, unless axe-core finds the current page clean (WCAG 2.1 A and AA)."""
    violations = axe_violations(driver)
    if violations:
        raise AssertionError(f"axe-core: {len(violations)} reglas WCAG 2.1 A/AA violadas en {where} ({driver.current_url}):\n"
                             + describe_violations(violations))


def describe_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"      {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " · ")
            if summary:
                lines.append(f"        {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"      … y {len(v['nodes']) - 8} elementos más")
    return "\n".join(lines)


def horizontal_overflow(driver):
    """(scrollWidth, innerWidth) of the current page: the page overflows sideways when the first is larger."""
    return tuple(driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]"))


def save_failure(drivers, folder):
    """A screenshot and the source of the current page of every open browser, into `folder`; returns what was saved."""
    os.makedirs(folder, exist_ok=True)
    saved = []
    for name, d in drivers.items():
        try:
            png = os.path.join(folder, f"fallo-{name}.png")
            d.save_screenshot(png)
            html = os.path.join(folder, f"fallo-{name}.html")
            with open(html, "w", encoding="utf-8") as f:
                f.write(f"<!-- {d.current_url} -->\n" + d.page_source)
            saved += [png, html]
        except Exception as e:   # a browser that already died leaves nothing
            saved.append(f"{name}: {e}")
    return saved
