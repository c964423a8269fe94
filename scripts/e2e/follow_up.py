#!/usr/bin/env python3
"""A follow-up round from start to end, by every role, in a real browser (headless Chromium driven by
Selenium), with an accessibility audit of every page it opens.

On the demo data (SQLite): the OCI imports a plan file (B-I-007 as text) of the Secretaría de Hacienda
and opens a seguimiento whose cut-off is a few days ahead; the Hacienda responsable reports the progress
of an action with an evidence file, and of another one with the keyboard alone; the OCI grades with that
evidence in view (the last action with the keyboard alone) and publishes; a citizen, with no account,
finds the publication on /transparencia, downloads the PDF and checks that its SHA-256 is the one the page
shows; the responsable sees the OCI's grade; the administrador creates a user; the consulta user reads the
plans, the program, the risk map and the dashboards and finds nothing that writes.

Every page, for every role (the public ones and forms sent back with errors included), passes axe-core's
WCAG 2.1 A and AA rules with no violation. A form sent back with errors marks each wrong field
aria-invalid and ties it (aria-describedby) to its Spanish message. Every page the responsable opens fits
390 px without scrolling sideways. The keyboard-only parts check that the first Tab reaches «Saltar al
contenido», that Enter on it moves the focus into <main>, that the focus is visible at every step and
that Tab goes through the fields in document order. Dates are relative to today.

Usage: follow_up.py PATH/TO/vigia                 (run by `make test`; exits non-zero on the first failure,
                                                   leaving a screenshot and the source of each browser's page
                                                   in .build/e2e/follow_up/)
       follow_up.py PATH/TO/vigia --screens DIR   (screenshots of the main pages of each role at 1366 and
                                                   390 px, named ROLE-PAGE-WIDTH.png; `make screens`)
"""
import contextlib, datetime, hashlib, os, re, struct, sys, time, urllib.parse, urllib.request, zlib
from support import (axe_violations, chromium, describe_violations, fill, horizontal_overflow,
                     run_on_demo, save_failure, today)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, ".build/e2e/follow_up")
NARROW = 390
TODAY = today()


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


class Failure(AssertionError):
    pass


# One person in one browser --------------------------------------------------------------------------

class Person:
    """A browser for one role. Every page it lands on goes through axe-core (WCAG 2.1 A and AA); with
    `phone`, also at 390 px, where it may not scroll sideways."""
    audited = []   # (role, title, width) of every page audited, all browsers together

    def __init__(self, base, role, width=1366, phone=False):
        self.base, self.role, self.width, self.phone, self.pages = base, role, width, phone, 0
        self.d = chromium(width, 900)

    # Pages
    def open(self, path):
        self.d.get(path if path.startswith("http") else self.base + path)
        self.settle()
        self.audit()

    def settle(self, token=None):
        """Waits for the page (a new one, when `token` marked the one before) to be loaded. While a page gives
        way to the next, Chromium may answer a script with an error: that is «not yet»."""
        def ready(d):
            try:
                return d.execute_script("return window.vigiaPage !== arguments[0] && document.readyState === 'complete'", token)
            except WebDriverException:
                return False
        WebDriverWait(self.d, 30).until(ready)

    def audit(self):
        violations = axe_violations(self.d)
        where = f"{self.role} en {self.path()} («{self.d.title}», {self.d.execute_script('return window.innerWidth')} px)"
        if violations:
            raise Failure(f"axe-core (WCAG 2.1 A y AA): {len(violations)} violaciones para {where}:\n{describe_violations(violations)}")
        width = self.d.execute_script("return window.innerWidth")
        Person.audited.append((self.role, self.d.title, width))
        if self.phone and width != NARROW:
            self.narrow()

    def path(self):
        u = urllib.parse.urlsplit(self.d.current_url)
        return u.path + (f"?{u.query}" if u.query else "")

    def navigating(self, action):
        """Runs `action` (a click, a key) and waits for the next page; audits it."""
        token = os.urandom(8).hex()
        self.d.execute_script("window.vigiaPage = arguments[0]", token)
        action()
        self.settle(token)
        self.audit()

    def fill(self, fields):
        fill(self.d, fields)

    def submit(self, text=None, scope="main form"):
        buttons = [b for b in self.d.find_elements(By.CSS_SELECTOR, f"{scope} button[type=submit]") if text is None or b.text == text]
        assert buttons, f"{self.role}: no hay un botón «{text}» en {self.path()}"
        self.navigating(buttons[0].click)

    def follow(self, text):
        """Follows the link whose text contains `text`."""
        link = self.d.find_element(By.PARTIAL_LINK_TEXT, text)
        self.navigating(link.click)

    def sign_in(self, email, password):
        self.open("/ingresar")
        self.fill({"email": email, "password": password})
        self.submit(scope="form")
        assert "/ingresar" not in self.d.current_url, f"{email} no pudo ingresar: {self.text()[:300]}"

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def see(self, text):
        body = self.text()
        assert text in body, f"{self.role}: no se ve «{text}» en {self.path()}:\n{body[:2000]}"

    def flash(self):
        return " ".join(e.text for e in self.d.find_elements(By.CSS_SELECTOR, ".flash"))

    def cookies(self):
        return "; ".join(f"{c['name']}={c['value']}" for c in self.d.get_cookies())

    def download(self, href, signed_in=True):
        url = urllib.parse.urljoin(self.base + "/", href)
        req = urllib.request.Request(url, headers={"Cookie": self.cookies()} if signed_in else {})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read()

    # Narrow screens
    def narrow(self):
        """At 390 px: the window really is 390 px wide, the page does not scroll sideways, axe passes."""
        self.d.set_window_size(NARROW, 900)
        try:
            inner = self.d.execute_script("return window.innerWidth")
            assert inner == NARROW, f"Chromium no acepta una ventana de {NARROW} px: window.innerWidth = {inner}"
            scroll, inner = horizontal_overflow(self.d)
            self.pages += 1
            slug = re.sub(r"\W+", "-", self.d.title.split(" · Vigía")[0].lower()).strip("-")[:40]
            self.d.save_screenshot(os.path.join(OUT, f"{self.role}-{self.pages:02d}-{slug}-{NARROW}.png"))
            assert scroll <= inner, f"{self.role}: {self.path()} se desborda a {NARROW} px (scrollWidth {scroll} > {inner})"
            self.audit()
        finally:
            self.d.set_window_size(self.width, 900)

    def quit(self):
        self.d.quit()


# Forms sent back with errors ----------------------------------------------------------------------

def announced_error(p, name, words):
    """The field `name` is aria-invalid and described by an element holding its Spanish message."""
    el = p.d.find_element(By.NAME, name)
    assert el.get_attribute("aria-invalid") == "true", f"{name}: falta aria-invalid=\"true\" en {p.path()}"
    ids = (el.get_attribute("aria-describedby") or "").split()
    assert ids, f"{name}: falta aria-describedby en {p.path()}"
    texts = []
    for i in ids:
        found = p.d.find_elements(By.ID, i)
        assert found, f"{name}: aria-describedby nombra «{i}», que no existe en la página"
        texts.append(found[0].text.strip())
    said = " ".join(texts)
    assert all(w in said for w in words), f"{name}: la descripción «{said}» no es el error esperado ({words})"
    summary = " ".join(e.text for e in p.d.find_elements(By.CSS_SELECTOR, "[role=alert]"))
    assert any(t and t in summary for t in texts), f"{name}: el mensaje «{said}» no está en el resumen de errores «{summary}»"
    return said


# Keyboard only -------------------------------------------------------------------------------------

FOCUS = """
const e = document.activeElement, s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
const shadow = !!s.boxShadow && s.boxShadow !== 'none';
return {tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || '', type: e.getAttribute('type') || '',
        text: (e.innerText || e.getAttribute('aria-label') || e.value || '').trim().slice(0, 70),
        visible: outline || shadow, style: s.outlineStyle + ' ' + s.outlineWidth + ' / ' + s.boxShadow,
        inMain: !!e.closest('main'), isMain: e.tagName === 'MAIN'};
"""

TABBABLE = """
const [from, to] = arguments;
const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter(e =>
  e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
if (from === null) return all.filter(e => e.closest('main')).slice(0, 1);
return all.slice(all.indexOf(from), all.indexOf(to) + 1);
"""


class Keyboard:
    """Drives a page with keys only, sent to the focused element; checks each focus it lands on."""
    def __init__(self, p):
        self.p, self.d, self.trail = p, p.d, []

    def press(self, *keys):
        """Keys to the focused element. On a file input WebDriver's send_keys means «choose this file»:
        there the same keys go as plain key events (ActionChains), which also reach the focused element."""
        active = self.d.switch_to.active_element
        if active.get_attribute("type") != "file":
            active.send_keys(*keys)
        elif keys[0] == Keys.SHIFT:
            ActionChains(self.d).key_down(Keys.SHIFT).send_keys(*keys[1:]).key_up(Keys.SHIFT).perform()
        else:
            ActionChains(self.d).send_keys(*keys).perform()

    def focus(self):
        return self.d.execute_script(FOCUS)

    def tab(self, back=False):
        before = self.d.switch_to.active_element
        self.press(Keys.SHIFT, Keys.TAB) if back else self.press(Keys.TAB)
        now, info = self.d.switch_to.active_element, self.focus()
        where = f"{info['tag']} {info['name'] or info['text']!r} en {self.p.path()}"
        assert info["visible"], f"el foco no se ve en {where} (outline/box-shadow: {info['style']})"
        if before != now and before.tag_name != "body":
            position = self.d.execute_script("return arguments[0].compareDocumentPosition(arguments[1])", before, now)
            expected = 2 if back else 4   # DOCUMENT_POSITION_PRECEDING / FOLLOWING
            assert position & expected, f"{'Mayús+' if back else ''}Tab salta fuera del orden del documento hasta {where}"
        if back:   # the way forward is kept up to the field Shift+Tab came back to
            kept = [k for k, e in enumerate(self.trail) if e == now]
            self.trail = self.trail[:kept[-1] + 1] if kept else [now]
        else:
            self.trail.append(now)
        return info

    def start(self):
        """From the top of a fresh page: the first Tab is the skip link, Enter puts the focus in main."""
        info = self.tab()
        assert info["text"] == "Saltar al contenido", f"el primer Tab de {self.p.path()} va a {info}, no a «Saltar al contenido»"
        self.press(Keys.ENTER)
        info = self.focus()
        assert info["inMain"] or info["isMain"], f"Enter en «Saltar al contenido» dejó el foco en {info}, fuera de <main>"
        self.trail = []

    def tab_to(self, wanted, limit=400):
        """Tabs until `wanted(info)`; the fields on the way are every tabbable one, in document order."""
        for _ in range(limit):
            info = self.tab()
            if wanted(info):
                return info
        raise Failure(f"{limit} veces Tab en {self.p.path()} y no se llegó al campo buscado")

    def check_order(self):
        """Every tabbable element between the first and the last focused was focused, in document order."""
        seen = []
        for e in self.trail:
            if not seen or seen[-1] != e:
                seen.append(e)
        expected = self.d.execute_script(TABBABLE, seen[0], seen[-1])
        first = self.d.execute_script(TABBABLE, None, None)
        assert first and first[0] == seen[0], f"el primer Tab después de «Saltar al contenido» no va al primer elemento de <main>"
        names = lambda els: [f"{e.tag_name}:{e.get_attribute('name') or e.text[:30]}" for e in els]
        assert seen == expected, f"el orden de Tab no recorre los campos en el orden del documento:\n  Tab: {names(seen)}\n  documento: {names(expected)}"

    def type(self, text):
        self.press(text)


# Files ------------------------------------------------------------------------------------------

def plan_file(path):
    """A B-I-007 plan of the Secretaría de Hacienda as a text file, as Samples/plan-mejoramiento-demo.tsv."""
    y, f = TODAY.year, lambda d: d.strftime("%d/%m/%Y")
    rows = [
        "", "",
        "ALCALDÍA DE SAN ISIDRO DEL VALLE\tPROCESO EVALUACIÓN INDEPENDIENTE\t\t\t\t",
        "\tNOMBRE DEL FORMATO\t\t\t\t",
        "\tFORMULACIÓN Y SEGUIMIENTO A PLANES DE MEJORAMIENTO\t\t\t\t",
        f"\tFECHA {f(day(-60))}\tVERSIÓN 3\tCÓDIGO EI-F-012\tCONSECUTIVO 1 de 1\t",
        "",
        "PLAN DE MEJORAMIENTO\t\t\t\t\t\t\t\tSEGUIMIENTO (para diligenciamiento exclusivo de la OCI)\t\t\t\t\t\t\t",
        f"Unidad Auditable:\tSecretaría de Hacienda\t\tNo. de la auditoría:\tAI-E2E-{y}\tPeriodo de la auditoría:\t01/01/{y - 1} a 31/12/{y - 1}"
        f"\tFecha suscripción:\t{f(day(-45))}\t\tNo. Seguimiento:\t\t\t\t\t",
        "No.\tDESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN\tCAUSA\tACCIONES CORRECTIVAS O PREVENTIVAS\tRESPONSABLE\tTIEMPO PROGRAMADO\t\tMETA"
        "\tINDICADOR DE ACCIÓN DE CUMPLIMIENTO\t% DE AVANCE\tEVIDENCIAS\tOBSERVACIONES\tESTADO DE LA ACCIÓN\t% DE HALLAZGO\tESTADO DE HALLAZGO\t",
        "\t\t\t\t\tFECHA INICIAL\tFECHA FINAL\t\t\t\t\t\t\t\t\t",
        f"1\tLas conciliaciones bancarias de las cuentas de recaudo del impuesto de industria y comercio se elaboraron con más de "
        f"40 días de retraso y 6 de ellas no tienen la firma de quien las revisa.\tUn solo funcionario elabora y revisa las "
        f"conciliaciones y no hay un cronograma de cierre mensual.\tElaborar, revisar y firmar la conciliación de cada cuenta de "
        f"recaudo dentro de los diez primeros días hábiles del mes siguiente.\tTesorería\t{f(day(-40))}\t{f(day(50))}\t100% de las "
        f"cuentas de recaudo conciliadas a tiempo\tCuentas conciliadas a tiempo / Cuentas de recaudo\t\t\t\t\t\t\t",
        f"\t\t\tDepurar las partidas conciliatorias de más de 180 días de las cuentas de recaudo, con soporte de cada ajuste."
        f"\tTesorería & Contabilidad\t{f(day(-20))}\t{f(day(80))}\t100% de las partidas antiguas depuradas\tPartidas depuradas / "
        f"Partidas de más de 180 días\t\t\t\t\t\t\t",
        f"2\tLos expedientes de devoluciones de saldos a favor no tienen hoja de control y la foliación está incompleta.\tNo hay "
        f"responsable del archivo de gestión de la Secretaría.\tOrganizar, foliar y elaborar la hoja de control de los expedientes "
        f"de devoluciones.\tSubsecretaría de Rentas\t{f(day(-10))}\t{f(day(120))}\t100% de los expedientes organizados\tExpedientes "
        f"organizados / Expedientes de devoluciones\t\t\t\t\t\t\t",
        "",
        "CONTROL DE CAMBIOS\t\t\t",
        "No. REVISIÓN\tDESCRIPCIÓN DE LA MODIFICACIÓN\tFECHA DE APROBACIÓN\tVERSIÓN ACTUALIZADA",
        f"1\tFormulación inicial del plan\t{f(day(-45))}\t1",
        "Elaborado por:\t\tRevisado por:\t",
        "\t\tAprobado por:\t",
        "Laura Benavides Ortiz\t\tCarlos Andrés Muñoz\t",
        "Profesional Universitario OCI\t\tJefe Oficina de Control Interno\t",
    ]
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(rows) + "\n")


def png_file(path):
    """A small real PNG (a 24×12 green-and-white image) made here, as evidence."""
    w, h = 24, 12
    raw = b"".join(b"\0" + b"".join(b"\x1e\x6b\x34" if (x // 6 + y // 6) % 2 else b"\xff\xff\xff" for x in range(w)) for y in range(h))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path, "rb") as f:
        return f.read()


# The journey ------------------------------------------------------------------------------------

# A control that changes something is named by its verb first: «Nuevo usuario», «Calificar el seguimiento 1», «+ Acción».
WRITE_WORDS = re.compile(r"\s*(\+|(nuev[oa]s?|agregar|añadir|crear|editar|modificar|cambiar|calificar|registrar|publicar|corregir|"
                         r"importar|eliminar|quitar|borrar|reportar|completar|reformular|revisar|aprobar|rechazar|guardar|subir|"
                         r"adjuntar|desactivar|reactivar|copiar|firmar|marcar|usar|enviar|invitar|desbloquear|revocar)\b)", re.I)
WRITE_PATHS = [re.compile(p) for p in (
    r"/(nuevo|nueva|editar|importar|revision|reformular|fechas|monitoreo|evidencias|publicar|corregir|eliminar|estado|"
    r"firmas|control-de-cambios|desactivar|reactivar|copiar|logo)$",
    r"^/planes/[^/]+/seguimientos/\d+$", r"^/planes/[^/]+/reformulaciones/", r"^/riesgos/[^/]+/riesgos/",
    r"^/riesgos/[^/]+/seguimiento/", r"^/riesgos/metodologias/[^/]+$", r"^/programas/[^/]+/(actividades|componentes)/",
    r"^/programas/[^/]+/periodos/\d+/seguimiento$", r"^/plantillas", r"^/administracion", r"^/instalacion", r"^/cuenta/tokens")]


def nothing_writes(p):
    """The page offers the consulta user nothing that writes: the only form that posts is «Salir»; every other
    form asks with GET and holds no button named for a change; no link or button in the page is named for a
    change (Nuevo, Editar, Calificar, Publicar…) and no link in <main> leads to a form that changes something (the
    header's links, the same for every role, lead to the person's own account); nothing is editable."""
    where = f"consulta en {p.path()}"
    posts = [f for f in p.d.find_elements(By.CSS_SELECTOR, "form") if (f.get_attribute("method") or "get").lower() != "get"]
    assert len(posts) == 1 and posts[0].get_attribute("action").endswith("/salir") and posts[0].text.strip() == "Salir", \
        f"{where}: formularios que envían datos: {[(f.get_attribute('action'), f.text[:40]) for f in posts]}"
    for el in p.d.find_elements(By.CSS_SELECTOR, "main a, main button, main input, main select, main textarea, main [contenteditable], "
                                                  "main [role=button], header a"):
        tag = el.tag_name
        name = " ".join(filter(None, [el.text, el.get_attribute("aria-label"), el.get_attribute("title"), el.get_attribute("value")
                                      if el.get_attribute("type") in ("submit", "button") else ""]))
        if el.get_attribute("contenteditable") in ("true", ""):
            raise Failure(f"{where}: un elemento editable ({tag} {name!r})")
        if tag in ("input", "select", "textarea", "button"):
            form = p.d.execute_script("return arguments[0].form ? arguments[0].form.method : null", el)
            assert form == "get", f"{where}: un campo fuera de un filtro: {tag} {el.get_attribute('name')!r}"
        if tag == "a" and el.get_attribute("title") == "Cambiar la contraseña":
            continue   # the person's own password: in the header of every role
        if WRITE_WORDS.match(name):
            raise Failure(f"{where}: {tag} «{name.strip()}» promete un cambio")
        href = el.get_attribute("href") or ""
        if href.startswith(p.base) and p.d.execute_script("return !!arguments[0].closest('main')", el):
            path = urllib.parse.urlsplit(href).path
            for rule in WRITE_PATHS:
                if rule.search(path):
                    raise Failure(f"{where}: el enlace «{name.strip()}» lleva a un formulario que escribe ({path})")


@contextlib.contextmanager
def browsers():
    """The browsers of a run, by role: on a failure each one's page is saved (screenshot and HTML) into OUT;
    at the end, whatever happened, every one is closed."""
    people = {}
    try:
        yield people
    except BaseException:
        saved = save_failure({r: p.d for r, p in people.items()}, OUT)
        print("follow_up: página de cada navegador al fallar:\n  " + "\n  ".join(saved), file=sys.stderr)
        raise
    finally:
        for p in people.values():
            try:
                p.quit()
            except Exception as e:   # the others must still be closed
                print(f"follow_up: no se pudo cerrar un navegador: {e}", file=sys.stderr)


def journey(server, work):
    base, credentials = server.base, server.credentials
    with browsers() as people:
        def person(role, email=None):
            p = people[role] = Person(base, role, phone=role == "responsable")
            if email:
                p.sign_in(email, credentials[email])
            return p

        # 1. The OCI imports a plan file and opens a seguimiento with the cut-off five days ahead.
        oci = person("oci", "oci@vigia.local")
        oci.open("/planes")
        oci.follow("Importar")
        plan_file(os.path.join(work, "plan-hacienda.tsv"))
        oci.fill({"archivo": os.path.join(work, "plan-hacienda.tsv")})
        oci.submit("Importar")
        assert "Plan importado: 2 hallazgos y 3 acciones." in oci.flash(), oci.flash()
        plan = re.search(r"/planes/([0-9A-Fa-f-]{36})", oci.d.current_url).group(1)
        oci.follow("Registrar seguimiento")
        oci.fill({"fechaCorte": day(5), "fechaSeguimiento": day(5), "reporteDesde": day(-1), "reporteHasta": day(4)})
        oci.submit("Crear y calificar")
        assert oci.path() == f"/planes/{plan}/seguimientos/1", oci.path()
        actions = [e.get_attribute("name")[4:] for e in oci.d.find_elements(By.CSS_SELECTOR, "input[name^=pct_]")]
        assert len(actions) == 3, actions

        # 2. The responsable reports 1.1 with a file (after a refused %), and 1.2 with the keyboard alone.
        hacienda = person("responsable", "hacienda@vigia.local")
        hacienda.open(f"/planes/{plan}")
        hacienda.follow("Reportar avance (seguimiento 1)")
        report_1 = f"/planes/{plan}/seguimientos/1/acciones/{actions[0]}/autoreporte"
        hacienda.open(report_1)
        evidence = png_file(os.path.join(work, "conciliaciones-firmadas.png"))
        hacienda.fill({"porcentaje": "150", "descripcion": "Se conciliaron y firmaron las cuentas de recaudo de los dos últimos meses.",
                       "archivos": os.path.join(work, "conciliaciones-firmadas.png")})
        hacienda.submit("Guardar el autoreporte")
        announced_error(hacienda, "porcentaje", ["% de avance"])
        hacienda.fill({"porcentaje": "55", "archivos": os.path.join(work, "conciliaciones-firmadas.png")})
        hacienda.submit("Guardar el autoreporte")
        assert "Autoreporte guardado con 1 archivo(s)" in hacienda.flash(), hacienda.flash()

        hacienda.open(f"/planes/{plan}/seguimientos/1/acciones/{actions[1]}/autoreporte")
        keys = Keyboard(hacienda)
        keys.start()
        keys.tab_to(lambda f: f["name"] == "porcentaje")
        keys.type("30")
        assert keys.tab()["name"] == "descripcion"
        keys.type("Se identificaron las partidas de más de 180 días; falta el soporte de 12 ajustes.")
        assert keys.tab(back=True)["name"] == "porcentaje"
        keys.press(Keys.BACKSPACE, Keys.BACKSPACE)
        keys.type("35")
        assert keys.tab()["name"] == "descripcion"
        assert keys.tab()["name"] == "enlaces"
        assert keys.tab()["name"] == "archivos"
        info = keys.tab()
        assert info["tag"] == "button" and info["text"] == "Guardar el autoreporte", info
        keys.check_order()
        hacienda.navigating(lambda: keys.press(Keys.ENTER))
        assert "Autoreporte guardado." in hacienda.flash(), hacienda.flash()
        hacienda.see("35 %")

        # The monitoreo of the risk map, «Su monitoreo del …» on the map page.
        hacienda.open("/riesgos")
        hacienda.navigating(hacienda.d.find_element(By.CSS_SELECTOR, "main a[href^='/riesgos/']:not([href$='/nuevo'])").click)
        section = [s for s in hacienda.d.find_elements(By.CSS_SELECTOR, "main section")
                   if s.find_elements(By.TAG_NAME, "h2") and s.find_element(By.TAG_NAME, "h2").text.startswith("Su monitoreo del ")]
        assert section, "el mapa no muestra al responsable «Su monitoreo del …»"
        hacienda.navigating(section[0].find_element(By.CSS_SELECTOR, "a[href$='/reporte']").click)

        # 3. The OCI grades with the evidence in view: a refused % first, then with the keyboard alone; publishes.
        grading = f"/planes/{plan}/seguimientos/1"
        oci.open(grading)
        file_link = oci.d.find_element(By.PARTIAL_LINK_TEXT, "Archivo: conciliaciones-firmadas.png")
        assert oci.download(file_link.get_attribute("href")) == evidence, "la evidencia descargada no es el archivo que subió el responsable"
        oci.see("55 % · Se conciliaron y firmaron")
        oci.fill({f"pct_{actions[2]}": "ciento diez"})
        oci.submit("Guardar el seguimiento")
        announced_error(oci, f"pct_{actions[2]}", ["Hallazgo 2, acción 1", "% de avance"])

        oci.open(grading)
        keys = Keyboard(oci)
        keys.start()
        keys.tab_to(lambda f: f["name"] == f"pct_{actions[0]}")
        keys.type("60")
        assert keys.tab()["name"] == f"ev_{actions[0]}"
        keys.type("Conciliaciones firmadas de los dos últimos meses (conciliaciones-firmadas.png, autoreporte del responsable).")
        assert keys.tab()["name"] == f"obs_{actions[0]}"
        keys.type("Avance verificado con la evidencia; faltan los meses anteriores.")
        assert keys.tab(back=True)["name"] == f"ev_{actions[0]}"
        assert keys.tab()["name"] == f"obs_{actions[0]}"
        keys.tab_to(lambda f: f["tag"] == "button" and f["text"] == "Guardar el seguimiento")
        keys.check_order()
        oci.navigating(lambda: keys.press(Keys.SPACE))
        assert "Seguimiento 1 guardado." in oci.flash(), oci.flash()
        oci.submit("Publicar seguimiento 1")
        published = re.search(r"SHA-256 del PDF: ([0-9a-f]{64})", oci.flash())
        assert published, oci.flash()
        sha = published.group(1)

        # 4. A citizen finds the publication, downloads the PDF and checks its SHA-256.
        citizen = person("ciudadano")
        citizen.open("/transparencia")
        if citizen.path() == "/transparencia":   # several entities: the list first (one entity goes straight to its page)
            citizen.navigating(citizen.d.find_element(By.CSS_SELECTOR, "main a[href^='/transparencia/']").click)
        # The row names the plan (unidad auditable and audit) and the round, and carries the hash.
        title = f"Secretaría de Hacienda (auditoría AI-E2E-{TODAY.year}) · Seguimiento 1"
        rows = [r for r in citizen.d.find_elements(By.CSS_SELECTOR, "main tbody tr") if title in r.text]
        assert len(rows) == 1, f"/transparencia no lista «{title}» una vez"
        assert sha in rows[0].text, f"la fila de «{title}» no muestra el SHA-256 {sha}: {rows[0].text}"
        assert TODAY.strftime("%d/%m/%Y") in rows[0].text, rows[0].text
        shown = rows[0].find_element(By.CSS_SELECTOR, "code.hash").text.strip()
        view = rows[0].find_element(By.XPATH, ".//a[starts-with(normalize-space(.), 'Ver')]").get_attribute("href")
        pdf = citizen.download(rows[0].find_element(By.XPATH, ".//a[starts-with(normalize-space(.), 'PDF')]").get_attribute("href"), signed_in=False)
        assert pdf.startswith(b"%PDF"), pdf[:20]
        assert hashlib.sha256(pdf).hexdigest() == shown == sha, f"SHA-256 del PDF {hashlib.sha256(pdf).hexdigest()}, la página dice {shown}"
        citizen.open(view)   # the published document as a page: it names the plan
        citizen.see("Secretaría de Hacienda")
        citizen.see(f"AI-E2E-{TODAY.year}")
        citizen.follow("Verificar un documento")
        citizen.fill({"sha256": hashlib.sha256(pdf).hexdigest()})
        citizen.submit("Verificar")
        citizen.see("Coincide:")
        citizen.open("/ingresar")

        # 5. The responsable sees the OCI's grade.
        hacienda.open(f"/planes/{plan}?seguimiento=1")
        row = hacienda.d.find_element(By.XPATH, "//main//tr[.//td[contains(., 'Elaborar, revisar y firmar la conciliación')]]").text
        assert "60 %" in row and "Avance verificado con la evidencia" in row, row
        hacienda.open(report_1)
        hacienda.see("La OCI ya calificó esta acción en el seguimiento 1")

        # 6. The administrador creates a user (a refused one first: a role is required).
        admin = person("administrador", "admin@vigia.local")
        admin.follow("Administración")
        admin.follow("Usuarios")
        admin.follow("Nuevo usuario")
        admin.fill({"nombre": "Marta Lucía Cárdenas", "email": "mcardenas@vigia.local", "cargo": "Profesional de Planeación"})
        admin.submit("Crear y enviar la invitación")
        announced_error(admin, "rol", ["Rol: elija uno."])
        admin.fill({"rol": "Consulta"})
        admin.submit("Crear y enviar la invitación")
        admin.see("entregue este enlace a la persona por otro medio")
        admin.open("/administracion/usuarios")
        admin.see("Marta Lucía Cárdenas")

        # 7. The consulta user reads everything and finds nothing that writes.
        consulta = person("consulta", "consulta@vigia.local")
        nothing_writes(consulta)
        for path in ("/planes", f"/planes/{plan}?seguimiento=1", f"/planes/{plan}/seguimientos/1/autoreportes", "/acciones",
                     "/programas", "/riesgos", "/planes/comite?formato=html"):
            consulta.open(path)
            nothing_writes(consulta)
        for listing, prefix in (("/programas", "/programas/"), ("/riesgos", "/riesgos/")):
            consulta.open(listing)
            consulta.navigating(consulta.d.find_element(By.CSS_SELECTOR, f"main a[href^='{prefix}']").click)
            nothing_writes(consulta)
        consulta.open(f"/planes/{plan}/seguimientos/1/acciones/{actions[0]}/autoreporte")
        nothing_writes(consulta)
        consulta.see("55 %")
        consulta.open(grading)   # the grading form's address answers with a refusal, itself accessible
        consulta.see("Solo la Oficina de Control Interno registra y califica")
        assert not consulta.d.find_elements(By.CSS_SELECTOR, "input[name^=pct_]"), "consulta ve el formulario de calificación"


# Screenshots of the main pages ---------------------------------------------------------------------

def screens(server, folder, cap=2400):
    """ROLE-PAGE-1366.png and ROLE-PAGE-390.png of the pages that show what Vigía is, on the demo data."""
    os.makedirs(folder, exist_ok=True)
    base, credentials = server.base, server.credentials
    taken = []

    def shoot(p, name):
        for width in (1366, NARROW):
            p.d.set_window_size(width, 900)
            height = min(cap, p.d.execute_script("return document.documentElement.scrollHeight"))
            p.d.set_window_size(width, max(height, 600))
            path = os.path.join(folder, f"{p.role}-{name}-{width}.png")
            p.d.save_screenshot(path)
            compress(path)
            taken.append(path)
        p.d.set_window_size(1366, 900)

    def visit(p, name, path=None, link=None, text=None):
        if path:
            p.open(path)
        elif text:
            p.follow(text)
        else:
            p.navigating(p.d.find_element(By.CSS_SELECTOR, link).click)
        shoot(p, name)

    with browsers() as people:
        public = people["publico"] = Person(base, "publico")
        visit(public, "ingresar", "/ingresar")
        visit(public, "transparencia", "/transparencia")
        oci = people["oci"] = Person(base, "oci")
        oci.sign_in("oci@vigia.local", credentials["oci@vigia.local"])
        visit(oci, "inicio", "/")
        oci.open("/planes")
        visit(oci, "plan", link="main table a[href^='/planes/']")
        plan = oci.path().split("?")[0]
        visit(oci, "calificar", text="Calificar el seguimiento")
        visit(oci, "acciones", "/acciones")
        oci.open("/programas")
        visit(oci, "programa", link="main table a[href^='/programas/']")
        oci.open("/riesgos")
        visit(oci, "mapa-riesgos", link="main table a[href^='/riesgos/']")
        hacienda = people["responsable"] = Person(base, "responsable")
        hacienda.sign_in("hacienda@vigia.local", credentials["hacienda@vigia.local"])
        visit(hacienda, "inicio", "/")
        hacienda.open(plan)
        hacienda.follow("Reportar avance (seguimiento")
        visit(hacienda, "autoreporte", link="main a[href$='/autoreporte']")
        hacienda.open("/riesgos")
        hacienda.navigating(hacienda.d.find_element(By.CSS_SELECTOR, "main table a[href^='/riesgos/']").click)
        visit(hacienda, "monitoreo-riesgo", link="main a[href$='/reporte']")
        admin = people["administrador"] = Person(base, "administrador")
        admin.sign_in("admin@vigia.local", credentials["admin@vigia.local"])
        visit(admin, "usuarios", "/administracion/usuarios")
        consulta = people["consulta"] = Person(base, "consulta")
        consulta.sign_in("consulta@vigia.local", credentials["consulta@vigia.local"])
        visit(consulta, "inicio", "/")
    return taken


def compress(path):
    """Rewrites the PNG with a palette of 256 colours, without dithering (a page's flat colours and text
    keep their look at a quarter of the size), when Pillow is installed (`make screens` installs it);
    leaves it as Chromium wrote it otherwise."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as img:
        small = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main():
    args = sys.argv[1:]
    folder = None
    if "--screens" in args:
        i = args.index("--screens")
        assert i + 1 < len(args), "uso: follow_up.py PATH/TO/vigia --screens CARPETA"
        folder = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    vigia = os.path.abspath(args[0] if args else ".build/debug/vigia")
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    started = time.time()

    def run(server):
        if folder:
            return f"{len(screens(server, folder))} capturas en {folder} ({time.time() - started:.0f} s)"
        journey(server, server.work)
        roles = sorted({r for r, _, _ in Person.audited})
        phone = sum(1 for _, _, w in Person.audited if w == NARROW)
        return (f"importar, abrir el seguimiento, autoreportar con evidencia, calificar, publicar, verificar el SHA-256 en "
                f"/transparencia, crear un usuario y leer sin escribir, en Chromium; {len(Person.audited)} páginas sin violaciones "
                f"WCAG 2.1 A/AA de axe-core ({', '.join(roles)}; {phone} de ellas a {NARROW} px, sin desborde), errores anunciados, "
                f"una calificación y un autoreporte solo con el teclado ({time.time() - started:.0f} s; capturas a {NARROW} px en {OUT})")
    return run_on_demo("follow_up", vigia, ROOT, "vigia-seguimiento-", OUT, run)


if __name__ == "__main__":
    sys.exit(main())
