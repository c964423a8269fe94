#!/usr/bin/env python3
"""Closing a finding for real, in a real browser (headless Chromium driven by Selenium).

On the demo data (SQLite): the OCI adds a finding whose only action ended a few days ago, grades
it at 100 % and records the review of eficacia and efectividad with an evidence file, which
closes the finding; the Hacienda responsable proposes new dates for action 1.1; the OCI opens the
proposal from the plan page and approves it; the plan page, the Excel download and the PDF show
1.1 REFORMULADA and its successor. Dates are relative to today, so the journey holds any day.

Usage: closing.py PATH/TO/vigia   (run by `make test`; exits non-zero on the first failure and
leaves screenshots of every step, at 1366 and 390 px, in .build/e2e/closing/).
"""
import datetime, io, os, re, subprocess, sys, time, zipfile
import urllib.request
from support import audit, chromium, fill, run_on_demo, today
from selenium.webdriver.common.by import By

VIGIA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/vigia")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, ".build/e2e/closing")


def day(offset):
    """A date `offset` days from today (a datetime.date: `fill` types it into a date field, native or text)."""
    return today() + datetime.timedelta(days=offset)


class Browser:
    def __init__(self, base, who):
        self.base, self.who, self.step = base, who, 0
        self.d = chromium()

    def shot(self, name, narrow=False):
        """Saves the page (and at 390 px when `narrow`) and audits it with axe-core (WCAG 2.1 A and AA)."""
        self.step += 1
        self.d.save_screenshot(os.path.join(SHOTS, f"{self.who}-{self.step:02d}-{name}.png"))
        audit(self.d, f"{self.who}: {name}")
        if narrow:
            self.d.set_window_size(390, 900)
            self.d.save_screenshot(os.path.join(SHOTS, f"{self.who}-{self.step:02d}-{name}-390.png"))
            width = self.d.execute_script("return document.documentElement.scrollWidth")
            self.d.set_window_size(1366, 900)
            return width
        return None

    def open(self, path, name, narrow=False):
        self.d.get(self.base + path)
        return self.shot(name, narrow)

    def fill(self, fields):
        fill(self.d, fields)

    def submit(self, name, text=None):
        buttons = self.d.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")
        button = next(b for b in buttons if text is None or b.text == text)
        button.click()
        time.sleep(0.3)
        self.shot(name)

    def sign_in(self, email, password):
        self.d.get(self.base + "/ingresar")
        self.fill({"email": email, "password": password})
        self.d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        time.sleep(0.3)

    def page(self):
        return self.d.page_source

    def flash(self):
        return " ".join(e.text for e in self.d.find_elements(By.CSS_SELECTOR, ".flash"))

    def link(self, text):
        return self.d.find_element(By.PARTIAL_LINK_TEXT, text)

    def quit(self):
        self.d.quit()


def journey(base, credentials, work):
    oci = Browser(base, "oci")
    hacienda = Browser(base, "hacienda")
    try:
        oci.sign_in("oci@vigia.local", credentials["oci@vigia.local"])
        oci.open("/planes", "planes")
        oci.d.find_element(By.CSS_SELECTOR, "main table a[href^='/planes/']").click()
        plan = oci.d.current_url.split("/planes/")[1].split("?")[0]

        # 1. A finding whose one action ended five days ago, graded at 100 % in the open round (the demo's follow-up 3).
        oci.open(f"/planes/{plan}/hallazgos/nuevo", "nuevo-hallazgo")
        oci.fill({"descripcion": "Las actas del comité de conciliación de 2025 no estaban firmadas ni publicadas."})
        oci.submit("hallazgo-creado")
        numero = re.search(r"Hallazgo (\d+) agregado", oci.flash()).group(1)
        oci.fill({"descripcion": "Firmar y publicar las actas pendientes del comité de conciliación", "responsable": "Oficina Jurídica",
                  "fechaInicial": day(-90), "fechaFinal": day(-5), "meta": "12 actas firmadas y publicadas", "indicador": "Número de actas publicadas"})
        oci.submit("accion-creada")
        assert "Acción agregada" in oci.flash(), oci.flash()
        oci.open(f"/planes/{plan}/seguimientos/3", "calificar")
        box = oci.d.find_element(By.CSS_SELECTOR, f"input[aria-label='Hallazgo {numero}, acción 1: % de avance']")
        box.clear()
        box.send_keys("100")
        oci.submit("calificado", text="Guardar el seguimiento")
        # The grading form no longer offers CERRADO for a finding nor CERRADA for an action.
        oci.open(f"/planes/{plan}/seguimientos/3", "calificar-sin-cerrado")
        assert 'value="cerrado"' not in oci.page() and 'value="cerrada"' not in oci.page()

        # 2. The review of eficacia and efectividad closes it.
        oci.open(f"/planes/{plan}", "plan-antes-de-revisar")
        oci.link("Revisar eficacia y efectividad").click()
        assert f"hallazgo {numero}" in oci.page()
        width = oci.shot("revision", narrow=True)
        assert width <= 400, f"el formulario de revisión no cabe en 390 px (ancho {width})"
        evidence = os.path.join(work, "acta-verificacion.pdf")
        with open(evidence, "wb") as f:
            f.write(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        oci.fill({"criterios": "Se verificaron las 12 actas firmadas en el archivo y su publicación en la sede electrónica.",
                  "eficacia": "eficaz", "efectividad": "sin_evaluar", "decision": "cerrar", "archivos": evidence})
        oci.submit("revision-rechazada")
        assert "un hallazgo se cierra solo si las acciones fueron EFICACES y EFECTIVAS" in oci.page(), "cerrar sin efectividad debe rechazarse"
        oci.fill({"efectividad": "efectiva", "archivos": evidence})
        oci.submit("revision-registrada")
        assert "quedó CERRADO y sus acciones CERRADAS" in oci.flash(), oci.flash()
        oci.d.get(f"{base}/planes/{plan}#cierre")
        oci.shot("cierre")
        section = oci.d.find_element(By.ID, "cierre").text
        assert re.search(rf"(^|\n){numero} CERRADO\n[^\n]*EFICAZ, EFECTIVA → cerrar el hallazgo", section), section
        oci.link("acta-verificacion.pdf")   # the evidence is linked

        # 3. The responsable proposes new dates for 1.1; the OCI approves them.
        hacienda.sign_in("hacienda@vigia.local", credentials["hacienda@vigia.local"])
        hacienda.open(f"/planes/{plan}", "plan")
        hacienda.d.find_element(By.CSS_SELECTOR, "a[aria-label='Reformular la acción 1.1']").click()
        width = hacienda.shot("reformular", narrow=True)
        assert width <= 400, f"el formulario de reformulación no cabe en 390 px (ancho {width})"
        hacienda.fill({"justificacion": "El módulo de cartera estuvo fuera de servicio durante la migración del sistema.",
                       "fecha_final": day(150)})
        hacienda.submit("propuesta")
        assert "pendiente de aprobación" in hacienda.flash(), hacienda.flash()

        oci.open(f"/planes/{plan}", "pendiente")
        assert "Reformulaciones pendientes de decisión" in oci.page()
        oci.link("acción 1.1 (").click()
        oci.shot("decision", narrow=True)
        assert "(igual)" in oci.page() and day(150).strftime("%d/%m/%Y") in oci.page()
        oci.submit("aprobada", text="Aprobar la reformulación")
        flash = oci.flash()
        assert "quedó REFORMULADA y la reemplaza la acción 1." in flash, flash
        oci.open(f"/planes/{plan}", "plan-reformulada")
        assert "REFORMULADA el " in oci.page() and "Reformula la acción 1.1, aprobada el " in oci.page()

        # 4. The official documents say so too.
        cookies = {c["name"]: c["value"] for c in oci.d.get_cookies()}
        def download(fmt):
            req = urllib.request.Request(f"{base}/planes/{plan}/documento/{fmt}", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
            return urllib.request.urlopen(req).read()
        xlsx = download("xlsx")
        strings = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/sharedStrings.xml").decode()
        assert "REFORMULADA el " in strings and "Reformula la acción 1.1" in strings and "Hallazgo cerrado con la revisión" in strings
        pdf = os.path.join(work, "plan.pdf")
        with open(pdf, "wb") as f:
            f.write(download("pdf"))
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert "REFORMULADA" in text, "el PDF no muestra REFORMULADA"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, os.path.join(SHOTS, "plan-pdf")], check=True)
    finally:
        oci.quit()
        hacienda.quit()


def main():
    os.makedirs(SHOTS, exist_ok=True)
    for old in os.listdir(SHOTS):
        os.remove(os.path.join(SHOTS, old))
    def run(server):
        journey(server.base, server.credentials, server.work)
        return ("revisión de eficacia y efectividad que cierra un hallazgo, y reformulación propuesta por el responsable y "
                f"aprobada por la OCI, en Chromium; capturas en {SHOTS}")
    return run_on_demo("closing", VIGIA, ROOT, "vigia-cierre-", SHOTS, run)


if __name__ == "__main__":
    sys.exit(main())
